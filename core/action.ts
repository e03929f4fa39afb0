import { z } from "zod";

/** A diagnosis as the panel or the physician gives it; the ids help the judge when known. */
export const DiagnosisGuessSchema = z.object({
  name: z.string().min(2),
  kbId: z.string().optional(),
  icd10: z.string().optional(),
  /** The panel declined to name a diagnosis: the presentation lies outside what it knows. */
  abstained: z.boolean().optional(),
  /** How sure the physician or learner who named it said they were (0-1); the panel's is its posterior. */
  confidence: z.number().min(0).max(1).optional(),
});
export type DiagnosisGuess = z.infer<typeof DiagnosisGuessSchema>;

export const MAX_QUESTIONS_PER_ROUND = 5;
export const MAX_TESTS_PER_ROUND = 3;

/** One round's action, as SDBench allows: ask questions, order named tests, or diagnose. */
export const ActionSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("ask"),
    questions: z.array(z.string().min(2)).min(1).max(MAX_QUESTIONS_PER_ROUND),
  }),
  z.object({
    kind: z.literal("order"),
    /** Catalog ids or free text; resolved against the catalog before the gatekeeper sees them. */
    tests: z.array(z.string().min(2)).min(1).max(MAX_TESTS_PER_ROUND),
  }),
  z.object({ kind: z.literal("diagnose"), diagnosis: DiagnosisGuessSchema }),
]);
export type Action = z.infer<typeof ActionSchema>;

export const describeAction = (a: Action): string => {
  switch (a.kind) {
    case "ask":
      return `ask: ${a.questions.join(" | ")}`;
    case "order":
      return `order: ${a.tests.join(", ")}`;
    case "diagnose":
      return a.diagnosis.abstained ? `abstain: ${a.diagnosis.name}` : `diagnose: ${a.diagnosis.name}`;
  }
};
