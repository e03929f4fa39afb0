import { z } from "zod";
import type { Catalog } from "./catalog.js";

/** A test as an order names it back: enough to show and to charge, nothing hidden. */
export const TestRefSchema = z.object({ id: z.string(), name: z.string() });
export type TestRef = z.infer<typeof TestRefSchema>;

/** What a free-text order resolved to. Only "match" may be charged; the rest go back to the orderer. */
export const OrderResolutionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("match"), test: TestRefSchema }),
  z.object({ kind: z.literal("ambiguous"), candidates: z.array(TestRefSchema).min(2) }),
  z.object({ kind: z.literal("unknown"), closest: z.array(TestRefSchema) }),
]);
export type OrderResolution = z.infer<typeof OrderResolutionSchema>;

/** A test that can be ordered by name: a catalog test or one of a case's own case_tests. */
export interface OrderableTest {
  readonly id: string;
  readonly name: string;
  readonly synonyms: readonly string[];
}

/** A single winner needs this score, this much of its phrase covered, and this lead over the next test. */
const MATCH_SCORE = 0.62;
const MATCH_RECALL = 0.66;
const MATCH_PRECISION = 0.5;
const MATCH_MARGIN = 0.1;
/** Tests within this score of the best, and above the floor, are offered back as ambiguous. */
const AMBIGUOUS_FLOOR = 0.45;
const AMBIGUOUS_BAND = 0.1;
const MAX_CANDIDATES = 5;
const CLOSEST = 3;
/** A word used by this few tests names a test of its own: left over in an order, it blocks a match. */
const DISTINCTIVE_TESTS = 3;
/** Weight of words that say little about which test is meant ("test", "level", "scan"). */
const GENERIC_WEIGHT = 0.25;
/** Weight of a number or short code no test uses ("troponin x2", "in 3 hours"): a qualifier, not another test. */
const UNSEEN_CODE_WEIGHT = 1;
/** Similarity of two words one or two typing slips apart. */
const TYPO_SIMILARITY = 0.85;

/** British and American spellings meet at the American one. */
const SPELLINGS: readonly [RegExp, string][] = [
  [/haem/g, "hem"],
  [/oesoph/g, "esoph"],
  [/oestr/g, "estr"],
  [/oedem/g, "edem"],
  [/faec/g, "fec"],
  [/coeliac/g, "celiac"],
  [/gynaec/g, "gynec"],
  [/gonorrhoea/g, "gonorrhea"],
  [/isation/g, "ization"],
  [/titre/g, "titer"],
];

/** Multi-word forms rewritten before the text is cut into words. */
const PHRASES: readonly [RegExp, string][] = [
  [/\bx ?rays?\b/g, "xray"],
  [/\bw o\b/g, "without"],
  [/\bu s\b/g, "ultrasound"],
  [/\bcomput(?:ed|eri[sz]ed) (?:axial )?tomography\b/g, "ct"],
  [/\bcat scans?\b/g, "ct"],
  [/\bmagnetic resonance(?: imaging)?\b/g, "mri"],
  [/\b(ct|mri) scans?\b/g, "$1"],
  [/\b(?:with|w) (?:and )?without contrast\b/g, "contrast"],
  [/\b(?:without|no|non) (?:contrast|con)\b/g, "noncontrast"],
  [/\ba p\b/g, "abdomen pelvis"],
  [/\b(\d+) ?(?:h|hr|hrs|hours?)\b/g, "$1 hour"],
];

