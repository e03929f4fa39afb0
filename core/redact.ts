import type { Diagnosis } from "./case.js";
import { containsRun, foldText, terms } from "./text-match.js";

/**
 * What is left of a text whose every sentence named the diagnosis. A sentence that names it is
 * dropped whole: a "[withheld]" hole gives the answer away by its shape ("mini-[withheld]") and
 * garbles the finding around it.
 */
export const NOTHING_TO_SHARE = "No further detail is given.";

/** Words that name nothing: a name made only of these ("normal", "no acute pathology") is never redacted or matched. */
const EMPTY_WORDS = new Set(
  (
    "no not none non without normal healthy well benign nothing " +
    "acute chronic subacute severe mild moderate simple uncomplicated complicated primary secondary " +
    "disease diseases syndrome disorder condition illness pathology abnormality problem of the and with"
  ).split(" "),
);

/**
 * Words too common to stand for a diagnosis when a name is shortened or taken from brackets:
 * "Acute pain" must not become "pain", nor "(left)" become "left".
 */
const GENERIC_WORDS = new Set([
  ...EMPTY_WORDS,
  ..."pain ache fever infection inflammation injury failure attack bleeding bleed mass lesion tumour tumor cancer heart lung kidney liver headache cough rash viral bacterial left right bilateral upper lower".split(
    " ",
  ),
]);

/** Leading words a name may lose and still name the same disease ("Acute appendicitis"). */
const LEADING_QUALIFIERS = new Set(["acute", "chronic", "subacute", "severe", "mild", "moderate", "simple", "uncomplicated", "primary"]);
/** Trailing words a name may lose ("Hirschsprung disease" = "Hirschsprung"). */
const TRAILING_GENERIC = new Set(["disease", "syndrome", "disorder", "condition"]);

/** A name as written and without its bracketed part; and the bracketed parts ("PML"). */
const bracketForms = (name: string): { written: string[]; bracketed: string[] } => ({
  written: [name, name.replace(/\([^)]*\)/g, " ")],
  bracketed: [...name.matchAll(/\(([^)]*)\)/g)].map((m) => m[1] ?? ""),
});

/**
 * Shorter forms of a name: without its leading qualifiers ("appendicitis"), without a trailing
 * "disease"/"syndrome" ("Hirschsprung"), and without both only when two or more words remain:
 * "acute aortic syndrome" must not shrink to "aortic".
 */
const coresOf = (words: readonly string[]): string[][] => {
  let start = 0;
  let end = words.length;
  while (start < end && LEADING_QUALIFIERS.has(words[start]!)) start++;
  while (end > 0 && TRAILING_GENERIC.has(words[end - 1]!)) end--;
  const both = words.slice(start, end);
  return [words.slice(start), words.slice(0, end), ...(both.length >= 2 ? [both] : [])];
};

const namesSomething = (words: readonly string[], common: ReadonlySet<string>): boolean =>
  words.some((w) => !common.has(w)) && words.join("").length >= 2;

const wordsOf = (text: string): string[] => {
  const folded = foldText(text);
  return folded === "" ? [] : folded.split(" ");
};

/**
 * Every way the given names may appear, as folded word lists, longest first: each name as
 * written and without its brackets, unless it names nothing ("no acute pathology"); its
 * bracketed parts and (with `cores`) its shorter forms, unless only common words remain.
 */
export function nameForms(names: readonly string[], options: { cores?: boolean } = {}): string[][] {
  const forms = new Map<string, string[]>();
  const add = (words: string[], common: ReadonlySet<string>) => {
    if (namesSomething(words, common)) forms.set(words.join(" "), words);
  };
  for (const name of names) {
    const { written, bracketed } = bracketForms(name);
    for (const words of written.map(wordsOf)) {
      add(words, EMPTY_WORDS);
      if (options.cores) for (const core of coresOf(words)) add(core, GENERIC_WORDS);
    }
    for (const words of bracketed.map(wordsOf)) add(words, GENERIC_WORDS);
  }
  return [...forms.values()].sort((a, b) => b.join(" ").length - a.join(" ").length);
}

/**
 * The names a diagnosis goes by: its name and synonyms plus `otherNames` (a knowledge-base
 * disease's). A no-disease answer ("no acute pathology") is matched only as written. A form
 * found in `visibleText` (the presentation the panel already has) is no secret and is left
 * out: "faint", short for "simple faint", when the patient came in because she fainted.
 */
export function diagnosisNameForms(diagnosis: Diagnosis, otherNames: readonly string[] = [], visibleText = ""): string[][] {
  const visible = terms(visibleText);
  return nameForms([diagnosis.name, ...diagnosis.synonyms, ...otherNames], { cores: !diagnosis.no_disease }).filter(
    (words) => !containsRun(visible, terms(words.join(" "))),
  );
}

/** A word's letters as patterns, "ae"/"oe" spellings meeting "e". */
const letterPatterns = (word: string): string[] => [...word.replace(/ae|oe/g, "e")].map((ch) => (ch === "e" ? "[ao]?e" : ch));

/** One word as a pattern: "ae"/"oe" spellings, and letters spelled out with dots or spaces. */
function wordPattern(word: string): string {
  const gap = word.length >= 4 ? "[\\s.\\-_*·]?" : "\\.?";
  return letterPatterns(word).join(gap);
}

