import { z } from "zod";
import { ComplaintSchema, SettingSchema, type Complaint, type Setting } from "./complaint.js";
import type { PatientFacts } from "./clinical-rules.js";
import { SourceSchema } from "./source.js";

/**
 * Case-mix tables (case-mix.yaml): how often each final diagnosis is made among patients with one
 * presenting complaint in one setting, per age band and sex, from a published series of final
 * diagnoses. For the diseases a table names, its share replaces the disease's own `prior`, so
 * the same disease starts higher in the patients the series found it in.
 */

/** Ages in years, both ends inclusive; an open end is unbounded. */
const AgeBandSchema = z
  .object({ min: z.number().int().min(0).max(120).optional(), max: z.number().int().min(0).max(120).optional() })
  .refine((a) => a.min === undefined || a.max === undefined || a.min <= a.max, { message: "min is above max" });

/** One diagnosis (or a group the series reports together) and its share of the patients. */
const ShareSchema = z.object({
  /** A group is split among its members in proportion to their own priors. */
  diseases: z.array(z.string()).min(1),
  share: z.number().min(0).max(1),
});

const StratumSchema = z
  .object({
    age: AgeBandSchema.optional(),
    sex: z.enum(["female", "male"]).optional(),
    shares: z.array(ShareSchema).min(1),
  })
  .refine((s) => s.shares.reduce((sum, x) => sum + x.share, 0) <= 1, { message: "the shares of a stratum add up to more than 1" });

export const CaseMixSchema = z.object({
  complaint: ComplaintSchema,
  setting: SettingSchema,
  /** Who the series enrolled, in words (adults over 35 seen in general practice, say). */
  population: z.string().min(10),
  source: SourceSchema,
  /** Tried in order; the first the patient fits applies. */
  strata: z.array(StratumSchema).min(1),
});
export type CaseMix = z.infer<typeof CaseMixSchema>;
export type CaseMixStratum = z.infer<typeof StratumSchema>;
export const CaseMixFileSchema = z.object({ case_mix: z.array(CaseMixSchema).min(1) });

/** What the table is looked up by: the complaint, the setting and the patient on arrival. */
export interface CaseMixPatient extends PatientFacts {
  readonly complaint: Complaint;
  readonly setting: Setting;
}

/**
 * Whether a patient falls in a stratum. A stratum that constrains age or sex never takes a
 * patient whose age or sex is unknown: the series says nothing about them.
 */
export function inStratum(stratum: CaseMixStratum, patient: PatientFacts): boolean {
  const { age, sex } = stratum;
  if (sex !== undefined && patient.sex !== sex) return false;
  if (age === undefined) return true;
  if (patient.age === undefined) return false;
  return (age.min === undefined || patient.age >= age.min) && (age.max === undefined || patient.age <= age.max);
}

/** The stratum of the first table for this complaint and setting that the patient fits. */
export function caseMixStratum(tables: readonly CaseMix[], patient: CaseMixPatient): { table: CaseMix; stratum: CaseMixStratum } | undefined {
  for (const table of tables) {
    if (table.complaint !== patient.complaint || table.setting !== patient.setting) continue;
    const stratum = table.strata.find((s) => inStratum(s, patient));
    if (stratum) return { table, stratum };
  }
  return undefined;
}

/**
 * The priors the case-mix table gives the candidate diseases, by id; a disease the table does not
 * name keeps its own prior (absent from the map). A group's share is split among the members in
 * play in proportion to their own priors, equally when those are all zero.
 */
export function caseMixPriors(
  tables: readonly CaseMix[],
  candidates: readonly { readonly id: string; readonly prior: Readonly<Record<Setting, number>> }[],
  patient: CaseMixPatient,
): ReadonlyMap<string, number> {
  const found = caseMixStratum(tables, patient);
  const priors = new Map<string, number>();
  if (!found) return priors;
  const byId = new Map(candidates.map((d) => [d.id, d.prior[patient.setting]]));
  for (const { diseases, share } of found.stratum.shares) {
    const members = diseases.filter((id) => byId.has(id));
    const own = members.reduce((sum, id) => sum + byId.get(id)!, 0);
    for (const id of members) priors.set(id, own > 0 ? (share * byId.get(id)!) / own : share / members.length);
  }
  return priors;
}
