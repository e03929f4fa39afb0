import { z } from "zod";
import { type Case, CaseSchema, type CaseTest, type FindingItem, type TestResult } from "../case.js";
import { namedIn, diagnosisPhrases } from "../case-lint.js";
import type { Catalog } from "../catalog.js";
import { type Setting, complaintOf } from "../complaint.js";
import { fieldPath } from "../data-file.js";
import { resolveOrder, splitOrders } from "../orders.js";
import { categoryEstimate } from "./price-estimate.js";
import { foldText } from "../text-match.js";
import { type ImportedCase, ImportRecordError, type SkippedRecord, importJsonLines, uniqueId } from "./json-lines.js";

/**
 * AgentClinic's MedQA cases (Schmidgall et al. 2024, MIT): one OSCE record per JSON line, with
 * the patient actor's history, the examination, the test results and the correct diagnosis.
 * Sections hold free-form JSON whose keys vary from record to record.
 */
const Section = z.record(z.string(), z.json());
const AgentClinicRecordSchema = z.object({
  OSCE_Examination: z.object({
    Objective_for_Doctor: z.string(),
    Patient_Actor: z.object({ Demographics: z.string().min(1) }).catchall(z.json()),
    Physical_Examination_Findings: Section,
    Test_Results: Section,
    Correct_Diagnosis: z.string().min(2),
  }),
});
type Json = z.infer<ReturnType<typeof z.json>>;
type JsonObject = { [key: string]: Json };

export const AGENTCLINIC_SOURCE = {
  name: "AgentClinic MedQA (Schmidgall et al. 2024)",
  licence: "MIT",
  url: "https://github.com/SamuelSchmidgall/AgentClinic",
} as const;

/** An AgentClinic record that cannot become a case. */
export class AgentClinicRecordError extends ImportRecordError {
  override name = "AgentClinicRecordError";
}

/** Converts every non-blank line of an AgentClinic JSONL text; a bad line is skipped with its reason. */
export const importAgentClinic = (text: string, context: { catalog: Catalog }): { cases: ImportedCase[]; skipped: SkippedRecord[] } =>
  importJsonLines(text, (record, line) => convertAgentClinicRecord(record, line, context));

/**
 * Turns one AgentClinic record into a narrative-only case (no knowledge-base links). Throws
 * AgentClinicRecordError when the record lacks what a case needs.
 */
