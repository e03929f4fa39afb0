import { z } from "zod";
import { OTHER_DIAGNOSIS } from "../core/knowledge.js";
import { REASONING_DEFAULTS } from "./defaults.js";
import { type Differential, DifferentialEntrySchema } from "./differential.js";

export const StopReasonSchema = z.enum(["confident", "no-action-worth-its-price", "budget-spent"]);
export type StopReason = z.infer<typeof StopReasonSchema>;

export const StoppingDecisionSchema = z.object({
  stop: z.boolean(),
  reason: StopReasonSchema.nullable(),
  /** The knowledge-base disease to name if the panel stops now: never "other". */
  diagnosis: DifferentialEntrySchema.nullable(),
});
export type StoppingDecision = z.infer<typeof StoppingDecisionSchema>;

export interface StoppingOptions {
  /** Posterior a knowledge-base disease must reach before the panel commits. */
  readonly threshold?: number;
  /** Best gain per dollar among the probes still on offer, budget aside (0 when none). */
  readonly bestGainPerDollar: number;
  readonly minGainPerDollar?: number;
  readonly budgetLeftUsd: number;
  /** Price of the cheapest probe worth its price (Infinity when none is). */
  readonly cheapestProbeUsd: number;
}

/**
 * Whether to diagnose now. "Other" leading the differential is no reason to commit, since it
 * names nothing; the panel goes on looking unless the money or the useful actions run out.
 */
export function stoppingDecision(differential: Differential, options: StoppingOptions): StoppingDecision {
  const diagnosis = differential.find((e) => e.id !== OTHER_DIAGNOSIS) ?? null;
  const leader = differential[0];
  const threshold = options.threshold ?? REASONING_DEFAULTS.confidenceThreshold;
  const minGainPerDollar = options.minGainPerDollar ?? REASONING_DEFAULTS.minGainPerDollar;
  const reason: StopReason | null =
    leader !== undefined && leader.id !== OTHER_DIAGNOSIS && leader.p >= threshold
      ? "confident"
      : Number.isFinite(options.cheapestProbeUsd) && options.cheapestProbeUsd > options.budgetLeftUsd
        ? "budget-spent"
        : options.bestGainPerDollar < minGainPerDollar
          ? "no-action-worth-its-price"
          : null;
  return { stop: reason !== null, reason, diagnosis };
}
