import { z } from "zod";
import { ComplaintSchema, SettingSchema, triagedComplaint } from "./complaint.js";
import { McqSchema } from "./mcq.js";
import { ReferencePlanSchema } from "./reference-plan.js";

const Id = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, "lower-case letters, digits, '_', '-' or '.'");

/** A knowledge-base finding an item reveals, present or explicitly absent. */
export const FindingLinkSchema = z.object({
  id: z.string().min(1),
  present: z.boolean().default(true),
});
export type FindingLink = z.infer<typeof FindingLinkSchema>;

/** What everyone sees at the start: nothing here may give the diagnosis away. */
export const PresentationSchema = z.object({
  age: z.number().int().min(0).max(120),
  sex: z.enum(["female", "male"]),
  setting: SettingSchema,
  chief_complaint: z.string().min(3),
  narrative: z.string().min(10),
  /**
   * The knowledge-base findings the chief complaint and narrative state in so many words. A model
   * reads them in the text; the offline engine can't, so the case writer codes them here and every
   * panel starts from them, as a physician starts from the story.
   */
  kb: z.array(FindingLinkSchema).default([]),
});
export type Presentation = z.infer<typeof PresentationSchema>;

/** A hidden history or examination item, revealed when a question matches its topic. */
export const FindingItemSchema = z.object({
  id: Id,
  kind: z.enum(["history", "exam"]),
  topic: z.string().min(2),
  synonyms: z.array(z.string()).default([]),
  text: z.string().min(2),
  kb: z.array(FindingLinkSchema).default([]),
});
export type FindingItem = z.infer<typeof FindingItemSchema>;

export const ResultValueSchema = z.object({
  name: z.string().min(1),
  value: z.union([z.number(), z.string()]),
  unit: z.string().optional(),
  range: z.string().optional(),
  flag: z.enum(["high", "low", "abnormal", "critical"]).optional(),
});
export type ResultValue = z.infer<typeof ResultValueSchema>;

/** A hidden test result, revealed only when that test is ordered. */
export const TestResultSchema = z.object({
  text: z.string().min(2),
  values: z.array(ResultValueSchema).default([]),
  abnormal: z.boolean().default(false),
  kb: z.array(FindingLinkSchema).default([]),
});
export type TestResult = z.infer<typeof TestResultSchema>;

/** A test an imported case needs that the catalog lacks; priced when a price could be found. */
export const CaseTestSchema = z.object({
  id: Id,
  name: z.string().min(2),
  synonyms: z.array(z.string()).default([]),
  code: z.string().optional(),
  price_usd: z.number().nonnegative().optional(),
  price_source: z.string().optional(),
});
export type CaseTest = z.infer<typeof CaseTestSchema>;

export const DiagnosisSchema = z.object({
  name: z.string().min(2),
  icd10: z
    .string()
    .regex(/^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/, "an ICD-10 code such as I21.4")
    .optional(),
  synonyms: z.array(z.string()).default([]),
  kb_id: z.string().optional(),
  /** True when the right answer is that the patient has no disease. */
  no_disease: z.boolean().default(false),
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;

export const CaseSourceSchema = z.object({
  name: z.string().min(2),
  licence: z.string().min(2),
  url: z.string().optional(),
});

export const CaseSchema = z.object({
  id: Id,
  title: z.string().min(3),
  specialty: z.string().min(3),
  difficulty: z.enum(["easy", "moderate", "hard"]),
  complaint: ComplaintSchema,
  source: CaseSourceSchema,
  learning_objectives: z.array(z.string()).default([]),
  presentation: PresentationSchema,
  findings: z.array(FindingItemSchema).default([]),
  /** Keyed by catalog test id, or by the id of one of case_tests. */
  tests: z.record(z.string(), TestResultSchema).default({}),
  case_tests: z.array(CaseTestSchema).default([]),
  diagnosis: DiagnosisSchema,
  /** The minimal confirmatory workup; its price is the case's oracle cost. */
  key_tests: z.array(z.string()).min(1, "at least one key test"),
  teaching_points: z.array(z.string()).default([]),
  /** The reference initial plan the judge scores the panel's plan against. */
  management: ReferencePlanSchema.optional(),
  /** Options to pick from under `dxsim run --mcq`, when the case comes with them. */
  mcq: McqSchema.optional(),
});
export type Case = z.infer<typeof CaseSchema>;

/**
 * The only part of a case the panel may see: no id, title, specialty or anything hidden.
 * The complaint category is safe by construction (it is what the patient came with; a case
 * filed under "other" is triaged by its chief complaint, triagedComplaint).
 */
export const VisibleCaseSchema = z.object({
  complaint: ComplaintSchema,
  presentation: PresentationSchema,
});
export type VisibleCase = z.infer<typeof VisibleCaseSchema>;

export const visibleCase = (c: Case): VisibleCase => ({
  complaint: triagedComplaint(c.complaint, c.presentation.chief_complaint),
  presentation: c.presentation,
});

/** Every knowledge-base link the case carries: its presentation's, its findings' and its results'. */
export const caseLinks = (c: Case): FindingLink[] => [...c.presentation.kb, ...c.findings.flatMap((f) => f.kb), ...Object.values(c.tests).flatMap((t) => t.kb)];

/** True when a case carries knowledge-base links the offline engine can reason on. */
export const isCoded = (c: Case): boolean =>
  c.diagnosis.kb_id !== undefined &&
  (c.presentation.kb.length > 0 || c.findings.some((f) => f.kb.length > 0) || Object.values(c.tests).some((t) => t.kb.length > 0));
