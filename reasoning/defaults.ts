/**
 * The engine's tunable numbers, in one place. None is a medical fact; each is the team's
 * judgement of how a careful, cost-aware panel behaves.
 */
export const REASONING_DEFAULTS = {
  /** Diagnose once one knowledge-base disease holds this much posterior mass; MAI-DxO
   *  commits past a certainty threshold (Nori et al. 2025), the value is our estimate. */
  confidenceThreshold: 0.85,
  /** At most this many tests in one order: the batch limit of MAI-DxO (Nori et al. 2025). */
  maxTests: 3,
  /** At most this many questions in one visit: the batch limit of MAI-DxO (Nori et al. 2025). */
  maxQuestions: 5,
  /** Below one bit per $2,000 an action is not worth its price: at a $300 visit fee a visit's
   *  questions must together be expected to yield 0.15 bits. An estimate, tuned on the bundled cases. */
  minGainPerDollar: 0.0005,
  /** What a round's delay is worth, in dollars, when questions and tests are weighed for a
   *  round: a patient waits for every round, so a round that learns much is worth more than
   *  several cheap ones that learn little. A round of questions inside an open visit (free by
   *  SDBench's cost model) must still be worth this much. Valued at one visit fee; an estimate. */
  roundOverheadUsd: 300,
  /** An item joins a round only if it adds more than this much expected information (bits)
   *  to what the round's earlier items will tell; below it, it is padding. An estimate. */
  minMarginalGainBits: 0.05,
  /** Costs are floored at this many dollars before dividing, so a free question inside an open
   *  visit still ranks by its gain instead of by a division by zero. */
  minCostUsd: 1,
  /** Tests revealing up to this many unknown findings get an exact expected gain over all 2^k
   *  joint outcomes (1,024 outcomes at most); larger ones are approximated finding by finding. */
  maxExactFindings: 10,
} as const;
