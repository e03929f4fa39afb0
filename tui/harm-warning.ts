import type { Knowledge } from "../agents/view.js";
import type { PhysicianDecision } from "../graph/decision.js";
import { harmsOfAction } from "../graph/nodes.js";
import type { SessionValues } from "../graph/state.js";

/**
 * What the knowledge base says against the physician's own order at this review: one line per
 * contraindicated test, naming the harm and its source. The graph records the same harms once
 * the order is carried out; the console asks before it is.
 */
export function harmWarnings(decision: PhysicianDecision, values: SessionValues, knowledge: Knowledge): string[] {
  if (decision.kind !== "edit" && decision.kind !== "replace") return [];
  return harmsOfAction(values, decision.action, knowledge).map((h) => h.reason);
}
