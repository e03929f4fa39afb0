import { z } from "zod";

/**
 * The panel's one decision rule (the threshold approach of Pauker SG, Kassirer JP. The threshold
 * approach to clinical decision making. N Engl J Med 1980;302:1109):
 *
 * 0. A revealed finding whose published specificity makes a diagnosis settles it at once, unless
 *    a revealed finding contradicts it.
 * 1. Diagnose when the leader has passed its treatment threshold (with the checks a guideline asks
 *    for before naming it done) and no can't-miss alternative is still above its testing threshold.
 * 2. Otherwise gather: the action with the best expected information per dollar (the caller's
 *    ranking), while one is affordable, worth its price and a round is left.
 * 3. When nothing more can be gathered: name the leader only if it is more likely than not and
 *    "outside the knowledge base" is not the larger share; otherwise abstain, naming the closest.
 */
export const STOPPING_PARAMETERS = {
  /** At the end of the workup, a leader below this is more likely wrong than right: abstain. */
  minNamedP: 0.5,
  /** At the end of the workup, this much mass on "outside the knowledge base" means abstain. */
  abstainOtherShare: 0.5,
} as const;

export const StopDecisionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("diagnose"), reason: z.string() }),
  z.object({ kind: z.literal("gather"), reason: z.string() }),
  z.object({ kind: z.literal("abstain"), reason: z.string() }),
]);
export type StopDecision = z.infer<typeof StopDecisionSchema>;

const Named = z.object({ id: z.string(), name: z.string(), p: z.number().min(0).max(1) });

export const StopInputSchema = z.object({
  /** A knowledge-base disease a revealed decisive finding settles, nothing contradicting it. */
  decisive: z.object({ id: z.string(), name: z.string(), finding: z.string() }).nullable(),
  /** The knowledge-base disease leading the differential. */
  leader: Named,
  /** The posterior of "another diagnosis, outside the knowledge base". */
  otherP: z.number().min(0).max(1),
  /** The leader's treatment threshold. */
  treatmentThreshold: z.number().gt(0).lt(1),
  /** Checks a guideline asks for before the leader is named (a confirming result on offer, a
   *  standard-of-care test not done): while any is due, the leader has not passed. */
  checksDue: z.array(z.string()),
  /** Can't-miss alternatives still above their testing threshold. */
  cantMissOpen: z.array(Named),
  /** Whether an affordable action worth its price exists and a round is left for it. */
  canGather: z.boolean(),
});
export type StopInput = z.infer<typeof StopInputSchema>;

const pct = (p: number): string => `${(p * 100).toFixed(0)}%`;

export function stopDecision(input: StopInput, parameters = STOPPING_PARAMETERS): StopDecision {
  const { decisive, leader, otherP, treatmentThreshold, checksDue, cantMissOpen, canGather } = input;
  if (decisive) return { kind: "diagnose", reason: `${decisive.finding} settles ${decisive.name} (decisive.yaml), and no revealed finding contradicts it.` };
  if (leader.p >= treatmentThreshold && cantMissOpen.length === 0 && checksDue.length === 0)
    return { kind: "diagnose", reason: `${leader.name} (${pct(leader.p)}) passes its ${pct(treatmentThreshold)} treatment threshold and no can't-miss alternative is above its testing threshold.` };
  if (canGather)
    return {
      kind: "gather",
      reason:
        leader.p >= treatmentThreshold
          ? `${leader.name} (${pct(leader.p)}) passes its threshold, but ${[...cantMissOpen.map((d) => `${d.name} (${pct(d.p)}) must be excluded`), ...checksDue].join("; ")} first.`
          : `${leader.name} (${pct(leader.p)}) is below its ${pct(treatmentThreshold)} treatment threshold: gather more.`,
    };
  if (otherP >= parameters.abstainOtherShare)
    return { kind: "abstain", reason: `Nothing more is worth doing and ${pct(otherP)} of the probability lies outside the knowledge base.` };
  if (leader.p < parameters.minNamedP)
    return { kind: "abstain", reason: `Nothing more is worth doing and no diagnosis reaches ${pct(parameters.minNamedP)} (the closest, ${leader.name}, holds ${pct(leader.p)}).` };
  return { kind: "diagnose", reason: `Nothing more is worth doing; ${leader.name} (${pct(leader.p)}) is more likely than not.` };
}

/** What the panel says when it abstains: the closest diagnoses it knows. */
export const abstentionText = (closest: readonly { name: string; p: number }[]): string =>
  `This presentation is outside what the offline knowledge base covers; the closest it knows: ${closest.map((c) => `${c.name} (${pct(c.p)})`).join(", ") || "none"}.`;
