import type { PhysicianDecision } from "../../graph/decision.js";
import type { Moment } from "../announcements.js";
import { usd, usdExact } from "../../output/money.js";
import type { PricedAction } from "../priced-action.js";

/** The learner's decision of a round, held until they have seen it beside the panel's. */
export interface LearnerDecision {
  round: number;
  decision: PhysicianDecision;
  /** The decision in words ("order: Lipase"). */
  text: string;
  /** What it adds to the bill; 0 for a diagnosis. */
  usd: number;
  /** The panel's proposal of that round, priced, for the comparison. */
  panel: PricedAction;
  /** Sent to the engine: a review of the same round after this means it did not fit the budget. */
  carried: boolean;
}

/**
 * The session as the learner may see it: this round's debate and differential only once they
 * have decided the round, the panel's proposal only while their decision waits beside it. The
 * review's budget alert is left out: it is the console's prompt to raise the budget, which the
 * learner cannot do (it would carry out the panel's proposal, not theirs). The finished session
 * is shown whole.
 */
export function learnerView(moment: Moment, decided: LearnerDecision | null): Moment {
  if (moment.finished) return moment;
  const { values, review } = moment;
  const seen = decided !== null && decided.round === values.round;
  const comparing = seen && !decided.carried && review !== null && review.round === decided.round;
  return {
    values: seen
      ? values
      : { ...values, debate: values.debate.filter((m) => m.round < values.round), differentials: values.differentials.filter((d) => d.round < values.round) },
    review: comparing ? { ...review, budgetAlert: null } : null,
    finished: false,
  };
}

/** The learner's decision as the comparison heads it, its price after `separator`. */
export const decidedText = (d: LearnerDecision, separator = " · "): string => `You decided: ${d.text}${d.decision.kind === "diagnose" ? "" : `${separator}${usdExact(d.usd)}`}`;

/** What the learner is asked at a round: their move, or, when their decision did not fit the budget, why. */
export function moveText(round: number, overBudget: LearnerDecision | null, budget: { spentUsd: number; budgetUsd: number }): string {
  if (overBudget) {
    const left = Math.max(0, budget.budgetUsd - budget.spentUsd);
    return `Round ${round}: your decision (${overBudget.text}, ${usdExact(overBudget.usd)}) does not fit: ${usd(left)} is left of the ${usd(budget.budgetUsd)} budget. Decide something cheaper, or diagnose.`;
  }
  return `Round ${round}: your move. The panel's debate and proposal stay hidden until you decide.`;
}
