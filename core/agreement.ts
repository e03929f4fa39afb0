/**
 * How well a judge agrees with a person's scores on the same pairs, on SDBench's 1–5 scale:
 * exact agreement, agreement within one point, agreement on correct (score ≥ 4) against not,
 * and Cohen's weighted kappa with quadratic weights (a disagreement of d points costs d²/16),
 * the usual weighting for an ordinal scale.
 */
export interface Agreement {
  n: number;
  exact: number;
  withinOne: number;
  correctIncorrect: number;
  /** Quadratic-weighted kappa; null when it is undefined (every score the same on both sides). */
  weightedKappa: number | null;
}

export function agreement(pairs: readonly { expected: number; actual: number }[]): Agreement {
  const n = pairs.length;
  if (n === 0) return { n, exact: 0, withinOne: 0, correctIncorrect: 0, weightedKappa: null };
  const share = (test: (p: { expected: number; actual: number }) => boolean) => pairs.filter(test).length / n;
  return {
    n,
    exact: share((p) => p.expected === p.actual),
    withinOne: share((p) => Math.abs(p.expected - p.actual) <= 1),
    correctIncorrect: share((p) => p.expected >= 4 === p.actual >= 4),
    weightedKappa: quadraticKappa(pairs),
  };
}

function quadraticKappa(pairs: readonly { expected: number; actual: number }[]): number | null {
  const k = 5;
  const n = pairs.length;
  const weight = (i: number, j: number) => ((i - j) * (i - j)) / ((k - 1) * (k - 1));
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  let observed = 0;
  for (const { expected, actual } of pairs) {
    rows[expected - 1]!++;
    cols[actual - 1]!++;
    observed += weight(expected - 1, actual - 1);
  }
  let chance = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) chance += (rows[i]! * cols[j]! * weight(i, j)) / n;
  return chance === 0 ? null : 1 - observed / chance;
}
