import { z } from "zod";
import { checkData, parseData, readDataText } from "./data-file.js";

/** One round of a staged scenario: what the physician does instead of approving. */
export const ScriptStepSchema = z.union([
  z.literal("approve"),
  z.object({ ask: z.array(z.string().min(2)).min(1).max(5) }).strict(),
  z.object({ order: z.array(z.string().min(2)).min(1).max(3) }).strict(),
  /** `confidence`: how sure the physician says they are, in percent, as a learner states it at the diagnosis. */
  z.object({ diagnose: z.string().min(2), confidence: z.number().min(0).max(100).optional() }).strict(),
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

/** ScriptFileSchema's branch for this data, so that a mistake is named by its field, not as "Invalid input". */
export const scriptSchemaFor = (data: unknown): z.ZodType<z.infer<typeof ScriptFileSchema>> =>
  Array.isArray(data) ? z.array(CaseScriptSchema).min(1) : CaseScriptSchema;

/** Reads a physician script file (`--script`); throws DataFileError with file:line: field: problem. */
export function readScriptFile(file: string): z.infer<typeof ScriptFileSchema> {
  const parsed = parseData(file, readDataText(file));
  return checkData(parsed, scriptSchemaFor(parsed.data));
}

export const scriptsByCase = (parsed: z.infer<typeof ScriptFileSchema>): Map<string, CaseScript> =>
  new Map((Array.isArray(parsed) ? parsed : [parsed]).map((s) => [s.case, s]));