export function convertAgentClinicRecord(record: unknown, lineNo: number, { catalog }: { catalog: Catalog }): { case: Case; warnings: string[] } {
  const parsed = AgentClinicRecordSchema.safeParse(record);
  if (!parsed.success) throw new AgentClinicRecordError(`not an AgentClinic record: ${firstIssue(parsed.error)}`);
  const osce = parsed.data.OSCE_Examination;
  const { Demographics: demographics, ...history } = osce.Patient_Actor;
  const warnings: string[] = [];
  const wholeText = JSON.stringify(record);

  const diagnosis = diagnosisOf(osce.Correct_Diagnosis);
  const setting = settingOf(`${osce.Objective_for_Doctor} ${textOf(history.History ?? "")}`);
  const chiefComplaint = chiefComplaintOf(history.Symptoms, osce.Objective_for_Doctor);
  const narrative = `${capitalise(demographics.trim())}, seen in ${setting === "emergency" ? "the emergency department" : "clinic"}, presenting with ${lowerFirst(chiefComplaint)}.`;
  const named = namedIn(narrative, diagnosisPhrases([diagnosis.name, ...diagnosis.synonyms]));
  if (named !== undefined) throw new AgentClinicRecordError(`the presenting complaint names the diagnosis ("${named}")`);

  const sex = sexOf(demographics, wholeText);
  if (sex.guessed) warnings.push(`sex not stated; recorded as ${sex.value}`);

  const { tests: reported, exam: examLike, history: historyLike } = sortResults(osce.Test_Results);
  const workup = testsOf(reported, catalog);
  if (Object.keys(workup.tests).length === 0) {
    addClinicalExamination(workup, osce.Physical_Examination_Findings);
    warnings.push("no test results: the key test is the clinical examination, priced $0");
  }
  warnings.push(...workup.warnings);
  const testIds = Object.keys(workup.tests);
  const abnormal = testIds.filter((id) => workup.tests[id]?.abnormal);

  const n = String(lineNo).padStart(3, "0");
  const draft = {
    id: `agentclinic-medqa-${n}`,
    title: `AgentClinic MedQA case ${n}`,
    specialty: "imported",
    difficulty: "moderate",
    complaint: complaintOf(chiefComplaint),
    source: { ...AGENTCLINIC_SOURCE },
    learning_objectives: [],
    presentation: { age: ageOf(demographics, osce.Objective_for_Doctor), sex: sex.value, setting, chief_complaint: chiefComplaint, narrative },
    findings: [
      ...itemsOf("history", { ...history, ...historyLike }),
      ...itemsOf("exam", { ...osce.Physical_Examination_Findings, ...examLike }),
    ],
    tests: workup.tests,
    case_tests: workup.caseTests,
    diagnosis,
    // The tests whose results look abnormal are the confirmatory workup; when none does, all of them.
    key_tests: abnormal.length > 0 ? abnormal : testIds,
    teaching_points: [],
  };
  const result = CaseSchema.safeParse(draft);
  if (!result.success) throw new AgentClinicRecordError(`converted case is invalid: ${firstIssue(result.error)}`);
  return { case: result.data, warnings };
}

const firstIssue = (error: z.ZodError): string => {
  const issue = error.issues[0];
  return issue ? `${fieldPath(issue.path as PropertyKey[]) || "record"}: ${issue.message}` : "unreadable";
};

// ---- presentation ----

const ageOf = (demographics: string, objective: string): number => {
  for (const text of [demographics, objective]) {
    const years = /(\d+)[- ]years?[- ]old/i.exec(text);
    if (years) return Number(years[1]);
    const months = /(\d+)[- ]months?[- ]old/i.exec(text);
    if (months) return Math.floor(Number(months[1]) / 12);
    if (/\b(\d+[- ](day|week)s?[- ]old|newborn|neonate|infant)\b/i.test(text)) return 0;
  }
  throw new AgentClinicRecordError(`no age in the demographics ("${demographics}")`);
};

const FEMALE = /\b(female|woman|girl|gravida|she|her|hers|daughter)\b/gi;
const MALE = /\b(male|man|boy|he|his|him|son)\b/gi;

/** Sex from the demographics, else from the pronouns used about the patient; guessed when neither says. */
const sexOf = (demographics: string, wholeText: string): { value: "female" | "male"; guessed: boolean } => {
  for (const text of [demographics, wholeText]) {
    const female = text.match(FEMALE)?.length ?? 0;
    const male = text.match(MALE)?.length ?? 0;
    if (female > 0 && male === 0) return { value: "female", guessed: false };
    if (male > 0 && female === 0) return { value: "male", guessed: false };
  }
  return { value: "female", guessed: true };
};

const settingOf = (text: string): Setting => (/\bemergency\b|\b(ED|ER)\b/.test(text) ? "emergency" : "clinic");

const chiefComplaintOf = (symptoms: Json | undefined, objective: string): string => {
  const primary = isObject(symptoms) ? symptoms.Primary_Symptom : undefined;
  if (typeof primary === "string" && primary.trim().length >= 3) return primary.trim();
  const presenting = /presenting with (.+?)(?:[.,;]|$)/i.exec(objective)?.[1];
  if (presenting && presenting.trim().length >= 3) return capitalise(presenting.trim());
  throw new AgentClinicRecordError("no primary symptom and no presenting complaint in the objective");
};

