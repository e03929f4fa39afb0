import type { KnowledgeBase } from "../core/knowledge.js";
import { REASONING_DEFAULTS } from "./defaults.js";
import { type Differential, posteriorWeights } from "./differential.js";
import { pendingFindings, type Probe } from "./probes.js";
import { type Evidence, type Scope, type ScopeModel, scopeModel } from "./scope.js";

/** Shannon entropy in bits of a probability vector; 0 log 0 counts as 0. */
function bits(ps: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i]!;
    if (p > 0) h -= p * Math.log2(p);
  }
  return h;
}

const binaryEntropy = (p: number): number => bits([p, 1 - p]);

// Likelihood rows are the scope model's own cached arrays, so their entropies are kept beside them.
const rowEntropies = new WeakMap<readonly number[], readonly number[]>();
const entropiesOf = (row: readonly number[]): readonly number[] => {
  let entropies = rowEntropies.get(row);
  if (!entropies) rowEntropies.set(row, (entropies = row.map(binaryEntropy)));
  return entropies;
};

/** How uncertain a differential is, in bits: 0 when one hypothesis holds all the mass. */
export const entropy = (differential: Differential): number => bits(differential.map((e) => e.p));

/**
 * Scratch space for jointGain, grown to the largest 2^k asked for and reused: the function is
 * called for every candidate probe of every ranking, and two fresh arrays of up to 1,024
 * outcomes each time were a good part of the engine's garbage.
 */
let outcomes = new Float64Array(2);
let joint = new Float64Array(2);

/**
 * Mutual information I(H; O) = H(O) - H(O | H) between the hypothesis and the joint outcome
 * of the findings, which equals the expected drop in the differential's entropy. The findings
 * are conditionally independent given the hypothesis, so H(O | H) is a sum of binary
 * entropies and only H(O) needs the 2^k joint outcomes.
 */
function jointGain(weights: readonly number[], rows: readonly (readonly number[])[]): number {
  const size = 1 << rows.length;
  if (outcomes.length < size) {
    outcomes = new Float64Array(size);
    joint = new Float64Array(size);
  }
  outcomes.fill(0, 0, size);
  const entropies = rows.map(entropiesOf);
  let conditional = 0;
  for (let h = 0; h < weights.length; h++) {
    const w = weights[h]!;
    if (w === 0) continue;
    // P(h, o) over the outcomes of the findings so far, doubled in place one finding at a time.
    joint[0] = w;
    let filled = 1;
    for (let r = 0; r < rows.length; r++) {
      const p = rows[r]![h]!;
      conditional += w * entropies[r]![h]!;
      for (let j = filled - 1; j >= 0; j--) {
        const v = joint[j]!;
        joint[2 * j] = v * p;
        joint[2 * j + 1] = v * (1 - p);
      }
      filled *= 2;
    }
    for (let o = 0; o < size; o++) outcomes[o]! += joint[o]!;
  }
  return Math.max(0, bits(outcomes.subarray(0, size)) - conditional);
}

/**
 * Expected entropy reduction, in bits, from learning the given findings (ids the KB defines,
 * not yet in the evidence), starting from posterior `weights`.
 *
 * Past `maxExactFindings` the 2^k outcomes are too many to enumerate on every call, so the
 * findings' single gains are summed. Given the hypothesis they are independent, which makes
 * that sum an upper bound of the joint gain (later findings can only repeat what earlier ones
 * said); capping it at the current entropy keeps it a possible value.
 */
export function expectedGainBits(
  model: ScopeModel,
  weights: readonly number[],
  findingIds: readonly string[],
): number {
  const rows = findingIds
    .map((id) => model.likelihoods(id))
    .filter((row): row is readonly number[] => row !== undefined);
  if (rows.length === 0) return 0;
  if (rows.length <= REASONING_DEFAULTS.maxExactFindings) return jointGain(weights, rows);
  const summed = rows.reduce((sum, row) => sum + jointGain(weights, [row]), 0);
  return Math.min(summed, bits(weights));
}

/** Expected information gain of a probe, in bits, over the outcomes the knowledge base allows. */
export function expectedInformationGain(
  kb: KnowledgeBase,
  scope: Scope,
  evidence: Evidence,
  probe: Probe,
): number {
  const model = scopeModel(kb, scope);
  return expectedGainBits(model, posteriorWeights(model, evidence), pendingFindings(kb, probe, evidence));
}
