import { OTHER_DIAGNOSIS } from "../core/knowledge.js";
import type { CaseScript, ScriptStep } from "../core/script.js";
import type { PhysicianDecision } from "./decision.js";
import type { DiagnosticSession, SessionStatus, UpdateListener } from "./session.js";
import type { ReviewRequest, SessionValues } from "./state.js";

/**
 * Plays a session to its verdict without a person: each review gets the script's decision
 * for that round, or approval. A proposal over the budget cap cannot wait for a physician
 * here, so the panel's leading diagnosis is given, marked budget-forced. With `rounds`, it
 * stops once that many rounds were decided, leaving the next review pending.
 */
export async function playScripted(session: DiagnosticSession, script?: CaseScript, onUpdate?: UpdateListener, limit: { rounds?: number } = {}): Promise<SessionStatus> {
  let status = await session.start(onUpdate);
  const stopAt = status.review && limit.rounds !== undefined ? status.review.round + limit.rounds : Infinity;
  let lastRound = 0;
  while (status.review && status.review.round < stopAt) {
    const { review, values } = status;
    // A review asked twice in one round means the scripted action passed the budget cap.
    const step = review.round === lastRound ? undefined : script?.rounds[String(review.round)];
    const decision =
      review.round === lastRound && review.budgetAlert
        ? ({ kind: "diagnose", diagnosis: panelLeader(values), forced: "budget" } as const)
        : decisionFor(review, values, step);
    lastRound = review.round;
    status = await session.decide(decision, onUpdate);
  }
  return status;
}

export function decisionFor(review: ReviewRequest, values: SessionValues, step: ScriptStep | undefined): PhysicianDecision {
  if (step && step !== "approve") {
    if ("ask" in step) return { kind: "replace", action: { kind: "ask", questions: step.ask } };
    if ("order" in step) return { kind: "replace", action: { kind: "order", tests: step.order } };
    return { kind: "diagnose", diagnosis: { name: step.diagnose } };
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
