import { type LangGraphRunnableConfig, interrupt } from "@langchain/langgraph";
import { z } from "zod";
import type { PanelBrains } from "../agents/brain.js";
import { type PlanRecord, TreatmentPlanSchema } from "../agents/plan.js";
import type { RunContext } from "./nodes.js";
import { type SessionUpdate, type SessionValues, panelView } from "./state.js";

/** The physician's review of the panel's plan: the graph stops with it after the diagnosis. */
export const PlanReviewRequestSchema = z.object({
  kind: z.literal("plan"),
  round: z.number().int(),
  plan: TreatmentPlanSchema,
});
export type PlanReviewRequest = z.infer<typeof PlanReviewRequestSchema>;

/** What the physician answers: the plan as it is, changed, or their own. */
export const PlanDecisionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("approve") }),
  z.object({ kind: z.literal("edit"), plan: TreatmentPlanSchema }),
  z.object({ kind: z.literal("replace"), plan: TreatmentPlanSchema }),
]);
export type PlanDecision = z.infer<typeof PlanDecisionSchema>;

/** The panel writes its plan for the diagnosis it named (nothing to plan without one). */
export function planNode(brains: PanelBrains) {
  return async (s: SessionValues): Promise<SessionUpdate> => {
    if (!s.diagnosis) return {};
    const r = await brains.plan(panelView(s), s.diagnosis.guess);
    const record: PlanRecord = { plan: r.output, brain: r.brain, decidedBy: "panel", ...(r.fallback ? { fallback: r.fallback } : {}) };
    return { plan: record };
  };
}

/**
 * The physician reviews the plan as any action: approve, edit or replace. A headless run (a
 * reviewer in the run's context) approves it, as nobody is there to change it.
 */
export function planReviewNode() {
  return async (s: SessionValues, config?: LangGraphRunnableConfig<RunContext>): Promise<SessionUpdate> => {
    const proposed = s.plan;
    if (!proposed || proposed.decidedBy === "physician") return {};
    if (config?.context?.reviewer) return {};
    const request: PlanReviewRequest = { kind: "plan", round: s.round, plan: proposed.plan };
    const decision = PlanDecisionSchema.parse(interrupt(request));
    if (decision.kind === "approve") return {};
    return { plan: { plan: decision.plan, brain: "physician", decidedBy: "physician", replaced: proposed.plan } };
  };
}
