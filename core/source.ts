import { z } from "zod";

/**
 * Where a number comes from: a citation (paper, guideline, textbook chapter, fee schedule),
 * or a string starting with "estimate" when the figure is the team's own judgement.
 */
export const SourceSchema = z
  .string()
  .min(3, "a source: a citation, or 'estimate' with a reason");

export const isEstimate = (source: string): boolean => /^estimate\b/i.test(source);
