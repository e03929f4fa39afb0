/**
 * A session's points (0-100), as workshops score learners: correctness first, then cost against
 * the oracle (the price of the case's key tests), less a penalty for each contraindicated test
 * carried out. The README's "Scores" section states the same formula.
 *
 *   points = max(0, round(100 x C x (0.7 + 0.3 x E)) - 20 x H)
 *
 * C: for a correct diagnosis (judge's score 4 or 5), (score - 1) / 4: 1 or 0.75; 0 for a wrong
 *    diagnosis or an abstention (no diagnosis).
 * E: cost efficiency, oracle cost / cost, at most 1 (1 when nothing or no more than the oracle was spent).
 * H: harmful orders (the knowledge base's contraindicated tests) carried out.
 *
 * Cost counts only through a diagnosis worth something: a cheap wrong answer scores nothing.
 */
export const POINTS = { correctnessShare: 0.7, costShare: 0.3, harmPenalty: 20 } as const;

export interface PointsInput {
  /** The judge's score, 1-5, and whether it counts as correct (4 or more). */
  readonly score: number;
  readonly correct: boolean;
  readonly abstained: boolean;
  readonly costUsd: number;
  readonly oracleCostUsd: number;
  readonly harms: readonly unknown[];
}

/** Cost against the oracle, 0..1 (1: no more than the oracle spent). */
export const costEfficiency = ({ costUsd, oracleCostUsd }: Pick<PointsInput, "costUsd" | "oracleCostUsd">): number =>
  costUsd <= oracleCostUsd || costUsd <= 0 ? 1 : oracleCostUsd / costUsd;

export function pointsOf(r: PointsInput): number {
  const correctness = r.abstained || !r.correct ? 0 : Math.min(1, Math.max(0, (r.score - 1) / 4));
  const earned = 100 * correctness * (POINTS.correctnessShare + POINTS.costShare * costEfficiency(r));
  return Math.max(0, Math.round(earned) - POINTS.harmPenalty * r.harms.length);
}