/** One word for words that mean the same test part. */
const CANONICAL = new Map<string, string>([
  ...["us", "uss", "sonogram", "sonography", "ultrasonography", "ultrasonogram"].map((w) => [w, "ultrasound"] as const),
  ...["abd", "abdo", "abdominal"].map((w) => [w, "abdomen"] as const),
  ...["echocardiogram", "echocardiography", "echocardiograph"].map((w) => [w, "echo"] as const),
  ...["electrocardiogram", "electrocardiograph", "electrocardiography", "ekg"].map((w) => [w, "ecg"] as const),
  ...["thorax", "thoracic"].map((w) => [w, "chest"] as const),
  ["mr", "mri"],
  ["pelvic", "pelvis"],
  ["renal", "kidney"],
  ["cardiac", "heart"],
  ["angiogram", "angiography"],
  ["screening", "screen"],
  ["ab", "antibody"],
  ["abs", "antibody"],
  ["ag", "antigen"],
  ["bx", "biopsy"],
  ["w", "with"],
  ["diff", "differential"],
  ["differentiation", "differential"],
  ["xr", "xray"],
  ["unenhanced", "noncontrast"],
  ["lvl", "level"],
  ["tox", "toxicology"],
  ["quant", "quantitative"],
  ["bronch", "bronchoscopy"],
]);

/** Words of the request, not of the test: dropped. */
const FILLER = new Set(
  ("please pls kindly order orders ordering ordered get obtain stat urgent urgently asap now and of the for to on in at " +
    "i we would like want need some me check do send perform run repeat request also then patient portable baseline " +
    "initial today again another additional routine left right bilateral both lt rt").split(" "),
);
/** Dropped only at the start, so that "hep a" and "group a strep" keep their letter. */
const LEADING_FILLER = new Set(["a", "an"]);
/** Words that say little about which test is meant; they weigh GENERIC_WEIGHT. */
const GENERIC = new Set(
  "test level assay scan study exam examination measurement value result finding with contrast quantitative qualitative random hour elisa immunoassay".split(" "),
);
/** How a test is done: named in an order ("ct coronary angiography") but not by the test, it makes the order another test. */
const MODALITIES = new Set(["ct", "cta", "mri", "xray", "ultrasound", "doppler", "duplex", "pet", "echo", "ecg", "endoscopy"]);
/** What is sampled: the order and the test must agree on it ("wbc in stool" is not a blood count; "gram stain" names no specimen). */
const SPECIMENS = new Set(["urine", "stool", "fecal", "csf", "sputum", "synovial", "pleural", "ascitic", "peritoneal", "vaginal", "throat", "skin"]);

const stem = (w: string): string =>
  w.length >= 5 && w.endsWith("ies") ? `${w.slice(0, -3)}y` : w.length >= 4 && w.endsWith("s") && !/(ss|us|is|ys|as|os)$/.test(w) ? w.slice(0, -1) : w;

