import { z } from "zod";
import { SourceSchema } from "./source.js";

/**
 * Clinical rules beside the knowledge base's numbers, each with its source: who can have a disease
 * at all (eligibility.yaml), which tests harm while a diagnosis is live (harms.yaml), and which
 * specimen analyses need the procedure that yields the specimen (specimens.yaml).
 */

/** A disease only some patients can have: sex-specific anatomy, an age range. */
export const EligibilitySchema = z.object({
  disease: z.string(),
  sex: z.enum(["female", "male"]).optional(),
  min_age: z.number().int().min(0).max(120).optional(),
  max_age: z.number().int().min(0).max(120).optional(),
  source: SourceSchema,
});
export type Eligibility = z.infer<typeof EligibilitySchema>;
export const EligibilityFileSchema = z.object({ eligibility: z.array(EligibilitySchema).min(1) });

/**
 * A test that harms while one of `diseases` is live (at or above `above`), or while one of
 * `findings` is present; a test in `unless_done` already done lifts the contraindication
 * (imaging before a lumbar puncture, say).
 */
export const HarmSchema = z
  .object({
    test: z.string(),
    diseases: z.array(z.string()).default([]),
    above: z.number().gt(0).lt(1).default(0.05),
    findings: z.array(z.string()).default([]),
    unless_done: z.array(z.string()).default([]),
    reason: z.string().min(10),
    source: SourceSchema,
  })
  .refine((h) => h.diseases.length + h.findings.length > 0, { message: "a harm needs diseases or findings that make the test harmful" });
export type Harm = z.infer<typeof HarmSchema>;
export const HarmsFileSchema = z.object({ harms: z.array(HarmSchema).min(1) });

/**
 * A specimen analysis and the procedures that yield its specimen: one for a fluid (a lumbar
 * puncture for CSF), several for tissue (any biopsy for surgical pathology).
 */
export const SpecimenSchema = z.object({
  analysis: z.string(),
  procedures: z.array(z.string()).min(1),
  specimen: z.string().min(2),
  source: SourceSchema,
});
export type Specimen = z.infer<typeof SpecimenSchema>;
export const SpecimensFileSchema = z.object({ specimens: z.array(SpecimenSchema).min(1) });

/** A can't-miss, time-critical diagnosis and the test that goes first while it is live. */
export const TimeCriticalSchema = z.object({ disease: z.string(), test: z.string(), source: SourceSchema });
export type TimeCritical = z.infer<typeof TimeCriticalSchema>;
export const TimeCriticalFileSchema = z.object({ time_critical: z.array(TimeCriticalSchema).min(1) });

/** A finding whose published specificity makes a diagnosis (decisive.yaml). */
export const DecisiveSchema = z.object({ finding: z.string(), disease: z.string(), source: SourceSchema });
export type Decisive = z.infer<typeof DecisiveSchema>;
export const DecisiveFileSchema = z.object({ decisive: z.array(DecisiveSchema).min(1) });

/** The patient facts eligibility reads: what everyone sees on arrival. */
export interface PatientFacts {
  readonly age?: number;
  readonly sex?: "female" | "male";
}

/** Whether a patient can have the disease at all; unknown age or sex never excludes. */
export function eligible(rules: readonly Eligibility[], diseaseId: string, patient: PatientFacts): boolean {
  return rules.every(
    (r) =>
      r.disease !== diseaseId ||
      ((r.sex === undefined || patient.sex === undefined || r.sex === patient.sex) &&
        (r.min_age === undefined || patient.age === undefined || patient.age >= r.min_age) &&
        (r.max_age === undefined || patient.age === undefined || patient.age <= r.max_age)),
  );
}

/** A contraindicated test that was carried out, as results and debriefs record it. */
export const HarmRecordSchema = z.object({ round: z.number().int(), test: z.string(), reason: z.string() });
export type HarmRecord = z.infer<typeof HarmRecordSchema>;
