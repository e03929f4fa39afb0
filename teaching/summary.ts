import { z } from "zod";
import { OTHER_DIAGNOSIS } from "../core/knowledge.js";
import type { Differential } from "../reasoning/differential.js";
import { entropy } from "../reasoning/information.js";
import { probabilityOf } from "./labels.js";

/** A hypothesis of the differential, by id and name. */
export const HypothesisRefSchema = z.object({ id: z.string(), name: z.string() });

/** A differential as a table cell shows it: who leads, where the truth stands, how uncertain it is. */
export const DifferentialSummarySchema = z.object({
  /** The leading knowledge-base hypothesis ("other" only when nothing else is in play). */
  leader: HypothesisRefSchema.extend({ p: z.number().min(0).max(1) }),
  truthP: z.number().min(0).max(1),
  entropyBits: z.number().nonnegative(),
});
export type DifferentialSummary = z.infer<typeof DifferentialSummarySchema>;

export function summarise(differential: Differential, truth: string): DifferentialSummary {
  const lead = differential.find((e) => e.id !== OTHER_DIAGNOSIS) ?? differential[0];
  return {
    leader: lead ? { id: lead.id, name: lead.name, p: lead.p } : { id: OTHER_DIAGNOSIS, name: "nothing in play", p: 0 },
    truthP: probabilityOf(differential, truth),
    entropyBits: entropy(differential),
  };
}
