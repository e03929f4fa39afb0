import { z } from "zod";

/**
 * A case's multiple-choice form (DiagnosisArena keeps four options per case): the options the
 * panel picks from under `dxsim run --mcq`, and which one is right (hidden: only the judge reads it).
 */
export const McqSchema = z.object({
  options: z.array(z.string().min(1)).min(2).max(8),
  /** Index into options of the right answer. */
  answer: z.number().int().nonnegative(),
}).refine((m) => m.answer < m.options.length, { message: "answer must index one of the options", path: ["answer"] });
export type Mcq = z.infer<typeof McqSchema>;

/** The letter an option goes by: A, B, C… */
export const optionLetter = (index: number): string => String.fromCharCode(65 + index);
