import { z } from "zod";
import type { DiagnosisGuess } from "./action.js";
import type { Case } from "./case.js";
import { readAnswer } from "./judge-answer.js";
import { type SplitName, splitName, typoOf, writtenWords } from "./judge-words.js";
import type { KnowledgeBase } from "./knowledge.js";
import { foldText } from "./text-match.js";
import { type Vocabulary, conceptsNamed, expandAbbreviations, nameKey } from "./vocabulary.js";
import { bundledVocabulary } from "./vocabulary-loader.js";

/**
 * The SDBench rubric (Nori et al. 2025), in our words, with the cases this judge reads it by.
 * The model judge is given the same text (agents/judge-prompt.ts). A score of 4 or more is correct.
 */
export const JUDGE_RUBRIC = [
  "5: the same disease as the case's, or a more specific form of it. Synonyms, eponyms, abbreviations, British or American spelling, another word order and plain typos are the same disease.",
  "4: the same disease with a detail missing or different that does not change management (side, site, severity, stage, the cause or organism when treatment is the same).",
  "3: a broader category (\"anaemia\" for iron deficiency anaemia, \"stroke\" for ischaemic stroke), or the same disease with a qualifier that changes management (type A vs type B aortic dissection, viral vs bacterial meningitis, STEMI vs NSTEMI).",
  "2: a related but different disease (reactive arthritis for septic arthritis, biliary colic for cholecystitis, hypothyroidism for hyperthyroidism), or a list of diagnoses that does not commit to one, even when it contains the right one.",
  "1: an unrelated disease, no diagnosis, or the case's diagnosis named as excluded (\"pulmonary embolism excluded\", \"not PE\", \"no evidence of PE\"). In a patient with no disease, any disease named scores 1; \"no disease\" for a sick patient scores 1.",
].join("\n");

export const VerdictSchema = z
  .object({
    score: z.number().int().min(1).max(5),
    correct: z.boolean(),
    matchedBy: z.enum(["kb-id", "icd10", "icd10-family", "text", "synonym", "partial", "list", "negated", "none"]),
    /** One line a person can read: why this score. */
    reason: z.string(),
  })
  .refine((v) => v.correct === v.score >= 4, { message: "correct must be score >= 4", path: ["correct"] });
export type Verdict = z.infer<typeof VerdictSchema>;
export type MatchedBy = Verdict["matchedBy"];

/** How two names' words relate: one more specific than the other, siblings, or sharing a word. */
type Relation = "same" | "narrower" | "broader" | "sibling" | "shared";
type Candidate = Omit<Verdict, "correct"> & { relation?: Relation };

const verdict = ({ score, matchedBy, reason }: Candidate): Verdict => ({ score, correct: score >= 4, matchedBy, reason });

const best = (candidates: readonly (Candidate | undefined)[]): Candidate | undefined =>
  candidates.reduce<Candidate | undefined>((top, c) => (c && (!top || c.score > top.score) ? c : top), undefined);

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
 * ICD-10 rules for codes the answer gives. Same code, or the given code under the truth's (more
 * specific): 5. The given code a parent of the truth's: 4. An unspecified ".9" code is taken
 * as its category. Siblings under one 3-character category: 3, because categories mix
 * diseases whose care differs (D69.0 allergic purpura and D69.3 immune thrombocytopenia).
 * Same chapter only: 2 (the organ system at most).
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

/**
 * Codes found by looking a name up (not given by the answer) only place it in an organ system:
 * ICD-10 categories are coarse (K57.3 holds both diverticulosis and diverticulitis), so they
 * can say "related" (2), never "the same".
 */
function lookedUpCodeCandidate(given: string, truth: string, label: string, truthLabel: string): Candidate | undefined {
  if (chapterOf(given) !== chapterOf(truth)) return undefined;
  return { score: 2, matchedBy: "icd10-family", reason: `"${label}" is a different disease from "${truthLabel}" in the same organ system (ICD-10 ${display(given)} and ${display(truth)}).` };
}

// ---- names ------------------------------------------------------------------------------------

/** Qualifiers whose absence on one side says nothing: a presenting illness is acute unless called chronic. */
const normalised = (words: string): string[] => words.split(" ").map((w) => splitName(w).main[0] ?? w);
const IGNORABLE = new Set(normalised("acute mellitus"));
/** Qualifiers that make an ignorable one count again when the other side has them ("chronic" against "acute"). */
const PARTNERS = new Set(normalised("acute chronic subacute mellitus insipidus"));

