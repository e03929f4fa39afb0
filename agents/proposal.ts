import { z } from "zod";

/** One question or test the panel puts forward, with what it should tell apart. */
export const ProposalItemSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("question"),
    text: z.string().min(2),
    /** The knowledge-base finding the question is about, when there is one. */
    findingId: z.string().optional(),
    gainBits: z.number().nonnegative(),
    /** Hypotheses (ids) this item should tell apart. */
    separates: z.array(z.string()),
  }),
  z.object({
    kind: z.literal("test"),
    testId: z.string(),
    name: z.string(),
    gainBits: z.number().nonnegative(),
    separates: z.array(z.string()),
  }),
]);
export type ProposalItem = z.infer<typeof ProposalItemSchema>;

export const itemLabel = (item: ProposalItem): string => (item.kind === "question" ? item.text : item.name);
export const itemKey = (item: ProposalItem): string => (item.kind === "question" ? item.text : item.testId);
