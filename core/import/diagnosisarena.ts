import { z } from "zod";
import { type Case, CaseSchema, type CaseTest, type FindingItem } from "../case.js";
import { diagnosisPhrases, namedIn } from "../case-lint.js";
import type { Catalog } from "../catalog.js";
import { type Setting, complaintOf } from "../complaint.js";
import { fieldPath } from "../data-file.js";
import type { Mcq } from "../mcq.js";
import { resolveOrder } from "../orders.js";
import { type Workup, addClinicalExamination, looksAbnormal, priceOf, slug } from "./agentclinic.js";
import { type ImportedCase, ImportRecordError, type SkippedRecord, importJsonLines, uniqueId } from "./json-lines.js";

/**
 * DiagnosisArena (Zhu et al. 2025): journal case reports already split into case information,
 * physical examination and diagnostic tests (free text in "- Section: …" parts), with the final
 * diagnosis and four options. One record per JSON line.
 */
const DiagnosisArenaRecordSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  case_information: z.string().min(10, "the case information is empty"),
  physical_examination: z.string().default(""),
  diagnostic_tests: z.string().default(""),
  final_diagnosis: z.string().trim().min(2, "no final diagnosis"),
  option_a: z.string().optional(),
  option_b: z.string().optional(),
  option_c: z.string().optional(),
  option_d: z.string().optional(),
  right_option: z.string().optional(),
});
type DiagnosisArenaRecord = z.infer<typeof DiagnosisArenaRecordSchema>;

export const DIAGNOSISARENA_SOURCE = {
  name: "DiagnosisArena (Zhu Y, Huang Z, Mu L et al. 2025, arXiv:2505.14107)",
  licence: "research and model evaluation only; the source journals' copyright applies to the case reports",
  url: "https://arxiv.org/abs/2505.14107",
} as const;

/** A DiagnosisArena record that cannot become a case. */
export class DiagnosisArenaRecordError extends ImportRecordError {
  override name = "DiagnosisArenaRecordError";
}

/** Converts every non-blank line of a DiagnosisArena JSONL text; a bad line is skipped with its reason. */
export const importDiagnosisArena = (text: string, context: { catalog: Catalog }): { cases: ImportedCase[]; skipped: SkippedRecord[] } =>
  importJsonLines(text, (record, line) => convertDiagnosisArenaRecord(record, line, context));

/** Turns one record into a narrative-only case (no knowledge-base links); throws DiagnosisArenaRecordError when it cannot. */
export function convertDiagnosisArenaRecord(record: unknown, lineNo: number, { catalog }: { catalog: Catalog }): { case: Case; warnings: string[] } {
  const parsed = DiagnosisArenaRecordSchema.safeParse(record);
  if (!parsed.success) throw new DiagnosisArenaRecordError(`not a DiagnosisArena record: ${firstIssue(parsed.error)}`);
  const r = parsed.data;
  const warnings: string[] = [];
  const diagnosis = { name: r.final_diagnosis.replaceAll("’", "'"), synonyms: [] as string[] };
  const phrases = diagnosisPhrases([diagnosis.name]);

  const sentences = sentencesOf(r.case_information);
  const age = ageOf(r.case_information);
  const sex = sexOf(r.case_information);
  if (sex.guessed) warnings.push(`sex not stated; recorded as ${sex.value}`);
  const chiefComplaint = chiefComplaintOf(sentences[0]!);
  if (namedIn(chiefComplaint, phrases)) throw new DiagnosisArenaRecordError(`the presenting complaint names the diagnosis ("${namedIn(chiefComplaint, phrases)}")`);
  const { narrative, used } = narrativeOf(sentences, phrases, { age, sex: sex.value, chiefComplaint });
  const setting = settingOf(r.case_information);

  const workup = testsOf(r.diagnostic_tests, catalog);
  if (Object.keys(workup.tests).length === 0) {
    addClinicalExamination(workup, { Examination: r.physical_examination || "No further findings." });
    warnings.push("no diagnostic tests: the key test is the clinical examination, priced $0");
  }
  warnings.push(...workup.warnings);
  const testIds = Object.keys(workup.tests);
  const abnormal = testIds.filter((id) => workup.tests[id]?.abnormal);
  const mcq = mcqOf(r, warnings);

  const id = r.id === undefined ? `diagnosisarena-line-${lineNo}` : `diagnosisarena-${slug(String(r.id)).replaceAll("_", "-")}`;
  const draft = {
    id,
    title: `DiagnosisArena case ${r.id ?? `at line ${lineNo}`}`,
    specialty: "imported",
    difficulty: "hard",
    complaint: complaintOf(chiefComplaint),
    source: { ...DIAGNOSISARENA_SOURCE },
    learning_objectives: [],
    presentation: { age, sex: sex.value, setting, chief_complaint: chiefComplaint, narrative },
    findings: [...historyItems(sentences.slice(Math.max(1, used))), ...examItems(r.physical_examination)],
    tests: workup.tests,
    case_tests: workup.caseTests,
    diagnosis,
    key_tests: abnormal.length > 0 ? abnormal : testIds,
    teaching_points: [],
    ...(mcq ? { mcq } : {}),
  };
  const result = CaseSchema.safeParse(draft);
  if (!result.success) throw new DiagnosisArenaRecordError(`converted case is invalid: ${firstIssue(result.error)}`);
  return { case: result.data, warnings };
}

