import { z } from "zod";
import { FindingLinkSchema, ResultValueSchema } from "./case.js";

/**
 * What the gatekeeper tells the panel in reply to one question or one order. It carries no
 * hint of whether the reply came from the case or was synthesised (see GatekeeperReply).
 */
export const RevealSchema = z.object({
  kind: z.enum(["answer", "result", "refusal"]),
  /** The question as asked, or the order as written. */
  request: z.string(),
  /** The catalog (or case-specific) test a result belongs to. */
  testId: z.string().optional(),
  testName: z.string().optional(),
  text: z.string(),
  values: z.array(ResultValueSchema).default([]),
  abnormal: z.boolean().default(false),
  /** Knowledge-base findings this reply establishes, present or absent. */
  findings: z.array(FindingLinkSchema).default([]),
});
export type Reveal = z.infer<typeof RevealSchema>;

/** The gatekeeper's full reply: the reveal, plus what only the audit trail may know. */
export const GatekeeperReplySchema = z.object({
  reveal: RevealSchema,
  /** True when the case did not hold this item and a normal (healthy) reply was synthesised. */
  synthetic: z.boolean(),
  /** Id of the case item or test the reply came from, when there was one. */
  source: z.string().optional(),
});
export type GatekeeperReply = z.infer<typeof GatekeeperReplySchema>;