/** Qualifiers of side, site, extent, severity, stage or setting: a different one leaves the disease and its care the same. */
const MINOR = new Set(
  (
    "left right bilateral unilateral upper lower middle lobe anterior posterior inferior superior lateral medial proximal distal " +
    "mild moderate severe recurrent relapsing remitting primary secondary idiopathic community acquired hospital nosocomial " +
    "uncomplicated complicated submassive massive early late focal diffuse partial complete sided side exacerbation flare " +
    "congestive first"
  )
    .split(" ")
    .map((w) => splitName(w).main[0] ?? w),
);
const isMinor = (w: string): boolean => MINOR.has(w) || /^(stage|grade|class)/.test(w) || /^\d+$/.test(w);

/**
 * Qualifiers that change management, in classes of alternatives: a disease named without one,
 * or with another of its class, is a major error (viral or bacterial meningitis).
 */
const CONTRAST_CLASSES: readonly (readonly string[])[] = [
  "viral bacterial fungal parasitic",
  "ischemic hemorrhagic",
  "acute chronic subacute",
  "myeloid myeloblastic myelogenous lymphoblastic lymphocytic promyelocytic",
  "falciparum vivax ovale malariae knowlesi",
  "benign malignant",
  "mellitus insipidus",
  "a b c d e",
  "non elevation small cell hodgkin tension ruptured rupture angle closure open",
].map(normalised);
const CONTRAST = new Set(CONTRAST_CLASSES.flat());
const isContrast = (w: string): boolean => CONTRAST.has(w) || /^type/.test(w);
/** A word's contrast class; -1 for none (the last class holds words that contrast with their absence only). */
const classOf = (w: string): number => (/^type/.test(w) ? CONTRAST_CLASSES.length : CONTRAST_CLASSES.findIndex((c, i) => i < CONTRAST_CLASSES.length - 1 && c.includes(w)));

/** Words of one contrast class on both sides that differ ("chronic" against "acute", "type 2" against "type 1"). */
function contradiction(a: readonly string[], b: readonly string[]): [string, string] | undefined {
  for (const w of a) {
    const k = classOf(w);
    if (k === -1) continue;
    const other = b.find((x) => x !== w && classOf(x) === k && !a.includes(x));
    if (other !== undefined && !b.includes(w)) return [w, other];
  }
  return undefined;
}

/**
 * Process and structure words many diseases share: two names that share only these
 * ("myocardial infarction", "cerebral infarction"; "heart attack", "panic attack") are
 * different diseases, not forms of one.
 */
const GENERIC = new Set(
  (
    "infarction failure embolism hemorrhage abscess carcinoma cancer tumor neoplasm infection stenosis fracture obstruction " +
    "ulcer injury thrombosis insufficiency effusion inflammation pain bleeding dysfunction lesion mass attack tract system cell giant"
  )
    .split(" ")
    .map((w) => splitName(w).main[0] ?? w),
);

const NEGATION_WORDS = new Set(["non", "no", "not", "without"]);
/** Prefix words that make another disease of a name ("post-infectious arthritis" is not an infective arthritis). */
const SHIFT_WORDS = new Set(["post", "pre", "pseudo", "para", "peri", "anti"]);

interface Form {
  label: string;
  name: SplitName;
  /** Each word as the name wrote it. */
  written: ReadonlyMap<string, string>;
  /** Words the name implies without saying ("streptococcal" is bacterial): an answer may use them. */
  implied: Set<string>;
}

const formOf = (label: string, vocabulary: Vocabulary): Form => {
  const name = splitName(label, vocabulary.words);
  const implied = new Set([...name.main, ...name.detail].flatMap((w) => (vocabulary.implies.has(w) ? [vocabulary.implies.get(w)!] : [])));
  return { label, name, implied, written: writtenWords(label, vocabulary.words) };
};

/** The disease word of a name: its last main word that is not a qualifier. */
const headOf = (main: readonly string[]): string | undefined => [...main].reverse().find((w) => !isMinor(w) && !isContrast(w) && !IGNORABLE.has(w)) ?? main[main.length - 1];