const firstIssue = (error: z.ZodError): string => {
  const issue = error.issues[0];
  return issue ? `${fieldPath(issue.path as PropertyKey[]) || "record"}: ${issue.message}` : "unreadable";
};

// ---- presentation ----

/** Sentences of a paragraph; abbreviations such as "Dr." or "e.g." do not end one. */
export function sentencesOf(text: string): string[] {
  return text
    .replace(/\s+/g, " ")
    .split(/(?<=[.!?])\s+(?=[A-Z0-9(])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 1)
    .reduce<string[]>((out, s) => {
      const last = out.at(-1);
      if (last && /\b(Dr|Mr|Mrs|Ms|St|vs|e\.g|i\.e|approx|No)\.$/i.test(last)) out[out.length - 1] = `${last} ${s}`;
      else out.push(s);
      return out;
    }, []);
}

const WORD_NUMBERS: Record<string, number> = { teens: 15, twenties: 25, thirties: 35, forties: 45, fifties: 55, sixties: 65, seventies: 75, eighties: 85, nineties: 95 };

function ageOf(text: string): number {
  const years = /(\d{1,3})[- ]?(?:years?|yrs?|y)[- ]?(?:old|of age)?\b/i.exec(text) ?? /\baged? (\d{1,3})\b/i.exec(text);
  if (years && Number(years[1]) <= 120) return Number(years[1]);
  const months = /(\d{1,2})[- ]months?[- ]old/i.exec(text);
  if (months) return Math.floor(Number(months[1]) / 12);
  const decade = /\bin (?:his|her|their) (?:(?:early|mid|late)[- ])?(\d0)s\b/i.exec(text) ?? /\bin (?:his|her|their) (?:(?:early|mid|late)[- ])?(teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b/i.exec(text);
  if (decade) return /^\d/.test(decade[1]!) ? Number(decade[1]) + 5 : WORD_NUMBERS[decade[1]!.toLowerCase()]!;
  if (/\b(\d+[- ](day|week)s?[- ]old|newborn|neonate|infant)\b/i.test(text)) return 0;
  throw new DiagnosisArenaRecordError("no age in the case information");
}

const FEMALE = /\b(female|woman|girl|lady|mother|gravida|pregnant|she|her|hers)\b/gi;
const MALE = /\b(male|man|boy|gentleman|father|he|his|him)\b/gi;

/** Sex from the words the report uses about the patient; guessed (and said so) when they disagree or are absent. */
function sexOf(text: string): { value: "female" | "male"; guessed: boolean } {
  const female = text.match(FEMALE)?.length ?? 0;
  const male = text.match(MALE)?.length ?? 0;
  if (female > male) return { value: "female", guessed: male > 0 && female < 2 * male };
  if (male > female) return { value: "male", guessed: female > 0 && male < 2 * female };
  return { value: "female", guessed: true };
}

const settingOf = (text: string): Setting => (/\bemergency\b|\b(ED|ER)\b|\bintensive care\b|\bambulance\b|\bcollapsed\b/i.test(text) ? "emergency" : "clinic");

/** What the patient came with: the words after "presented with" and the like, else the opening sentence. */
function chiefComplaintOf(first: string): string {
  const found =
    /\b(?:present(?:ed|ing|s)?|came|referred|admitted|seen)\b[^.]*?\b(?:with|for|because of)\s+(?:a |an )?(?:\d+[- ](?:day|week|month|year)s?[- ]history of\s+)?(.+?)(?:[.;]|, and\b|,? (?:which|who|that|after|since|over|for (?:the past|\d))\b|$)/i.exec(first)?.[1] ??
    /\bcomplain(?:ed|ing|s)? of\s+(.+?)(?:[.;]|,? (?:and|which|for)\b|$)/i.exec(first)?.[1];
  const text = (found && found.trim().length >= 3 ? found : first).trim().replace(/[.;,]$/, "");
  return capitalise(text.length > 140 ? `${text.slice(0, 137).replace(/\s+\S*$/, "")}…` : text);
}

/**
 * The opening sentence or two, as the panel first hears the story, left out from the first
 * that names the diagnosis; when even the first does, a line of age, sex and complaint.
 */
function narrativeOf(sentences: readonly string[], phrases: readonly string[], who: { age: number; sex: string; chiefComplaint: string }): { narrative: string; used: number } {
  const kept: string[] = [];
  for (const s of sentences.slice(0, 2)) {
    if (namedIn(s, phrases) || kept.join(" ").length + s.length > 600) break;
    kept.push(s);
  }
  const text = kept.join(" ");
  return text.length >= 10 ? { narrative: text, used: kept.length } : { narrative: `A ${who.age}-year-old ${who.sex} presenting with ${lowerFirst(who.chiefComplaint)}.`, used: 0 };
}

// ---- history and examination ----

/** Topic rules for a sentence of the history, first match wins; the topic and the words a question may use. */
const HISTORY_TOPICS: readonly [RegExp, string, string[]][] = [
  [/\b(family|mother|father|sister|brother|sibling|relative|son|daughter)s?\b/i, "Family history", ["family history", "relatives"]],
  [/\b(smok|tobacco|alcohol|drink|drug use|occupation|works? as|worked|travel|lives|living|pets?|sexual)/i, "Social history", ["social history", "smoking", "alcohol", "travel", "occupation"]],
  [/\b(medication|taking|treated with|received|prescribed|therapy|drug)s?\b/i, "Medications and treatment so far", ["medications", "drugs", "treatment"]],
  [/\b(history of|known|diagnosed|previous(ly)?|prior|past|underwent|surgery)\b/i, "Past medical history", ["past medical history", "medical history", "previous illness"]],
];

/** The case information after the opening the presentation holds, one item per topic. */
function historyItems(sentences: readonly string[]): FindingItem[] {
  const byTopic = new Map<string, { synonyms: string[]; texts: string[] }>();
  for (const s of sentences) {
    const [, topic, synonyms] = HISTORY_TOPICS.find(([pattern]) => pattern.test(s)) ?? [undefined, "History of present illness", ["symptoms", "history", "course", "timeline"]];
    const group = byTopic.get(topic) ?? { synonyms, texts: [] };
    group.texts.push(s);
    byTopic.set(topic, group);
  }
  return [...byTopic].map(([topic, { synonyms, texts }]) => ({ id: `history.${slug(topic)}`, kind: "history" as const, topic, synonyms, text: texts.join(" "), kb: [] }));
}

const EXAM_TOPICS: readonly [RegExp, string, string[]][] = [
  [/\b(temperature|blood pressure|heart rate|pulse|respiratory rate|saturation|vital|BMI|weight|febrile|afebrile)\b/i, "Vital signs", ["vital signs", "temperature", "blood pressure", "pulse", "heart rate", "oxygen saturation"]],
  [/\b(heart|cardiac|murmur|S1|S2|gallop|JVP|jugular)\b/i, "Cardiovascular examination", ["heart", "cardiovascular", "murmur", "heart sounds"]],
  [/\b(lung|chest|breath|crackles|wheez|rales|respiratory)\w*/i, "Respiratory examination", ["lungs", "chest", "breath sounds", "respiratory"]],
  [/\b(abdom|liver|spleen|hepat|bowel|tender)\w*/i, "Abdominal examination", ["abdomen", "abdominal", "liver", "spleen"]],
  [/\b(neuro|reflex|cranial|strength|sensation|gait|cerebell|conscious|oriented|pupil)\w*/i, "Neurological examination", ["neurological", "reflexes", "strength", "sensation", "cranial nerves"]],
  [/\b(skin|rash|lesion|erythema|papule|macule|ulcer|nodule|plaque)\w*/i, "Skin examination", ["skin", "rash", "lesions"]],
  [/\b(lymph|node|neck|thyroid)\w*/i, "Lymph nodes and neck", ["lymph nodes", "neck", "thyroid"]],
  [/\b(eye|visual|fundus|retina|ear|throat|oral|mouth|tongue)\w*/i, "Head, eyes, ears, mouth and throat", ["eyes", "ears", "mouth", "throat", "fundoscopy"]],
  [/\b(joint|muscle|limb|extremit|edema|oedema|swelling)\w*/i, "Limbs and joints", ["limbs", "joints", "extremities", "oedema", "swelling"]],
];

/** The examination, one item per system; what no rule places is the general examination. */
function examItems(text: string): FindingItem[] {
  const bySystem = new Map<string, { synonyms: string[]; texts: string[] }>();
  for (const s of sentencesOf(text)) {
    const [, topic, synonyms] = EXAM_TOPICS.find(([pattern]) => pattern.test(s)) ?? [undefined, "General examination", ["examination", "physical examination", "general appearance"]];
    const group = bySystem.get(topic) ?? { synonyms, texts: [] };
    group.texts.push(s);
    bySystem.set(topic, group);
  }
  return [...bySystem].map(([topic, { synonyms, texts }]) => ({ id: `exam.${slug(topic)}`, kind: "exam" as const, topic, synonyms, text: texts.join(" "), kb: [] }));
}

// ---- tests ----

/**
 * Prices for a test the catalog lacks and no part of whose name it knows, by the kind of study
 * (the team's estimates, kept below what most such tests cost in the catalog: an estimate must
 * not make an imported case look dear).
 */
const ESTIMATED_PRICE: readonly [RegExp, number, string][] = [
  [/imag|radiol|scan|x-?ray|ultrasound|sonograph|\bCT\b|MRI|PET|angiogra|echo/i, 250, "imaging study"],
  [/patholog|biops|histolog|cytolog|immunohisto|smear/i, 150, "pathology study"],
  [/genetic|sequenc|molecular|PCR|karyotyp/i, 300, "molecular or genetic test"],
  [/lab|blood|serum|urine|culture|serolog|antibod|marker|level/i, 25, "laboratory test"],
];
const OTHER_PRICE = 100;

function estimatedPrice(name: string, section: string): Pick<CaseTest, "price_usd" | "price_source"> {
  const [, usd, kind] = ESTIMATED_PRICE.find(([pattern]) => pattern.test(name) || pattern.test(section)) ?? [undefined, OTHER_PRICE, "test of another kind"];
  return { price_usd: usd, price_source: `estimate: typical price of a ${kind}, capped at $${usd} (dxsim's own figure; the catalog has no such test)` };
}

/** "- Imaging Studies: …" parts of the tests text; text before the first part, or without any, is one unnamed part. */
export function testSections(text: string): { name: string; body: string }[] {
  const parts: { name: string; body: string }[] = [];
  const pattern = /(?:^|\n)\s*[-•*]\s*([^:\n]{2,60}):\s*/g;
  let last = { name: "Diagnostic tests", start: 0 };
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    parts.push({ name: last.name, body: text.slice(last.start, m.index).trim() });
    last = { name: m[1]!.trim(), start: m.index + m[0].length };
  }
  parts.push({ name: last.name, body: text.slice(last.start).trim() });
  return parts.filter((p) => p.body.length >= 2);
}

/** Where a result's test name ends: the verb that reports it, a colon, a number or a word that grades it. */
const NAME_END =
  /\s(?:showed|shows|revealed|reveals|demonstrated|demonstrates|was|were|is|are|indicated|found|confirmed|disclosed|returned|identified|detected|suggested|noted|grew|grows|isolated|yielded|measured|reported)\b|[:=]|\s(?=[<>≤≥]?\d)|\s(?=(?:normal|negative|positive|elevated|raised|low|high|unremarkable|markedly|slightly|mildly|within)\b)/i;

/** A result's test name, and what it says of the test (for whether it reads as abnormal). */
function splitResult(item: string): { name: string; finding: string } {
  const end = NAME_END.exec(item);
  const name = (end ? item.slice(0, end.index) : item).replace(/^(?:an?|the|repeat(?:ed)?|further|subsequent|initial)\s+/i, "").trim();
  const finding = end ? item.slice(end.index).replace(/^\s*(?:showed|shows|revealed|reveals|demonstrated|demonstrates|was|were|is|are|indicated|found|confirmed|disclosed|returned|identified|detected|suggested|noted|grew|grows|isolated|yielded|measured|reported)?\s*[:=]?\s*/i, "") : item;
  return { name, finding };
}

/**
 * Each item of each section becomes a catalog test's result when its name resolves to one (the
 * order resolver the panel's orders go through), or the section's when the section names one;
 * else a case test of its own when it has a short name, or of the section otherwise. Case tests are priced from a catalog test a part of
 * their name resolves to, else estimated by kind, and say so.
 */
function testsOf(text: string, catalog: Catalog): Workup {
  const workup: Workup = { tests: {}, caseTests: [], warnings: [] };
  const ids = new Set<string>(catalog.byId.keys());
  const caseTestByName = new Map<string, string>();
  const record = (id: string, result: string, finding: string) => {
    const existing = workup.tests[id];
    const abnormal = looksAbnormal(finding);
    workup.tests[id] = existing ? { ...existing, text: `${existing.text} ${result}`, abnormal: existing.abnormal || abnormal } : { text: result, values: [], abnormal, kb: [] };
  };
  const caseTest = (name: string, section: string, synonyms: string[]): string => {
    const key = name.toLowerCase();
    const known = caseTestByName.get(key);
    if (known) return known;
    const id = uniqueId(slug(name), ids);
    caseTestByName.set(key, id);
    workup.caseTests.push({ id, name, synonyms, ...(priceOf(name, catalog) ?? estimatedPrice(name, section)) });
    return id;
  };
  for (const section of testSections(text)) {
    // A section named for one test ("- Electrocardiogram: …") holds that test's findings.
    const sectionTest = resolveOrder(catalog, section.name);
    for (const item of sentencesOf(section.body).flatMap((s) => s.split(/;\s+/)).filter((s) => s.trim().length >= 2)) {
      const { name, finding } = splitResult(item);
      const words = name.split(/\s+/).length;
      const resolved = name.length >= 2 && words <= 8 ? resolveOrder(catalog, name) : undefined;
      if (resolved?.kind === "match") record(resolved.test.id, item, finding);
      else if (sectionTest.kind === "match") record(sectionTest.test.id, item, item);
      else if (name.length >= 3 && words <= 6 && /^[A-Za-z]/.test(name)) record(caseTest(capitalise(name), section.name, [section.name]), item, finding);
      else record(caseTest(section.name, section.name, []), item, finding);
    }
  }
  return workup;
}

// ---- options ----

const LETTERS = ["a", "b", "c", "d"] as const;

/** The four options and the right one, kept for --mcq; absent (with a warning) when incomplete. */
function mcqOf(r: DiagnosisArenaRecord, warnings: string[]): Mcq | undefined {
  const options = LETTERS.map((l) => r[`option_${l}`]?.trim() ?? "");
  if (options.every((o) => o === "")) return undefined;
  const right = (r.right_option ?? "").trim();
  const letter = /^\(?([A-Da-d])\)?(?:[.:)]|$)/.exec(right)?.[1]?.toLowerCase();
  const index = letter ? LETTERS.indexOf(letter as (typeof LETTERS)[number]) : options.findIndex((o) => o.toLowerCase() === right.toLowerCase());
  if (options.some((o) => o === "") || index < 0) {
    warnings.push("options incomplete or no right option: the case cannot be run with --mcq");
    return undefined;
  }
  return { options, answer: index };
}

// ---- text helpers ----

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