/** The words an order is compared on: lower case, American spelling, no punctuation or filler, plurals folded. */
function orderWords(text: string): string[] {
  let s = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  for (const [re, to] of SPELLINGS) s = s.replace(re, to);
  s = s.replace(/&/g, " and ").replace(/['’]/g, "").replace(/[^a-z0-9]+/g, " ");
  for (const [re, to] of PHRASES) s = s.replace(re, to);
  const words = s
    .split(" ")
    .filter(Boolean)
    .map((w) => CANONICAL.get(w) ?? CANONICAL.get(stem(w)) ?? stem(w))
    .filter((w) => !FILLER.has(w));
  while (words.length > 0 && LEADING_FILLER.has(words[0]!)) words.shift();
  // A short code and its number are one name: "ca 125", "b 12", "covid 19".
  return words.reduce<string[]>((joined, w) => {
    const last = joined.at(-1);
    if (last !== undefined && /^[a-z]{1,3}$/.test(last) && /^\d+$/.test(w)) joined[joined.length - 1] = last + w;
    else joined.push(w);
    return joined;
  }, []);
}

/** The normal form of an order, for display and comparison: "CT-Head, please!" -> "ct head". */
export const normaliseOrder = (text: string): string => orderWords(text).join(" ");

interface Phrase {
  readonly test: number;
  /** The test's display name (its first phrase), which search ranks above an id or a synonym. */
  readonly primary: boolean;
  readonly words: readonly string[];
  readonly key: string;
  readonly wordSet: string;
  readonly compact: string;
  readonly trigrams: ReadonlySet<string>;
}

interface Index {
  readonly tests: readonly TestRef[];
  readonly ids: ReadonlyMap<string, number>;
  readonly phrases: readonly Phrase[];
  /** For each word, how many tests use it in any phrase. */
  readonly testsWithWord: ReadonlyMap<string, number>;
}

const trigramsOf = (key: string): Set<string> => {
  const padded = ` ${key} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
};

const phraseOf = (test: number, words: string[], primary = false): Phrase => {
  const key = words.join(" ");
  return { test, primary, words, key, wordSet: [...new Set(words)].sort().join(" "), compact: words.join(""), trigrams: trigramsOf(key) };
};

const EMPTY_INDEX: Index = { tests: [], ids: new Map(), phrases: [], testsWithWord: new Map() };

/** The index of `base`'s tests followed by `tests`. */
function extendIndex(base: Index, tests: readonly OrderableTest[]): Index {
  const phrases = [...base.phrases];
  const testsWithWord = new Map(base.testsWithWord);
  const ids = new Map(base.ids);
  tests.forEach((t, offset) => {
    const i = base.tests.length + offset;
    if (!ids.has(t.id)) ids.set(t.id, i);
    const keys = new Set<string>();
    const words = new Set<string>();
    for (const text of [t.name, t.id.replace(/_/g, " "), ...t.synonyms]) {
      const ws = orderWords(text);
      const key = ws.join(" ");
      if (ws.length === 0 || keys.has(key)) continue;
      ws.forEach((w) => words.add(w));
      phrases.push(phraseOf(i, ws, keys.size === 0));
      keys.add(key);
    }
    for (const w of words) testsWithWord.set(w, (testsWithWord.get(w) ?? 0) + 1);
  });
  return { tests: [...base.tests, ...tests.map(({ id, name }) => ({ id, name }))], ids, phrases, testsWithWord };
}

/** A catalog's own index is built once; a case's extra tests are added per call. */
const catalogIndexes = new WeakMap<Catalog, Index>();

function indexFor(catalog: Catalog, extra: readonly OrderableTest[]): Index {
  let base = catalogIndexes.get(catalog);
  if (!base) {
    base = extendIndex(EMPTY_INDEX, catalog.tests);
    catalogIndexes.set(catalog, base);
  }
  return extra.length === 0 ? base : extendIndex(base, extra);
}

/**
 * Resolves a free-text order to one test, or says why it cannot: two or more tests fit it
 * equally well ("ambiguous"), or none fits ("unknown", with the closest). Never guesses.
 * An exact id, name or synonym (in any word order) wins; otherwise words are compared weighted
 * by how rare they are in the catalog, forgiving small typing slips, with character trigrams
 * as a tie-breaker.
 */
export function resolveOrder(catalog: Catalog, text: string, extra: readonly OrderableTest[] = []): OrderResolution {
  const index = indexFor(catalog, extra);
  const byId = index.ids.get(text.trim().toLowerCase());
  if (byId !== undefined) return { kind: "match", test: index.tests[byId]! };

  const words = orderWords(text);
  if (words.length === 0) return { kind: "unknown", closest: [] };
  const query = phraseOf(-1, words);

  for (const same of [(p: Phrase) => p.key === query.key, (p: Phrase) => p.wordSet === query.wordSet, (p: Phrase) => p.compact === query.compact]) {
    const hits = [...new Set(index.phrases.filter(same).map((p) => p.test))];
    if (hits.length === 1) return { kind: "match", test: index.tests[hits[0]!]! };
    if (hits.length > 1) return { kind: "ambiguous", candidates: hits.slice(0, MAX_CANDIDATES).map((i) => index.tests[i]!) };
  }

  const ranked = rankTests(index, query);
  const [best, second] = ranked;
  if (!best) return { kind: "unknown", closest: [] };
  const clearWinner = !second || best.score - second.score >= MATCH_MARGIN;
  if (best.score >= MATCH_SCORE && best.recall >= MATCH_RECALL && best.precision >= MATCH_PRECISION && clearWinner) {
    // "ct abdomen and pelvis and lipase" is two orders, not a CT with a stray word.
    const others = testsNamedBy(index, best.leftover).filter((t) => t !== best.test);
    if (others.length > 0) return { kind: "ambiguous", candidates: [best.test, ...others].slice(0, MAX_CANDIDATES).map((i) => index.tests[i]!) };
    if (agreesOnHowAndWhat(index, best, query)) return { kind: "match", test: index.tests[best.test]! };
  }
  const close = ranked.filter((r) => r.score >= Math.max(AMBIGUOUS_FLOOR, best.score - AMBIGUOUS_BAND));
  if (close.length >= 2) return { kind: "ambiguous", candidates: close.slice(0, MAX_CANDIDATES).map((r) => index.tests[r.test]!) };
  return { kind: "unknown", closest: ranked.slice(0, CLOSEST).map((r) => index.tests[r.test]!) };
}

/** Below this fuzzy score a test is not offered by search at all. */
const SEARCH_FLOOR = 0.45;

/**
 * The tests a physician may mean while still typing, best first, by the same words, spellings and
 * abbreviations as resolveOrder: every typed word must start a word of one of the test's phrases
 * ("ct aort" finds the CT angiogram of the aorta, "trop" troponin but not "electrophoresis"); a
 * display name, then a phrase that starts with the query, ranks first. When no test has every
 * typed word, the fuzzy ranking of resolveOrder offers what a typing slip may have meant.
 */
export function searchTests(catalog: Catalog, query: string, extra: readonly OrderableTest[] = []): TestRef[] {
  const index = indexFor(catalog, extra);
  const words = orderWords(query);
  if (words.length === 0) return [...index.tests].sort((a, b) => a.name.localeCompare(b.name));
  const typed = words.join(" ");
  const best = new Map<number, number>();
  for (const p of index.phrases) {
    if (!words.every((w) => p.words.some((pw) => pw.startsWith(w)))) continue;
    const score = (p.primary ? 3 : 2) * (p.key.startsWith(typed) ? 2 : 1);
    best.set(p.test, Math.max(best.get(p.test) ?? 0, score));
  }
  const byScore = (a: [number, number], b: [number, number]) => b[1] - a[1] || index.tests[a[0]]!.name.localeCompare(index.tests[b[0]]!.name);
  if (best.size > 0) return [...best].sort(byScore).map(([i]) => index.tests[i]!);
  return rankTests(index, phraseOf(-1, words))
    .filter((fit) => fit.score >= SEARCH_FLOOR)
    .map((fit) => index.tests[fit.test]!);
}

/** The order names no modality or specimen the test lacks, and the test's phrase no specimen the order lacks. */
function agreesOnHowAndWhat(index: Index, fit: Fit, query: Phrase): boolean {
  const testWords = new Set(index.phrases.filter((p) => p.test === fit.test).flatMap((p) => p.words));
  const foreign = fit.leftover.some((w) => (MODALITIES.has(w) || SPECIMENS.has(w)) && !testWords.has(w));
  const unnamed = fit.phrase.words.some((w) => SPECIMENS.has(w) && !query.words.includes(w));
  return !foreign && !unnamed;
}

/** Tests that use one of these words when few tests do. */
function testsNamedBy(index: Index, words: readonly string[]): number[] {
  const distinctive = words.filter((w) => {
    const tests = index.testsWithWord.get(w) ?? 0;
    return !GENERIC.has(w) && tests > 0 && tests <= DISTINCTIVE_TESTS;
  });
  if (distinctive.length === 0) return [];
  return [...new Set(index.phrases.filter((p) => p.words.some((w) => distinctive.includes(w))).map((p) => p.test))];
}

interface Fit {
  readonly test: number;
  readonly phrase: Phrase;
  /** Words of the order the phrase does not account for. */
  readonly leftover: readonly string[];
  readonly score: number;
  /** Share of the order's weight the phrase accounts for. */
  readonly precision: number;
  /** Share of the phrase's weight the order accounts for. */
  readonly recall: number;
}

/** Every test's best phrase, best first; ties keep catalog order. */
function rankTests(index: Index, query: Phrase): Fit[] {
  const unseenTests = index.tests.length + 1;
  const weights = new Map<string, number>();
  const weight = (w: string): number => {
    let value = weights.get(w);
    if (value === undefined) {
      const tests = index.testsWithWord.get(w) ?? 0;
      // An unseen word ("diary" in "sleep diary") is as telling as the rarest known one: it may name another test.
      const unseenCode = tests === 0 && (w.length < 4 || !/[a-z]/.test(w));
      value = GENERIC.has(w) ? GENERIC_WEIGHT : unseenCode ? UNSEEN_CODE_WEIGHT : 1 + Math.log(unseenTests / (tests + 0.5));
      weights.set(w, value);
    }
    return value;
  };
  const bestByTest = new Map<number, Fit>();
  for (const phrase of index.phrases) {
    const fit = fitOf(query, phrase, weight);
    const held = bestByTest.get(phrase.test);
    if (!held || fit.score > held.score) bestByTest.set(phrase.test, fit);
  }
  return [...bestByTest.values()].sort((a, b) => b.score - a.score || a.test - b.test);
}

function fitOf(query: Phrase, phrase: Phrase, weight: (w: string) => number): Fit {
  const unused = [...phrase.words];
  let queryCovered = 0;
  let phraseCovered = 0;
  const leftover: string[] = [];
  for (const q of query.words) {
    let bestAt = -1;
    let bestSim = 0;
    unused.forEach((p, i) => {
      const sim = wordSimilarity(q, p);
      if (sim > bestSim) [bestAt, bestSim] = [i, sim];
    });
    if (bestAt < 0) {
      leftover.push(q);
      continue;
    }
    queryCovered += bestSim * weight(q);
    phraseCovered += bestSim * weight(unused[bestAt]!);
    unused.splice(bestAt, 1);
  }
  const total = (ws: readonly string[]) => ws.reduce((sum, w) => sum + weight(w), 0);
  const precision = queryCovered / total(query.words);
  const recall = phraseCovered / total(phrase.words);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { test: phrase.test, phrase, leftover, score: 0.85 * f1 + 0.15 * dice(query.trigrams, phrase.trigrams), precision, recall };
}

function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 5 || b.length < 5 || Math.abs(a.length - b.length) > 2) return 0;
  const allowed = Math.min(a.length, b.length) >= 8 ? 2 : 1;
  return editDistance(a, b, allowed) <= allowed ? TYPO_SIMILARITY : 0;
}

/** Optimal-string-alignment distance (a swap of neighbours is one slip), cut off above `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return rowMin;
    [before, prev] = [prev, row];
  }
  return prev[b.length]!;
}

const dice = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => {
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return a.size + b.size > 0 ? (2 * shared) / (a.size + b.size) : 0;
};

/**
 * Cuts a line of orders into single tests: "cbc, cmp and troponin" -> ["cbc", "cmp", "troponin"].
 * Commas, semicolons, new lines and "plus" always separate; "and" separates only where the
 * words on either side are not one test together ("CT abdomen and pelvis" stays whole).
 */
export function splitOrders(catalog: Catalog, text: string, extra: readonly OrderableTest[] = []): string[] {
  const matches = (t: string) => resolveOrder(catalog, t, extra).kind === "match";
  const items: string[] = [];
  for (const piece of text.split(/[,;\n]+|\s\+\s|\bplus\b/i)) {
    const parts = piece.split(/\s+(?:and|&)\s+|\s*&\s*/i).map((p) => p.trim()).filter(Boolean);
    let i = 0;
    while (i < parts.length) {
      let end = parts.length;
      while (end > i + 1 && !matches(parts.slice(i, end).join(" and "))) end--;
      items.push(parts.slice(i, end).join(" and "));
      i = end;
    }
  }
  return items.filter((item) => orderWords(item).length > 0);
}
