import { z } from "zod";

/** One round of a staged scenario: what the physician does instead of approving. */
export const ScriptStepSchema = z.union([
  z.literal("approve"),
  z.object({ ask: z.array(z.string().min(2)).min(1).max(5) }).strict(),
  z.object({ order: z.array(z.string().min(2)).min(1).max(3) }).strict(),
  z.object({ diagnose: z.string().min(2) }).strict(),
]);
export type ScriptStep = z.infer<typeof ScriptStepSchema>;

export const CaseScriptSchema = z.object({
  case: z.string().min(1),
  /** Round number -> decision; a round not listed is approved. */
  rounds: z.record(z.string().regex(/^[1-9][0-9]*$/, "a round number from 1"), ScriptStepSchema).default({}),
});
export type CaseScript = z.infer<typeof CaseScriptSchema>;

/** A script file holds one case's script, or a list of them. */
export const ScriptFileSchema = z.union([CaseScriptSchema, z.array(CaseScriptSchema).min(1)]);

export const scriptsByCase = (parsed: z.infer<typeof ScriptFileSchema>): Map<string, CaseScript> =>
  new Map((Array.isArray(parsed) ? parsed : [parsed]).map((s) => [s.case, s]));