/** A folded name as a pattern over folded text: any punctuation between words, "'s" or "s" after each. */
const phrasePattern = (words: readonly string[]): string =>
  words.map((w) => `${wordPattern(w)}(?:['’]?s)?`).join("[^a-z0-9]+");

/**
 * Runs of letters a phrasePattern match must contain once everything but letters and digits is
 * dropped: every gap, apostrophe and separator phrasePattern lets in is neither, so each word's
 * letters stand in a row, except where an "e" may be spelled "ae" or "oe". The pieces of each
 * word between its e's are therefore in the text as written: a cheap test with no regular
 * expression to compile (V8 compiled the old one on every case, most of a reply's cost).
 */
const letterRuns = (words: readonly string[]): string[] =>
  words.flatMap((w) => w.replace(/ae|oe/g, "e").split("e")).filter((run) => run !== "");

/** The text folded (lower case, no accents), and where each folded character's source range starts and ends. */
interface Folded {
  folded: string;
  start: (i: number) => number;
  end: (i: number) => number;
}

/**
 * The text folded character by character. Most replies are plain ASCII: lower case keeps every
 * character where it was, so the map is the identity and the per-character Unicode fold (once
 * most of a gatekeeper reply's cost) is skipped.
 */
function foldWithMap(text: string): Folded {
  if (!/[^\x00-\x7f]/.test(text)) return { folded: text.toLowerCase(), start: (i) => i, end: (i) => i + 1 };
  let folded = "";
  const start: number[] = [];
  const end: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = ch.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    for (const c of f) {
      folded += c;
      start.push(i);
      end.push(i + ch.length);
    }
    i += ch.length;
  }
  return { folded, start: (k) => start[k]!, end: (k) => end[k]! };
}

/** An interpretation tacked on to a finding ("..., in keeping with X") is a clause of its own, dropped without the finding. */
const CLAUSE = /[^.;!?\n]+?(?:[.;!?]+|\n|$|(?=,\s*(?:in keeping with|consistent with|suggestive of|compatible with|typical of|diagnostic of|due to)\b))/gi;

/** Sentences and clauses with their source ranges: a full stop, semicolon, question or exclamation mark ends one. */
const sentenceRanges = (text: string): [number, number][] => {
  const ranges: [number, number][] = [];
  for (const m of text.matchAll(CLAUSE)) if (m[0].trim() !== "") ranges.push([m.index, m.index + m[0].length]);
  return ranges;
};

/**
 * A filter that drops every sentence of a text that mentions the diagnosis: its name,
 * synonyms and `otherNames`, case-insensitive and whole-word, with possessives, plurals,
 * punctuation, accents, British or American spelling, letters spelled out ("a-p-p-e-n-d-...")
 * and the name written backwards. A last line of defence for every gatekeeper reply. Forms
 * the panel already sees in `visibleText` are left alone (see diagnosisNameForms).
 */
export function diagnosisRedactor(diagnosis: Diagnosis, otherNames: readonly string[] = [], visibleText = ""): (text: string) => string {
  const forms = diagnosisNameForms(diagnosis, otherNames, visibleText);
  const reversed = forms
    .filter((words) => words.join("").length >= 5)
    .map((words) => [...words].reverse().map((w) => [...w].reverse().join("")));
  const names = [...forms, ...reversed];
  if (names.length === 0) return (text) => text;
  const patterns = names.map(phrasePattern);
  const runs = names.map(letterRuns);
  // V8 compiles a pattern when first used, tens of milliseconds for one of every name: a text is
  // matched against the names whose runs of letters (letterRuns) it holds, in their order. A name
  // lacking a run cannot match anywhere in the text, so the smaller alternation finds exactly the
  // matches the whole one would, and costs a fraction to compile.
  const compiled = new Map<string, RegExp>();
  const patternFor = (present: number[]): RegExp => {
    const key = present.join(",");
    const known = compiled.get(key);
    if (known) return known;
    const pattern = new RegExp(`(?<![a-z0-9])(?:${present.map((i) => patterns[i]).join("|")})(?![a-z0-9])`, "g");
    compiled.set(key, pattern);
    return pattern;
  };
  return (text) => {
    const { folded, start, end } = foldWithMap(text);
    const bare = folded.replace(/[^a-z0-9]+/g, "");
    const present = runs.flatMap((name, i) => (name.every((run) => bare.includes(run)) ? [i] : []));
    if (present.length === 0) return text;
    const ranges: [number, number][] = [];
    for (const m of folded.matchAll(patternFor(present))) {
      if (m[0].length === 0) continue;
      ranges.push([start(m.index), end(m.index + m[0].length - 1)]);
    }
    if (ranges.length === 0) return text;
    const kept = sentenceRanges(text)
      .filter(([from, to]) => !ranges.some(([a, b]) => a < to && b > from))
      .map(([from, to]) => text.slice(from, to).trim());
    // A clause that now opens a sentence opens with a capital.
    const out = kept.map((piece, i) => (i === 0 || /[.!?]$/.test(kept[i - 1]!) ? piece.charAt(0).toUpperCase() + piece.slice(1) : piece)).join(" ");
    return out === "" ? NOTHING_TO_SHARE : out.replace(/[;,]$/, ".").replace(/([^.!?])$/, "$1.");
  };
}

/** Drops the sentences naming the diagnosis from one text; build a diagnosisRedactor once to filter many. */
export const redactDiagnosis = (text: string, diagnosis: Diagnosis, otherNames: readonly string[] = []): string =>
  diagnosisRedactor(diagnosis, otherNames)(text);
