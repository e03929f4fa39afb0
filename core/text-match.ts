/**
 * Deterministic matching of free text against topics and names: folded text, stop words out,
 * a light stemmer so that plurals and verb forms meet ("coughs", "coughing" -> "cough";
 * "diarrhoea", "diarrhea" -> "diarrhe"). Used by the offline gatekeeper and the judge.
 */

/** Lower case, accents, possessive "'s" and contractions dropped ("doesn't" = "does not"), punctuation turned to spaces. */
export const foldText = (text: string): string =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/n['’]t\b/g, " not")
    .replace(/['’](s|re|ve|ll|d|m)\b/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** Words that carry no topic in a question to a patient or a chart. */
const STOP_WORDS = new Set(
  (
    "a an the and or but of to in on at for from by with as into about over under than then so if " +
    "is are was were be been being am do does did done doing have has had having get got " +
    "can could would will shall should may might must " +
    "i me my we our you your he him his she her hers they them their it its this that these those " +
    "there here what which who whom whose when where why how " +
    "any anything some something ever recently currently now today yet still also just very much many " +
    "please tell ask know let describe notice noticed noticing experience experienced experiencing " +
    "patient patients pt mr mrs ms " +
    "no not nor s"
  ).split(" "),
);

const undouble = (w: string): string => (/([^aeiouylsz])\1$/.test(w) ? w.slice(0, -1) : w);
const hasVowel = (w: string): boolean => /[aeiouy]/.test(w);

/**
 * A light suffix-stripping stemmer, applied the same way on both sides of every comparison;
 * British digraphs and "-our" are folded first ("haem" = "hem", "oedema" = "edema", "labour" =
 * "labor"; "hour", "four" and "yours" are left alone).
 */
export function stem(word: string): string {
  let w = word.length >= 5 ? word.replace(/ae|oe/g, "e").replace(/(?<=\w\w)our(?=s|ed|ing|$)/, "or") : word;
  if (w.length <= 3 || /^\d/.test(w)) return w;
  // Step 1: plurals, -ness, -ful, -ation.
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ness") && w.length > 6) w = w.slice(0, -4);
  else if (w.endsWith("ful") && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith("ations") && w.length > 8) w = w.slice(0, -6);
  else if (w.endsWith("ation") && w.length > 7) w = w.slice(0, -5);
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  // Step 2: -ing, -ed (a stem of three letters with a vowel must remain).
  if (w.endsWith("ing") && w.length >= 6 && hasVowel(w.slice(0, -3))) w = undouble(w.slice(0, -3));
  else if (w.endsWith("ed") && !w.endsWith("eed") && w.length >= 5 && hasVowel(w.slice(0, -2))) w = undouble(w.slice(0, -2));
  // Step 3: a final e, y or i ("ache" = "aches" = "aching"; "dizzy" = "dizziness").
  if (w.length > 3 && /[eyi]$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** The words of a text that carry its topic: folded, stop words out, stemmed, in order. */
export const terms = (text: string): string[] => {
  const folded = foldText(text);
  return folded === "" ? [] : folded.split(" ").filter((w) => !STOP_WORDS.has(w)).map(stem);
};

/** True when `phrase` occurs in `text` as a run of consecutive terms. */
export function containsRun(text: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0 || phrase.length > text.length) return false;
  outer: for (let i = 0; i + phrase.length <= text.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (text[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * True when every term of `phrase` occurs in `text` side by side, in any order (with `slack`
 * extra terms in between): "is the appendix inflamed" holds "inflamed appendix", but "Marfan
 * syndrome or a known aortic aneurysm" does not hold "aortic syndrome".
 */
export function nearby(text: readonly string[], phrase: readonly string[], slack = 0): boolean {
  if (phrase.length === 0) return false;
  const width = phrase.length + slack;
  for (let i = 0; i < text.length; i++) {
    const window = new Set(text.slice(i, i + width));
    if (phrase.every((t) => window.has(t))) return true;
  }
  return false;
}

/** How well a question's terms cover one phrase (a topic, a synonym, a knowledge-base question). */
export interface PhraseMatch {
  /** Distinct phrase terms found in the question. */
  matched: number;
  /** Share of the phrase's terms found. */
  phraseCoverage: number;
  /** Share of the question's terms the phrase accounts for. */
  questionCoverage: number;
  /** The weights of the shared terms plus both coverages: more and rarer shared words first, then the tighter fit. */
  score: number;
}

/** How much a shared term counts: 1 for all, or less for words many topics use (see termWeights). */
export type TermWeight = (term: string) => number;

const unitWeight: TermWeight = () => 1;

/**
 * A phrase matches when all its terms are in the question, or at least two of them and half
 * of the phrase: one stray shared word ("pain") must not pull in a long phrase.
 */
export function matchPhrase(question: ReadonlySet<string>, phrase: readonly string[], weight: TermWeight = unitWeight): PhraseMatch | undefined {
  if (phrase.length === 0 || question.size === 0) return undefined;
  // Distinct terms counted in place: no set built for each of the thousands of phrases a question meets.
  let distinct = 0;
  let matched = 0;
  let matchedWeight = 0;
  for (let i = 0; i < phrase.length; i++) {
    const t = phrase[i]!;
    if (phrase.indexOf(t) !== i) continue;
    distinct++;
    if (!question.has(t)) continue;
    matched++;
    matchedWeight += weight(t);
  }
  const phraseCoverage = matched / distinct;
  if (matched === 0 || (phraseCoverage < 1 && (matched < 2 || phraseCoverage < 0.5))) return undefined;
  const questionCoverage = matched / question.size;
  return { matched, phraseCoverage, questionCoverage, score: matchedWeight + phraseCoverage + questionCoverage };
}

/** The best match of a question over several phrases, if any qualifies. */
export function bestPhraseMatch(
  question: ReadonlySet<string>,
  phrases: readonly (readonly string[])[],
  weight: TermWeight = unitWeight,
): PhraseMatch | undefined {
  let best: PhraseMatch | undefined;
  for (const phrase of phrases) {
    const m = matchPhrase(question, phrase, weight);
    if (m && (!best || m.score > best.score)) best = m;
  }
  return best;
}

type PhraseGroups = readonly (readonly (readonly string[])[])[];

/** How many of the groups use each term: the document frequencies termWeights starts from. */
export function termCounts(groups: PhraseGroups): ReadonlyMap<string, number> {
  const df = new Map<string, number>();
  for (const group of groups) for (const t of new Set(group.flat())) df.set(t, (df.get(t) ?? 0) + 1);
  return df;
}

/**
 * Inverse document frequency over groups of phrases (one group per topic): a word that many
 * topics use ("pain", "blood") tells less about which one a question means than a rare one
 * ("sugar"). A word no topic uses weighs 1. `counted` holds the termCounts of more groups,
 * counted once for the many calls that share them (the knowledge base's findings).
 */
export function termWeights(groups: PhraseGroups, counted: ReadonlyMap<string, number> = new Map()): TermWeight {
  const df = termCounts(groups);
  return (t) => 1 / (1 + Math.log(1 + (counted.get(t) ?? 0) + (df.get(t) ?? 0)));
}
