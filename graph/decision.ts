import { z } from "zod";
import { ActionSchema, DiagnosisGuessSchema } from "../core/action.js";

/** What the physician answers at a review; the graph resumes with it (Command({ resume })). */
export const PhysicianDecisionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("approve") }),
  /** The panel's proposal with questions or tests removed or added. */
  z.object({ kind: z.literal("edit"), action: ActionSchema }),
  /** The physician's own action instead of the panel's. */
  z.object({ kind: z.literal("replace"), action: ActionSchema }),
  z.object({
    kind: z.literal("diagnose"),
    diagnosis: DiagnosisGuessSchema,
    /** Set by a headless run that had to close because the budget was passed. */
    forced: z.enum(["budget", "rounds"]).optional(),
  }),
  /** Raise the cap and go on with the proposal. */
  z.object({ kind: z.literal("raise-budget"), budgetUsd: z.number().positive() }),
]);
export type PhysicianDecision = z.infer<typeof PhysicianDecisionSchema>;