/** The diagnosis as written; a bracketed abbreviation ("... (PML)") becomes a synonym. */
const diagnosisOf = (raw: string): { name: string; synonyms: string[] } => {
  const name = raw.replaceAll("’", "'").trim();
  const bracket = /^(.*?)\s*\(([^)]+)\)\s*$/.exec(name);
  return bracket?.[1] && bracket[2] ? { name: bracket[1], synonyms: [bracket[2]] } : { name, synonyms: [] };
};

// ---- history and examination ----

/**
 * One item per key of a section; a key holding an object gives one item per child instead
 * (vital signs: temperature, blood pressure, ...), its own name kept as a synonym so that a
 * question about the whole group still finds them.
 */
function itemsOf(kind: FindingItem["kind"], section: JsonObject): FindingItem[] {
  const items: FindingItem[] = [];
  const ids = new Set<string>();
  const add = (keys: string[], value: Json, synonyms: string[]) => {
    const text = textOf(value);
    // "Not mentioned" is no finding: the question gets the gatekeeper's usual reply instead.
    if (text.length < 2 || notDone(value)) return;
    const key = keys[keys.length - 1] ?? kind;
    items.push({ id: uniqueId(`${kind}.${keys.map(slug).join(".")}`, ids), kind, topic: topicOf(key), synonyms, text, kb: [] });
  };
  for (const [key, value] of Object.entries(section)) {
    if (isObject(value)) for (const [child, childValue] of Object.entries(value)) add([key, child], childValue, [topicOf(key)]);
    else add([key], value, []);
  }
  return items;
}

const topicOf = (key: string): string => (key === "History" ? "History of present illness" : humanise(key));

// ---- tests ----

/**
 * Entries of a test-results section that are not tests: vital signs and bedside manoeuvres or
 * signs belong to the examination, questionnaires and notes to the history. They become
 * findings, never tests, so never key tests.
 */
const EXAM_ENTRY = /\b(vital signs?|blood pressure|heart rate|pulse|respiratory rate|temperature|physical exam(ination)?|manoeuvre|maneuver|sign)\b/i;
const HISTORY_ENTRY = /^(other|notes?|suggestions?|comments?|assessment tools?|sleep diary|.*\b(screening questionnaire|questionnaire|depression screening|anxiety screening|adhd screening)\b.*)$/i;

function sortResults(results: JsonObject): { tests: JsonObject; exam: JsonObject; history: JsonObject } {
  const sorted = { tests: {} as JsonObject, exam: {} as JsonObject, history: {} as JsonObject };
  const partOf = (name: string) => (EXAM_ENTRY.test(name) ? sorted.exam : HISTORY_ENTRY.test(name) ? sorted.history : undefined);
  for (const [key, value] of Object.entries(results)) {
    const name = humanise(key);
    const part = partOf(name);
    if (part) part[key] = value;
    else if (isGeneric(name) && isObject(value)) {
      // A generic group ("Other tests") may hold notes and signs beside its tests.
      const kept: JsonObject = {};
      for (const [child, childValue] of Object.entries(value)) (partOf(humanise(child)) ?? kept)[child] = childValue;
      if (Object.keys(kept).length > 0) sorted.tests[key] = kept;
    } else sorted.tests[key] = value;
  }
  return sorted;
}

/** A value that reports a test not done: no result to reveal, so no test. */
const NOT_DONE = /^(not (indicated|performed|done|available|provided|applicable|mentioned|reported|documented|recorded|specified|stated)|n\/a|none performed|information not provided)\b/i;
const notDone = (value: Json): boolean => typeof value === "string" && NOT_DONE.test(value.trim());

/** Group names that say "some tests" rather than name one: their entries are the tests. */
const GENERIC_WORDS = new Set(
  "blood serum lab labs laboratory basic routine other additional special screening imaging and tests test work results result studies study values analysis investigations x rays infectious disease testing".split(" "),
);
const isGeneric = (name: string): boolean => name.toLowerCase().split(/\s+/).every((w) => GENERIC_WORDS.has(w));

