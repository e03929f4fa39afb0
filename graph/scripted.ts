import { OTHER_DIAGNOSIS } from "../core/knowledge.js";
import type { CaseScript, ScriptStep } from "../core/script.js";
import type { Reviewer } from "./nodes.js";
import type { PhysicianDecision } from "./decision.js";
import type { DiagnosticSession, SessionStatus, UpdateListener } from "./session.js";
import type { ReviewRequest, SessionValues } from "./state.js";

/**
 * The physician of a run without a person: each round the script's decision, or approval. A
 * review raised twice in one round means the action passed the budget cap; with nobody to raise
 * it, the panel's leading diagnosis is given, marked budget-forced. The graph can consult it in
 * place (`playThrough`), or `playScripted` can answer each review with it.
 */
export function scriptedReviewer(script?: CaseScript): Reviewer {
  let lastRound = 0;
  return (review, values) => {
    const again = review.round === lastRound;
    lastRound = review.round;
    if (again && review.budgetAlert) return { kind: "diagnose", diagnosis: panelLeader(values), forced: "budget" };
    return decisionFor(review, values, again ? undefined : script?.rounds[String(review.round)]);
  };
}

/**
 * Plays a session to its verdict with the scripted reviewer, one review at a time (each one
 * saved). With `rounds`, it stops once that many rounds were decided, leaving the next review
 * pending.
 */
export async function playScripted(session: DiagnosticSession, script?: CaseScript, onUpdate?: UpdateListener, limit: { rounds?: number } = {}): Promise<SessionStatus> {
  const reviewer = scriptedReviewer(script);
  let status = await session.start(onUpdate);
  const stopAt = status.review && limit.rounds !== undefined ? status.review.round + limit.rounds : Infinity;
  for (;;) {
    if (status.review && status.review.round < stopAt) status = await session.decide(reviewer(status.review, status.values), onUpdate);
    // Nobody to change the plan: it stands as the panel wrote it.
    else if (status.planReview) status = await session.decidePlan({ kind: "approve" }, onUpdate);
    else return status;
  }
}

export function decisionFor(review: ReviewRequest, values: SessionValues, step: ScriptStep | undefined): PhysicianDecision {
  if (step && step !== "approve") {
    if ("ask" in step) return { kind: "replace", action: { kind: "ask", questions: step.ask } };
    if ("order" in step) return { kind: "replace", action: { kind: "order", tests: step.order } };
    return { kind: "diagnose", diagnosis: { name: step.diagnose, ...(step.confidence === undefined ? {} : { confidence: step.confidence / 100 }) } };
  }
  if (review.budgetAlert && review.proposal.kind !== "diagnose") {
    return { kind: "diagnose", diagnosis: panelLeader(values), forced: "budget" };
  }
  return { kind: "approve" };
}

/** The panel's current leading knowledge-base hypothesis, as a diagnosis. */
export function panelLeader(values: SessionValues): { name: string; kbId?: string } {
  const latest = values.differentials.at(-1)?.differential ?? [];
  const lead = latest.find((e) => e.id !== OTHER_DIAGNOSIS) ?? latest[0];
  return lead ? { name: lead.name, kbId: lead.id } : { name: "no diagnosis reached" };
}
