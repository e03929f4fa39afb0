import { z } from "zod";
import type { DiagnosisGuess } from "./action.js";
import type { Case } from "./case.js";
import type { KnowledgeBase } from "./knowledge.js";
import { nameForms } from "./redact.js";
import { foldText, stem } from "./text-match.js";

/**
 * A final diagnosis scored on SDBench's 5-point scale (Nori et al. 2025): 5 the same or more
 * specific; 4 the core disease with a minor qualifier off; 3 a major error; 2 largely wrong;
 * 1 unrelated. A score of 4 or more counts as correct.
 */
export const VerdictSchema = z
  .object({
    score: z.number().int().min(1).max(5),
    correct: z.boolean(),
    matchedBy: z.enum(["kb-id", "icd10", "icd10-family", "text", "synonym", "partial", "none"]),
    reason: z.string(),
  })
  .refine((v) => v.correct === v.score >= 4, { message: "correct must be score >= 4", path: ["correct"] });
export type Verdict = z.infer<typeof VerdictSchema>;
export type MatchedBy = Verdict["matchedBy"];

type Candidate = Omit<Verdict, "correct">;

const verdict = ({ score, matchedBy, reason }: Candidate): Verdict => ({ score, correct: score >= 4, matchedBy, reason });

// ---- ICD-10 ----------------------------------------------------------------------------------

const normaliseCode = (code: string | undefined): string | undefined => {
  const c = code?.toUpperCase().replace(/[.\s]/g, "");
  return c && /^[A-Z][0-9][0-9A-Z][0-9A-Z]*$/.test(c) ? c : undefined;
};

const display = (code: string): string => (code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code);

/** ICD-10 chapter of a code: letters, with D and H split between two chapters each. */
function chapterOf(code: string): string {
  const letter = code[0]!;
  const tens = Number(code[1]);
  if (letter === "A" || letter === "B") return "A-B";
  if (letter === "C" || (letter === "D" && tens <= 4)) return "C-D48";
  if (letter === "D") return "D50-D89";
  if (letter === "H") return tens <= 5 ? "H00-H59" : "H60-H95";
  if (letter === "S" || letter === "T") return "S-T";
  if ("VWXY".includes(letter)) return "V-Y";
  return letter;
}

/** "Unspecified" subcodes (all nines after the category, e.g. I21.9) stand for the whole category. */
const unspecified = (code: string): boolean => code.length > 3 && /^9+$/.test(code.slice(3));

/**
 * ICD-10 rules. Same code, or the given code under the truth's (more specific): 5. The given
 * code a parent of the truth's (less specific, same disease): 4. An unspecified ".9" code is
 * taken as its category. Siblings under one 3-character category: 3, because categories mix
 * diseases whose care differs (D69.0 allergic purpura and D69.3 immune thrombocytopenia;
 * K80.0 and K80.2, gallstones with and without cholecystitis); when the names agree the text
 * rules still give 4 or 5. Same chapter only: 2 (the organ system at most).
 */
function icdCandidate(given: string, truth: string): Candidate | undefined {
  const g = display(given);
  const t = display(truth);
  if (given === truth) return { score: 5, matchedBy: "icd10", reason: `ICD-10 ${g} is the case's code.` };
  const sameCategory = given.slice(0, 3) === truth.slice(0, 3);
  if (given.startsWith(truth) || (sameCategory && unspecified(truth) && !unspecified(given)))
    return { score: 5, matchedBy: "icd10", reason: `ICD-10 ${g} is a more specific form of the case's ${t}.` };
  if (truth.startsWith(given) || (sameCategory && unspecified(given)))
    return { score: 4, matchedBy: "icd10-family", reason: `ICD-10 ${g} is the broader category of the case's ${t}: the core disease without its qualifier.` };
  if (sameCategory)
    return { score: 3, matchedBy: "icd10-family", reason: `ICD-10 ${g} shares the category ${truth.slice(0, 3)} with the case's ${t} but is a different form or disease.` };
  if (chapterOf(given) === chapterOf(truth))
    return { score: 2, matchedBy: "icd10-family", reason: `ICD-10 ${g} is in the same chapter (organ system) as the case's ${t}, but a different disease.` };
  return undefined;
}

// ---- names ------------------------------------------------------------------------------------

/** Words that add nothing to a disease's name ("Hirschsprung disease" = "Hirschsprung"). */
const FILLER = new Set(["a", "an", "the", "of", "in", "on", "to", "and", "or", "due", "caused", "by", "from", "disease", "syndrome", "disorder", "condition"]);
const NEGATIONS = new Set(["no", "non", "not", "without", "absent", "negative"]);
const ROMAN: Record<string, string> = { i: "1", ii: "2", iii: "3", iv: "4", v: "5" };
const NUMBERED = new Set(["type", "grade", "stage", "class"]);

/** Qualifiers of extent, side, timing or setting: missing one leaves the core disease right. */
const QUALIFIERS = new Set(
  (
    "acute subacute chronic hyperacute recurrent relapsing early late new onset first episode mild moderate severe " +
    "simple uncomplicated complicated primary secondary idiopathic left right bilateral unilateral upper lower " +
    "anterior posterior inferior superior lateral medial proximal distal central peripheral community acquired " +
    "nosocomial hospital partial complete focal diffuse localised localized generalised generalized massive " +
    "submassive minor major small large type grade stage class 1 2 3 4 5 a b c"
  )
    .split(" ")
    .map(stem),
);