/**
 * Name rules on normalised words (see judge-words.ts), the answer's misspelt words first
 * corrected towards the truth's:
 * the same words: 5; the truth's words and more ("type A aortic dissection" for "aortic
 * dissection"): 5, a more specific form, unless the extra word negates ("non-ST-elevation");
 * the truth without some words (broader): 4 when only detail or minor words are missing, 3 when
 * a management-changing qualifier is missing or the answer is only a family's name
 * ("anaemia"); both sides differing with the same disease word: 4 when the differences are
 * minor (side, lobe), 3 when they are management-changing qualifiers (viral/bacterial), 2
 * otherwise (a different disease of the same kind); a shared word that is neither a qualifier
 * nor a word many diseases share: 2.
 */
function textCandidate(given: Form, truth: Form, vocabulary: Vocabulary): Candidate | undefined {
  const truthWords = new Set([...truth.name.main, ...truth.name.detail]);
  const fix = (w: string) => (truthWords.has(w) ? w : (typoOf(w, truthWords, vocabulary.known) ?? w));
  const gMain = given.name.main.map(fix);
  const gWords = new Set([...gMain, ...given.name.detail.map(fix)]);
  if (gWords.size === 0 || truthWords.size === 0) return undefined;
  const corrected = [...gWords].some((w) => !given.name.main.includes(w) && !given.name.detail.includes(w));
  const how = corrected ? " (a misspelling)" : "";
  const hasPartner = (w: string, other: ReadonlySet<string>) => [...other].some((o) => o !== w && PARTNERS.has(o));
  const extra = [...gWords].filter((w) => !truthWords.has(w) && !truth.implied.has(w) && (!IGNORABLE.has(w) || hasPartner(w, truthWords)));
  const missing = [...truthWords].filter((w) => !gWords.has(w) && (!IGNORABLE.has(w) || hasPartner(w, gWords)));
  const g = `"${given.label}"`;
  const t = `"${truth.label}"`;
  const show = (list: readonly string[]) => list.map((w) => given.written.get(w) ?? truth.written.get(w) ?? w).join(" ");

  if (extra.length === 0 && missing.length === 0) return { score: 5, matchedBy: "text", relation: "same", reason: `${g} is the same diagnosis as ${t}${how}.` };
  if (missing.length === 0) {
    if (extra.some((w) => NEGATION_WORDS.has(w)))
      return { score: 3, matchedBy: "partial", relation: "sibling", reason: `${g} is the negated form of ${t}: a qualifier that changes management.` };
    if (extra.some((w) => SHIFT_WORDS.has(w))) return { score: 2, matchedBy: "partial", relation: "sibling", reason: `${g} is a different disease from ${t}, related to it.` };
    return { score: 5, matchedBy: "text", relation: "narrower", reason: `${g} is a more specific form of ${t}${how}.` };
  }
  const head = headOf(truth.name.main);
  const hasHead = head !== undefined && gWords.has(head);
  if (extra.length === 0 && hasHead) {
    const lacking = show(missing);
    const detailOnly = missing.every((w) => truth.name.detail.includes(w) && !truth.name.main.includes(w));
    if (!detailOnly && missing.some(isContrast))
      return { score: 3, matchedBy: "partial", relation: "broader", reason: `${g} is ${t} without "${lacking}", a qualifier that changes management.` };
    if (!detailOnly && vocabulary.categories.has(nameKey(gMain.join(" "))))
      return { score: 3, matchedBy: "partial", relation: "broader", reason: `${g} is a broader category than ${t}.` };
    return { score: 4, matchedBy: "partial", relation: "broader", reason: `${g} is ${t} without the detail "${lacking}", which does not change management.` };
  }
  if (hasHead && (!GENERIC.has(head) || [...gWords].some((w) => w !== head && truthWords.has(w) && !GENERIC.has(w) && !isMinor(w)))) {
    const differing = [...extra, ...missing];
    if (differing.every(isMinor))
      return { score: 4, matchedBy: "partial", relation: "sibling", reason: `${g} differs from ${t} only in "${show(differing)}", which does not change management.` };
    if (differing.every((w) => isMinor(w) || isContrast(w)))
      return { score: 3, matchedBy: "partial", relation: "sibling", reason: `${g} is ${t} with another qualifier ("${show(extra)}" for "${show(missing)}") that changes management.` };
    return { score: 2, matchedBy: "partial", relation: "sibling", reason: `${g} is a different disease of the same kind as ${t}.` };
  }
  const shared = [...gWords].filter((w) => truthWords.has(w) && !isMinor(w) && !IGNORABLE.has(w) && !GENERIC.has(w) && !NEGATION_WORDS.has(w));
  if (shared.length > 0) return { score: 2, matchedBy: "partial", relation: "shared", reason: `${g} shares only "${show(shared)}" with ${t}: a related but different disease.` };
  return undefined;
}

