import { z } from "zod";
import { SourceSchema } from "./source.js";

/** One act of a case's reference plan, in words the judge matches a plan's elements against. */
const ReferenceActSchema = z.object({
  text: z.string().min(2),
  synonyms: z.array(z.string().min(2)).default([]),
  source: SourceSchema,
});

export const RequiredElementSchema = ReferenceActSchema.extend({
  /** True for something the plan must say not to do (matched against its "avoid" list). */
  avoid: z.boolean().default(false),
  /** Other acts that fulfil this element as well (a guideline's second choice). */
  alternatives: z.array(ReferenceActSchema).default([]),
});
export type RequiredElement = z.infer<typeof RequiredElementSchema>;

/**
 * The hidden reference plan of a case (`management:`): what a good initial plan must contain,
 * what may stand in for it, and what would harm this patient. Only the judge reads it.
 */
export const ReferencePlanSchema = z.object({
  required: z.array(RequiredElementSchema).min(1, "at least one required element"),
  harmful: z.array(ReferenceActSchema).default([]),
});
export type ReferencePlan = z.infer<typeof ReferencePlanSchema>;