/**
 * Process and structure words that many diseases share: two names that share only these
 * ("myocardial infarction", "cerebral infarction"; "heart attack", "panic attack") are
 * different diseases, not variants of one.
 */
const GENERIC_TERMS = new Set(
  (
    "infarction failure embolism haemorrhage hemorrhage abscess carcinoma cancer tumour tumor neoplasm infection " +
    "stenosis fracture obstruction ulcer injury thrombosis insufficiency effusion inflammation pain bleeding " +
    "dysfunction lesion mass attack tract system"
  )
    .split(" ")
    .map(stem),
);

/** A diagnosis name as the judge compares it: filler out, roman numerals as digits, stemmed; with the words they came from. */
function nameTerms(words: readonly string[]): { terms: string[]; words: string[] } {
  const kept = words.flatMap((w, i) => (FILLER.has(w) ? [] : [{ w, numeral: i > 0 && NUMBERED.has(words[i - 1]!) ? ROMAN[w] : undefined }]));
  return { terms: kept.map(({ w, numeral }) => numeral ?? stem(w)), words: kept.map(({ w }) => w) };
}

/** The disease word of a name: the last word that is not a qualifier, before any "with"/"without" part. */
function headOf(terms: readonly string[]): string | undefined {
  const cut = terms.findIndex((t) => t === "with" || t === "without");
  const main = cut > 0 ? terms.slice(0, cut) : terms;
  return [...main].reverse().find((t) => !QUALIFIERS.has(t));
}

interface NameForm {
  label: string;
  terms: string[];
  /** The folded word each term came from, for reasons a person can read. */
  words: string[];
  /** Where the name came from: the case's own name, or a synonym (the case's or the knowledge base's). */
  from: "name" | "synonym";
}

const formsOf = (names: readonly string[], from: NameForm["from"]): NameForm[] =>
  nameForms(names).map((words) => ({ label: words.join(" "), ...nameTerms(words), from }));

const setOf = (terms: readonly string[]) => new Set(terms);
const subset = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => [...a].every((t) => b.has(t));
const negations = (s: ReadonlySet<string>): string => [...s].filter((t) => NEGATIONS.has(t)).sort().join(" ");

/**
 * Name rules, on folded, stemmed words with "disease"/"syndrome" and filler dropped:
 * the same words: 5 ("text" for the case's name, "synonym" for a synonym);
 * every word of the truth plus qualifiers or detail ("acute inferior STEMI" for "STEMI"): 5,
 * except on a one-word synonym ("haemorrhagic stroke" is not a more specific "stroke" when the
 * case is an ischaemic stroke);
 * the truth without words that are all qualifiers ("appendicitis" for "acute appendicitis"): 4;
 * the truth without a word that is not a qualifier but with its disease word ("embolism" for
 * "pulmonary embolism"): 3; the same disease word, other qualifiers ("viral meningitis" for
 * "bacterial meningitis"): 3, but when that word is a process many diseases share (infarction,
 * failure) only if another word is shared too ("non-ST-elevation myocardial infarction" for
 * "ST-elevation myocardial infarction", not "cerebral infarction" for "myocardial infarction");
 * any other shared word that is neither a qualifier nor such a process word: 2 ("pulmonary
 * oedema" for "pulmonary embolism"). Sharing only a process word gives nothing here: whether
 * "cerebral infarction" is 2 or 1 for "myocardial infarction" is the ICD-10 chapter's call.
 * Containment never crosses a negation ("non-ST-elevation" is not a more specific "ST-elevation").
 */
function textCandidate(given: NameForm, truth: NameForm): Candidate | undefined {
  const g = setOf(given.terms);
  const t = setOf(truth.terms);
  if (g.size === 0 || t.size === 0) return undefined;
  const exactBy: MatchedBy = given.from === "name" && truth.from === "name" ? "text" : "synonym";
  const sameNegation = negations(g) === negations(t);
  if (subset(g, t) && subset(t, g)) return { score: 5, matchedBy: exactBy, reason: `"${given.label}" is the same diagnosis as "${truth.label}".` };
  // A one-word synonym is an umbrella ("stroke"): more words on it may name another disease in it.
  if (sameNegation && subset(t, g) && (truth.from === "name" || t.size >= 2))
    return { score: 5, matchedBy: exactBy, reason: `"${given.label}" is a more specific form of "${truth.label}".` };
  const head = headOf(truth.terms);
  if (sameNegation && subset(g, t)) {
    const missing = [...t].filter((w) => !g.has(w));
    const missingWords = truth.words.filter((_, i) => !g.has(truth.terms[i]!));
    if (missing.every((w) => QUALIFIERS.has(w)))
      return { score: 4, matchedBy: "partial", reason: `"${given.label}" is "${truth.label}" without the qualifier "${missingWords.join(" ")}".` };
    if (head && g.has(head))
      return { score: 3, matchedBy: "partial", reason: `"${given.label}" leaves out an essential part of "${truth.label}".` };
  }
  const shared = [...g].filter((w) => t.has(w) && !QUALIFIERS.has(w) && !NEGATIONS.has(w) && !GENERIC_TERMS.has(w) && w !== "with");
  if (head && headOf(given.terms) === head && (!GENERIC_TERMS.has(head) || shared.length > 0))
    return { score: 3, matchedBy: "partial", reason: `"${given.label}" is the same kind of disease as "${truth.label}" but a different form of it: a major error.` };
  if (shared.length > 0)
    return { score: 2, matchedBy: "partial", reason: `"${given.label}" shares only "${shared.join(" ")}" with "${truth.label}": largely wrong.` };
  return undefined;
}

