import { z } from "zod";

/**
 * Which differentials a calibration was scored on. The learner states no differential of their
 * own, so theirs is the "working differential": the engine's posterior over the findings the
 * learner's own path revealed, round by round. The panel's is scored on the differentials it
 * stated in its own (panel-only) run.
 */
export const CalibrationSourceSchema = z.enum(["working differential", "stated differentials"]);
export type CalibrationSource = z.infer<typeof CalibrationSourceSchema>;

export const CalibrationSchema = z.object({
  source: CalibrationSourceSchema,
  /** Mean multi-class Brier score over the rounds: 0 is perfect, 2 the worst a proper differential can do; null with no round. */
  brier: z.number().min(0).nullable(),
  rounds: z.array(z.object({ round: z.number().int(), brier: z.number().min(0), truthP: z.number().min(0).max(1) })),
});
export type Calibration = z.infer<typeof CalibrationSchema>;

/**
 * The multi-class Brier score of one differential on the truth: (1 − p(truth))² + Σ p² over the
 * other hypotheses. A stated differential that lists only its top hypotheses scores the unlisted
 * mass as 0 on the others; the truth unlisted counts as p(truth) = 0.
 */
export function brierScore(differential: readonly { id: string; p: number }[], truth: string): number {
  const truthP = differential.find((e) => e.id === truth)?.p ?? 0;
  const others = differential.filter((e) => e.id !== truth).reduce((sum, e) => sum + e.p * e.p, 0);
  return (1 - truthP) ** 2 + others;
}

/** Brier score of each round's differential, and their mean. */
export function calibration(
  rounds: readonly { round: number; differential: readonly { id: string; p: number }[] }[],
  truth: string,
  source: CalibrationSource,
): Calibration {
  const scored = rounds.map(({ round, differential }) => ({
    round,
    brier: brierScore(differential, truth),
    truthP: differential.find((e) => e.id === truth)?.p ?? 0,
  }));
  const brier = scored.length ? scored.reduce((sum, r) => sum + r.brier, 0) / scored.length : null;
  return { source, brier, rounds: scored };
}
