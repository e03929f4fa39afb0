import { z } from "zod";

/** A learner's name, as `--learner` takes it, a session keeps it and a report groups by it: trimmed, not blank. */
export const LearnerNameSchema = z.string().trim().min(1);
