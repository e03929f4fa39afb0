import { distance } from "fastest-levenshtein";
import { foldText, stem } from "./text-match.js";

/**
 * Diagnosis names as the judge compares them: folded, British spellings met with American
 * ones, stemmed, numbered qualifiers joined to their number ("type 1" -> "type1"), filler out.
 */

/** Words that add nothing to a disease's name ("Hirschsprung disease" = "Hirschsprung"). */
const FILLER = new Set(
  "a an the of in on to and or for disease syndrome disorder condition unspecified nos other its this is it".split(" "),
);
const ROMAN: Record<string, string> = { i: "1", ii: "2", iii: "3", iv: "4", v: "5" };
const NUMBERED = new Set(["type", "grade", "stage", "class"]);

/** Words after which the rest of a name is detail: cause, site, level or trigger. */
const DETAIL_START = /\b(due to|secondary to|caused by|triggered by|with|from|at|of the|in the|involving|affecting)\b/;

/** One word, spelled the American way and stemmed: "tumour" = "tumor", "oedema" = "edema". */
export const normaliseWord = (word: string): string => stem(word.length >= 5 ? word.replace(/our$/, "or").replace(/ae|oe/g, "e") : word);

/** A name's words, normalised and with filler out, in order, each with the words it was written as. */
function wordsAsWritten(text: string, words: ReadonlyMap<string, string>): { word: string; written: string }[] {
  const folded = foldText(text).split(" ").filter((w) => w !== "");
  const out: { word: string; written: string }[] = [];
  for (let i = 0; i < folded.length; i++) {
    const w = folded[i]!;
    const next = folded[i + 1];
    if (NUMBERED.has(w) && next !== undefined) {
      out.push({ word: `${w}${ROMAN[next] ?? next}`, written: `${w} ${next}` });
      i++;
      continue;
    }
    if (FILLER.has(w)) continue;
    const n = normaliseWord(w);
    out.push({ word: words.get(n) ?? n, written: w });
  }
  return out;
}

/** A name's words, normalised and with filler out, in order; `words` maps equivalent words to one. */
export const nameWords = (text: string, words: ReadonlyMap<string, string> = new Map()): string[] => wordsAsWritten(text, words).map((w) => w.word);

/** Each normalised word of a name and how the name wrote it, for reasons a person reads ("typeb" was "type b"). */
export const writtenWords = (text: string, words: ReadonlyMap<string, string> = new Map()): Map<string, string> =>
  new Map(wordsAsWritten(text, words).map((w) => [w.word, w.written]));

/** A name split into its main part and its detail (after "due to", "with", a comma …). */
export interface SplitName {
  main: string[];
  detail: string[];
}

export function splitName(text: string, words: ReadonlyMap<string, string> = new Map()): SplitName {
  const [head = "", ...tail] = text.split(",");
  const folded = foldText(head);
  const cut = folded.search(DETAIL_START);
  const mainText = cut > 0 ? folded.slice(0, cut) : folded;
  const detailText = [cut > 0 ? folded.slice(cut) : "", ...tail].join(" ");
  return { main: nameWords(mainText, words), detail: nameWords(detailText, words) };
}

/** Pairs of word parts that turn one disease into another: an edit between them is never a typo. */
const CONTRASTING_PARTS: readonly (readonly [string, string])[] = [
  ["hypo", "hyper"],
  ["itis", "osis"],
  ["itis", "oma"],
  ["osis", "oma"],
  ["plasia", "trophy"],
  ["plasia", "plasm"],
  ["emia", "uria"],
  ["otic", "itic"],
  ["intra", "extra"],
  ["inter", "intra"],
  ["ectomy", "otomy"],
  ["ectomy", "ostomy"],
  ["ante", "anti"],
  ["uni", "bi"],
];

/** True when two words differ in a part that names a different disease (hypo-/hyper-, -itis/-osis, -plasia/-trophy). */
export const contrastingParts = (a: string, b: string): boolean =>
  CONTRASTING_PARTS.some(([x, y]) => (a.includes(x) && b.includes(y) && !a.includes(y)) || (a.includes(y) && b.includes(x) && !a.includes(x)));

/** How many edits a misspelt word of this length may be from the word meant. */
const typoBound = (length: number): number => (length >= 8 ? 2 : length >= 5 ? 1 : 0);

/**
 * The word a misspelt word stands for among `targets`: one within a bounded edit distance
 * (one edit for five to seven letters, two from eight), that differs in no disease-changing
 * part, when `known` (every word of every disease name the judge knows) does not hold the
 * word itself: a real word ("nephritic") is never taken for another ("nephrotic").
 */
export function typoOf(word: string, targets: Iterable<string>, known: ReadonlySet<string>): string | undefined {
  if (known.has(word) || /\d/.test(word)) return undefined;
  const bound = typoBound(word.length);
  if (bound === 0) return undefined;
  let best: { target: string; d: number } | undefined;
  for (const target of targets) {
    if (target === word || Math.abs(target.length - word.length) > bound || typoBound(target.length) === 0) continue;
    const d = distance(word, target);
    if (d <= bound && !contrastingParts(word, target) && (!best || d < best.d)) best = { target, d };
  }
  return best?.target;
}