export interface Workup {
  tests: Record<string, TestResult>;
  caseTests: CaseTest[];
  warnings: string[];
}

/**
 * Each test-result entry maps to a catalog test when its name resolves to one; a generic group
 * ("Blood tests", "Imaging") is opened and its entries mapped one by one, and what stays
 * unmatched there is kept together under the group's name, each entry's name a synonym (or
 * under the entry's own name, when alone).
 * Anything else unmatched becomes a case test, priced from the catalog when a sub-phrase of its
 * name matches a catalog test.
 */
function testsOf(results: JsonObject, catalog: Catalog): Workup {
  const workup: Workup = { tests: {}, caseTests: [], warnings: [] };
  const ids = new Set<string>(catalog.byId.keys());
  const caseTestByName = new Map<string, string>();

  const record = (id: string, text: string, abnormal: boolean) => {
    const existing = workup.tests[id];
    workup.tests[id] = existing
      ? { ...existing, text: `${existing.text}; ${text}`, abnormal: existing.abnormal || abnormal }
      : { text, values: [], abnormal, kb: [] };
  };
  const addCaseTest = (name: string, text: string, abnormal: boolean, synonyms: string[] = []) => {
    let id = caseTestByName.get(name.toLowerCase());
    if (id === undefined) {
      id = uniqueId(slug(name), ids);
      caseTestByName.set(name.toLowerCase(), id);
      const price = priceOf(name, catalog);
      if (!price) workup.warnings.push(`no price found for ${name}: priced by a category estimate`);
      workup.caseTests.push({ id, name, synonyms, ...(price ?? categoryEstimate(name, catalog)) });
    }
    record(id, text, abnormal);
  };
  const matched = (name: string): string | undefined => {
    const resolved = resolveOrder(catalog, name);
    return resolved.kind === "match" ? resolved.test.id : undefined;
  };
  // "Electromyography and nerve conduction studies" is two tests reported together.
  const matchedParts = (name: string): string[] => {
    const parts = splitOrders(catalog, name);
    const ids = parts.map(matched);
    return parts.length >= 2 && ids.every((id) => id !== undefined) ? [...new Set(ids as string[])] : [];
  };

  for (const [key, value] of Object.entries(results)) {
    // "Audiology report one week ago": when is part of the result, not of the test's name.
    const name = humanise(key).replace(/\s+(\w+ (day|week|month|year)s? ago)$/i, "");
    const text = resultText(humanise(key), value);
    if (text.length < 2 || notDone(value)) continue;
    const id = matched(name);
    const parts = id === undefined ? matchedParts(name) : [];
    if (id !== undefined) record(id, text, looksAbnormal(value));
    else if (parts.length > 0) for (const part of parts) record(part, text, looksAbnormal(value));
    else if (isGeneric(name) && isObject(value)) {
      const leftovers: [string, Json][] = [];
      for (const [childKey, childValue] of Object.entries(value)) {
        const childName = humanise(childKey);
        if (notDone(childValue)) continue;
        const childId = matched(childName);
        if (childId !== undefined) record(childId, resultText(childName, childValue), looksAbnormal(childValue));
        else leftovers.push([childName, childValue]);
      }
      const [only] = leftovers;
      if (leftovers.length === 1 && only) addCaseTest(only[0], resultText(only[0], only[1]), looksAbnormal(only[1]));
      else if (leftovers.length > 1) {
        const rest = Object.fromEntries(leftovers);
        addCaseTest(name, resultText(name, rest), looksAbnormal(rest), leftovers.map(([childName]) => childName));
      }
    } else addCaseTest(name, text, looksAbnormal(value));
  }
  return workup;
}

/**
 * A record without test results is a diagnosis made at the bedside. A case needs a key test,
 * so the examination itself stands in for one, at no cost beyond the visit.
 */