// ---- the truth and one asserted diagnosis -----------------------------------------------------

/** What the judge knows of the case's diagnosis. */
export interface JudgeTruth {
  name: string;
  icd10?: string;
  synonyms?: readonly string[];
  kbId?: string;
  noDisease?: boolean;
}

/** Answers that mean "this patient has no disease". */
const NO_DISEASE = [
  /^(no|not|nil|without|absence of)\b.*\b(disease|pathology|abnormality|abnormalities|illness|diagnosis|problem|finding|findings|process|cause)s?( (found|detected|identified|seen))?$/,
  /^(normal|healthy|well|none|nil|physiological|nothing (wrong|abnormal|found)|normal (study|examination|exam|findings|variant|physiology)|healthy (patient|person|individual|child|adult))$/,
];

export const meansNoDisease = (name: string): boolean => {
  const folded = foldText(name);
  return NO_DISEASE.some((re) => re.test(folded));
};

interface TruthIndex {
  truth: JudgeTruth;
  label: string;
  own: Form;
  forms: Form[];
  concepts: Set<number>;
  codes: string[];
  lookedUpCodes: string[];
}

/** A name, and its spelled-out forms when it holds abbreviations. */
const withExpansions = (vocabulary: Vocabulary, name: string): string[] => [...new Set([name, ...expandAbbreviations(vocabulary, name)])];

/**
 * Of a concept's other names, those that mean what `own` means: the same words, or no word in
 * common (a true synonym: "glandular fever"). A name broader or narrower than `own`
 * ("meningitis" for bacterial meningitis, "gallstone pancreatitis" for acute pancreatitis)
 * is another diagnosis, whatever list it stands in.
 */
function sameMeaning(own: Form, names: readonly string[], vocabulary: Vocabulary, siblings: boolean): Form[] {
  const fits = (n: string) => {
    const form = formOf(n, vocabulary);
    const relations = [textCandidate(form, own, vocabulary), textCandidate(own, form, vocabulary)];
    return relations.every((r) => !r || r.relation === "same" || (siblings && r.relation !== "broader" && r.relation !== "narrower" && r.score !== 3));
  };
  // A name that stands for several diseases, or is declared an umbrella ("heart attack"), is no one disease's synonym.
  const umbrella = (n: string) => conceptsNamed(vocabulary, n).ambiguous || vocabulary.broaderKeys.has(nameKey(n, vocabulary.words));
  return names.flatMap((n) => {
    const spelled = withExpansions(vocabulary, n);
    return spelled.every((x) => fits(x) && !umbrella(x)) ? spelled.map((x) => formOf(x, vocabulary)) : [];
  });
}

/** Whether a name is the own name of one of the concepts (not only a synonym it lists). */
const isOwnName = (vocabulary: Vocabulary, name: string, ids: Iterable<number>): boolean => {
  const own = vocabulary.byOwnKey.get(nameKey(name, vocabulary.words));
  return own !== undefined && [...ids].includes(own);
};

const codesOf = (vocabulary: Vocabulary, ids: Iterable<number>): string[] =>
  [...ids].map((id) => normaliseCode(vocabulary.concepts[id]!.icd10)).filter((c): c is string => c !== undefined);

function indexTruth(truth: JudgeTruth, vocabulary: Vocabulary): TruthIndex {
  const own = formOf(truth.name, vocabulary);
  const conceptIds = new Set<number>();
  for (const n of withExpansions(vocabulary, truth.name)) {
    const named = conceptsNamed(vocabulary, n);
    if (!named.ambiguous) for (const id of named.ids) conceptIds.add(id);
  }
  const kbConcept = truth.kbId ? vocabulary.concepts.find((c) => c.kbId === truth.kbId) : undefined;
  if (kbConcept) conceptIds.add(kbConcept.id);
  const names = [...withExpansions(vocabulary, truth.name).slice(1), ...(truth.synonyms ?? []), ...[...conceptIds].flatMap((id) => vocabulary.concepts[id]!.names)];
  const forms = [own, ...sameMeaning(own, names, vocabulary, withExpansions(vocabulary, truth.name).some((n) => isOwnName(vocabulary, n, conceptIds)))];
  const codes = [normaliseCode(truth.icd10), normaliseCode(kbConcept?.icd10)].filter((c): c is string => c !== undefined);
  return { truth, label: truth.noDisease ? "no disease" : truth.name, own, forms, concepts: conceptIds, codes, lookedUpCodes: codesOf(vocabulary, conceptIds) };
}