/** Answers that mean "this patient has no disease". */
const NO_DISEASE = [
  /^(no|not|nil|without|absence of)\b.*\b(disease|pathology|abnormality|abnormalities|illness|diagnosis|problem|finding|findings|process|cause)s?$/,
  /^(normal|healthy|well|none|nil|physiological|nothing (wrong|abnormal|found)|normal (study|examination|exam|findings|variant|physiology)|healthy (patient|person|individual|child|adult))$/,
];

export const meansNoDisease = (name: string): boolean => {
  const folded = foldText(name);
  return NO_DISEASE.some((re) => re.test(folded));
};

const best = (candidates: readonly (Candidate | undefined)[]): Candidate | undefined =>
  candidates.reduce<Candidate | undefined>((top, c) => (c && (!top || c.score > top.score) ? c : top), undefined);

/**
 * Scores a final diagnosis against the case's. Rules in order (the highest score wins, an
 * earlier rule on a tie): the knowledge-base id; ICD-10 codes (given or from the given
 * knowledge-base disease); then names and synonyms (the case's and its knowledge-base
 * disease's against the given name and its knowledge-base disease's).
 *
 * When the case's answer is "no disease", an answer meaning no disease ("normal", "no acute
 * pathology") or the case's own name for it scores 5, and naming any disease scores 1: in a
 * healthy patient a diagnosis leads to needless tests and treatment, SDBench's "harmful". The
 * other way round, "no disease" for a sick patient is a missed diagnosis and also scores 1.
 */
export function judgeDiagnosis(caseFile: Case, kb: KnowledgeBase | undefined, given: DiagnosisGuess): Verdict {
  const truth = caseFile.diagnosis;
  const truthDisease = truth.kb_id ? kb?.diseaseById.get(truth.kb_id) : undefined;
  const givenDisease = given.kbId ? kb?.diseaseById.get(given.kbId) : undefined;
  const truthLabel = truth.no_disease ? "no disease" : truth.name;
  // An abstention names nothing: scored as no diagnosis, whatever its text mentions.
  if (given.abstained) return verdict({ score: 1, matchedBy: "none", reason: `The panel abstained; the diagnosis was ${truthLabel}.` });

  if (truth.kb_id && given.kbId === truth.kb_id)
    return verdict({ score: 5, matchedBy: "kb-id", reason: `Knowledge-base disease "${given.kbId}" is the case's diagnosis.` });

  const truthForms = [
    ...formsOf([truth.name], "name"),
    ...formsOf([...truth.synonyms, ...(truthDisease ? [truthDisease.name, ...truthDisease.synonyms] : [])], "synonym"),
  ];
  // When the knowledge base holds both diseases, and they differ, it says they are different:
  // umbrella synonyms they share ("heart attack" for STEMI and NSTEMI) must not make them one.
  const bothInKb = truthDisease !== undefined && givenDisease !== undefined;
  const givenForms = [
    ...formsOf([given.name], "name"),
    ...formsOf(givenDisease ? [givenDisease.name, ...(bothInKb ? [] : givenDisease.synonyms)] : [], "synonym"),
  ];
  const byText = best(givenForms.flatMap((g) => truthForms.map((t) => textCandidate(g, t))));

  if (truth.no_disease) {
    if (meansNoDisease(given.name))
      return verdict({ score: 5, matchedBy: "text", reason: `"${given.name}": the patient has no disease.` });
    if (byText && byText.score >= 4) return verdict(byText);
    return verdict({ score: 1, matchedBy: "none", reason: `"${given.name}" names a disease; the patient has none.` });
  }
  if (meansNoDisease(given.name))
    return verdict({ score: 1, matchedBy: "none", reason: `"${given.name}" misses the diagnosis: ${truthLabel}.` });

  const truthCodes = [normaliseCode(truth.icd10), normaliseCode(truthDisease?.icd10)].filter((c): c is string => c !== undefined);
  const givenCodes = [normaliseCode(given.icd10), normaliseCode(givenDisease?.icd10)].filter((c): c is string => c !== undefined);
  const byCode = best(givenCodes.flatMap((g) => truthCodes.map((t) => icdCandidate(g, t))));

  const chosen = best([byCode, byText]);
  return verdict(chosen ?? { score: 1, matchedBy: "none", reason: `"${given.name}" is unrelated to ${truthLabel}.` });
}
