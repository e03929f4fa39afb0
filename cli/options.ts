import { InvalidArgumentError } from "commander";
import { z } from "zod";
import { LearnerNameSchema } from "../core/learner.js";

/** Parses a flag's value with a zod schema, so a bad flag says which and what was expected. */
export const parsedBy =
  <T>(schema: z.ZodType<T>, expected: string) =>
  (raw: string): T => {
    const result = schema.safeParse(raw);
    if (!result.success) throw new InvalidArgumentError(`expected ${expected}, got "${raw}".`);
    return result.data;
  };

export const positiveNumber = parsedBy(z.coerce.number().positive(), "a number above 0");
export const positiveInt = parsedBy(z.coerce.number().int().positive(), "a whole number above 0");
/** `--learner` of teach and export: the name a report groups the session by. */
export const learnerName = parsedBy(LearnerNameSchema, "a learner's name that is not blank");