/** One asserted diagnosis against the truth. `guess` carries the panel's code and knowledge-base id when it gave them. */
function scoreOne(name: string, index: TruthIndex, vocabulary: Vocabulary, guess?: DiagnosisGuess): Candidate {
  const { truth, label } = index;
  if (truth.noDisease) {
    if (meansNoDisease(name)) return { score: 5, matchedBy: "text", reason: `"${name}": the patient has no disease.` };
    const same = best(index.forms.map((t) => textCandidate(formOf(name, vocabulary), t, vocabulary)));
    if (same && same.score >= 4) return same;
    return { score: 1, matchedBy: "none", reason: `"${name}" names a disease; the patient has none.` };
  }
  if (meansNoDisease(name)) return { score: 1, matchedBy: "none", reason: `"${name}" misses the diagnosis: ${label}.` };

  const spelled = withExpansions(vocabulary, name);
  const own = formOf(spelled[spelled.length - 1]!, vocabulary);
  const answerIds = new Set<number>();
  // Ambiguous when every spelling of the answer names several diseases ("UTI" alone may be
  // cystitis; spelled out, "urinary tract infection" is one concept).
  const namings = spelled.map((n) => conceptsNamed(vocabulary, n));
  const clear = namings.filter((m) => !m.ambiguous && m.ids.length > 0);
  const ambiguous = clear.length === 0 && namings.some((m) => m.ambiguous);
  for (const m of clear.length ? clear : namings) for (const id of m.ids) answerIds.add(id);
  const givenKb = guess?.kbId ? vocabulary.concepts.find((c) => c.kbId === guess.kbId) : undefined;
  if (givenKb) answerIds.add(givenKb.id);
  const sameConcept = [...answerIds].some((id) => index.concepts.has(id));
  const broaderIds = spelled.flatMap((e) => vocabulary.broaderKeys.get(nameKey(e, vocabulary.words)) ?? []);
  if (broaderIds.some((id) => index.concepts.has(id)) || (sameConcept && ambiguous))
    return { score: 3, matchedBy: "partial", reason: `"${name}" is an umbrella term over ${label} and other diseases: a broader category.` };

  const answerNames = ambiguous ? [] : [...answerIds].flatMap((id) => vocabulary.concepts[id]!.names);
  const givenForms = [...spelled.map((n) => formOf(n, vocabulary)), ...sameMeaning(own, answerNames, vocabulary, spelled.some((n) => isOwnName(vocabulary, n, answerIds)))];
  const rename = (c: Candidate | undefined) => c && { ...c, reason: c.reason.replace(/^"[^"]*"/, `"${name}"`) };
  const byText = rename(best(givenForms.flatMap((g) => index.forms.map((t) => textCandidate(g, t, vocabulary)))));
  if (sameConcept) {
    // Two names of one concept; when their words overlap, the words say how close they are.
    const direct = rename(best(spelled.map((n) => textCandidate(formOf(n, vocabulary), index.own, vocabulary))));
    if (direct && direct.score < 5 && (direct.relation === "broader" || direct.relation === "narrower" || direct.score === 3)) return direct;
    return { score: 5, matchedBy: "synonym", reason: `"${name}" is another name for ${label}.` };
  }

  const givenCodes = [normaliseCode(guess?.icd10), normaliseCode(givenKb?.icd10)].filter((c): c is string => c !== undefined);
  const byCode = best(givenCodes.flatMap((g) => index.codes.map((t) => icdCandidate(g, t))));
  const lookedUp = ambiguous ? [] : codesOf(vocabulary, answerIds);
  const byLookup = best(lookedUp.flatMap((g) => [...index.codes, ...index.lookedUpCodes].map((t) => lookedUpCodeCandidate(g, t, name, label))));

  const chosen = best([byCode, byText, byLookup]) ?? { score: 1, matchedBy: "none", reason: `"${name}" is unrelated to ${label}.` };
  // Another name of the truth may leave out a qualifier its own name has ("leaking" for
  // "ruptured"); an answer without that qualifier is still the broader category.
  const direct = rename(best(spelled.map((n) => textCandidate(formOf(n, vocabulary), index.own, vocabulary))));
  if (chosen.score > 3 && direct?.relation === "broader" && direct.score === 3) return direct;
  // A synonym of the truth may drop its qualifier ("cholecystitis"); the answer still may not contradict it.
  const against = contradiction([...own.name.main, ...own.name.detail], [...index.own.name.main, ...index.own.name.detail]);
  if (chosen.score > 3 && against)
    return { score: 3, matchedBy: "partial", reason: `"${name}" is ${label} with a qualifier that changes management ("${own.written.get(against[0]) ?? against[0]}" for "${index.own.written.get(against[1]) ?? against[1]}").` };
  return chosen;
}

/**
 * Scores a final answer as written against the truth. The answer is first read for what it
 * asserts and what it excludes (judge-answer.ts): the truth named only as excluded scores 1;
 * two or more diagnoses put forward without a choice score at most 2, even with the truth
 * among them; one diagnosis, hedged or not, is scored by the name, code and vocabulary rules.
 */
export function judgeAnswer(truth: JudgeTruth, answer: string, vocabulary: Vocabulary, guess?: DiagnosisGuess): Verdict {
  const index = indexTruth(truth, vocabulary);
  if (meansNoDisease(answer)) return verdict(scoreOne(answer, index, vocabulary, guess));
  const read = readAnswer(answer);
  if (read.none) return verdict({ score: 1, matchedBy: "none", reason: `"${answer}" gives no diagnosis.` });
  const excluded = read.negated.find((n) => !truth.noDisease && scoreOne(n, index, vocabulary).score >= 4);
  if (read.asserted.length === 0)
    return verdict(
      excluded
        ? { score: 1, matchedBy: "negated", reason: `"${answer}" names ${index.label} as excluded.` }
        : { score: 1, matchedBy: "none", reason: `"${answer}" only excludes diagnoses and gives none.` },
    );
  if (read.asserted.length === 1) {
    const one = scoreOne(read.asserted[0]!, index, vocabulary, guess);
    if (excluded && one.score < 4) return verdict({ score: 1, matchedBy: "negated", reason: `"${answer}" names ${index.label} as excluded.` });
    return verdict(one);
  }
  const scored = read.asserted.map((a) => ({ a, c: scoreOne(a, index, vocabulary) }));
  const top = scored.reduce((x, y) => (y.c.score > x.c.score ? y : x));
  const list = read.asserted.map((a) => `"${a}"`).join(", ");
  if (top.c.score >= 4) return verdict({ score: 2, matchedBy: "list", reason: `The answer lists ${list} without committing to one, though "${top.a}" would be right.` });
  return verdict({ score: Math.min(top.c.score, 2), matchedBy: "list", reason: `The answer lists ${list} without committing to one, and none of them is ${index.label}.` });
}

/**
 * Scores the panel's final diagnosis against the case's: the knowledge-base id when both
 * carry one, then judgeAnswer over the case's name, code and synonyms (with the knowledge
 * base's). When the case's answer is "no disease", an answer meaning no disease ("normal",
 * "no acute pathology") or the case's own name for it scores 5, and naming any disease scores
 * 1: in a healthy patient a diagnosis leads to needless tests and treatment, SDBench's
 * "harmful". The other way round, "no disease" for a sick patient is a missed diagnosis: 1.
 */
export function judgeDiagnosis(caseFile: Case, kb: KnowledgeBase | undefined, given: DiagnosisGuess, vocabulary: Vocabulary = bundledVocabulary(kb)): Verdict {
  const truth = caseFile.diagnosis;
  // An abstention names nothing: scored as no diagnosis, whatever its text mentions.
  if (given.abstained) return verdict({ score: 1, matchedBy: "none", reason: `The panel abstained; the diagnosis was ${truth.no_disease ? "no disease" : truth.name}.` });
  if (truth.kb_id && given.kbId === truth.kb_id)
    return verdict({ score: 5, matchedBy: "kb-id", reason: `Knowledge-base disease "${given.kbId}" is the case's diagnosis.` });
  return judgeAnswer(
    { name: truth.name, icd10: truth.icd10, synonyms: truth.synonyms, ...(truth.kb_id ? { kbId: truth.kb_id } : {}), noDisease: truth.no_disease },
    given.name,
    vocabulary,
    given,
  );
}