export function addClinicalExamination(workup: Workup, exam: JsonObject): void {
  workup.caseTests.push({
    id: "clinical_examination",
    name: "Clinical examination",
    synonyms: ["physical examination"],
    price_usd: 0,
    price_source: "estimate: no test beyond the examination, which the visit fee already covers",
  });
  workup.tests.clinical_examination = { text: textOf(exam) || "No further findings.", values: [], abnormal: true, kb: [] };
}

const STOP_WORDS = new Set(["of", "the", "and", "with", "for", "to", "in", "on", "at", "test", "tests", "level", "left", "right", "one", "week", "ago"]);

/** The price of the first catalog test that a sub-phrase of the name resolves to, longest phrases first. */
export function priceOf(name: string, catalog: Catalog): Pick<CaseTest, "price_usd" | "price_source"> | undefined {
  const words = name.split(/[\s,;:()]+/).filter((w) => w !== "" && !STOP_WORDS.has(w.toLowerCase()));
  for (let size = words.length; size >= 1; size--) {
    for (let start = 0; start + size <= words.length; start++) {
      const resolved = resolveOrder(catalog, words.slice(start, start + size).join(" "));
      if (resolved.kind === "match") {
        const test = catalog.byId.get(resolved.test.id);
        if (test)
          return {
            price_usd: test.price_usd,
            price_source: `estimate: priced as the catalog's "${test.name}" (${test.code}; ${test.price_source})`,
          };
      }
    }
  }
  return undefined;
}

/** Words that report a normal or absent result, or none yet, when they open a value. */
const NOT_ABNORMAL =
  /^(normal|within (?:the )?(?:normal|reference)|wnl|negative|unremarkable|no abnormal|no significant|no growth|no evidence|not detected|none\b|non-?reactive|clear\b|pending|not performed|not done|not indicated|not provided|not available|unavailable|information not provided|optional)/i;
const FLAGGED = /\b(high|low|elevated|raised|increased|decreased|reduced|abnormal|positive)\b/i;

/**
 * True when some value of a result reads as abnormal: a worded finding that does not open as
 * normal, or a number flagged high or low. A bare number without a range can't be judged.
 */
export function looksAbnormal(value: Json): boolean {
  if (Array.isArray(value)) return value.some(looksAbnormal);
  if (isObject(value)) return Object.values(value).some(looksAbnormal);
  if (typeof value !== "string") return false;
  const text = value.trim();
  if (text === "" || NOT_ABNORMAL.test(text)) return false;
  if (/^[<>≤≥~]?\s*-?\d/.test(text)) return FLAGGED.test(text);
  return true;
}

/** A result's text: the finding itself when the entry only says "Findings", else "name: value" lines. */
const resultText = (name: string, value: Json): string => {
  if (isObject(value)) {
    const entries = Object.entries(value);
    const [only] = entries;
    if (entries.length === 1 && only && /^(findings?|results?|report|impression)$/i.test(only[0])) return textOf(only[1]);
    return textOf(value);
  }
  const text = textOf(value);
  return text ? `${name}: ${text}` : "";
};

// ---- text helpers ----

const isObject = (value: Json | undefined): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** A JSON value as one line of text: lists joined with ";", objects as "Name: value" pairs. */
const textOf = (value: Json): string => {
  if (value === null) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map(textOf).filter(Boolean).join("; ");
  return Object.entries(value)
    .map(([k, v]) => [humanise(k), textOf(v)] as const)
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `${k}: ${v}`)
    .join("; ");
};

/** "Past_Medical_History" → "Past medical history"; abbreviations such as "MRI" or "CD4" stay. */
const humanise = (key: string): string =>
  capitalise(
    key
      .split("_")
      .filter(Boolean)
      .map((word) => ((word.match(/[A-Z0-9]/g)?.length ?? 0) >= 2 ? word : word.toLowerCase()))
      .join(" "),
  );

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

export const slug = (s: string): string => foldText(s).replaceAll(" ", "_") || "item";
