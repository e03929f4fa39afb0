import { z } from "zod";
import { ChairOutputSchema } from "./chair.js";
import { CostStewardOutputSchema } from "./cost-steward.js";
import { HypothesisOutputSchema } from "./hypothesis.js";
import { SkepticOutputSchema } from "./skeptic.js";
import { TestChooserOutputSchema } from "./test-chooser.js";

export const UsageSchema = z.object({ inputTokens: z.number().int().nonnegative(), outputTokens: z.number().int().nonnegative() });
export type Usage = z.infer<typeof UsageSchema>;

const base = {
  round: z.number().int(),
  turn: z.number().int(),
  /** Which brain spoke: "offline", or a provider and model such as "azure:gpt-4o". */
  brain: z.string(),
  /** Why the role fell back to the offline brain this round, when it did. */
  fallback: z.string().optional(),
  usage: UsageSchema.optional(),
};

/** One role's contribution to a round's debate: its structured output, and who produced it. */
export const DebateMessageSchema = z.discriminatedUnion("role", [
  z.object({ ...base, role: z.literal("hypothesis"), output: HypothesisOutputSchema }),
  z.object({ ...base, role: z.literal("test-chooser"), output: TestChooserOutputSchema }),
  z.object({ ...base, role: z.literal("skeptic"), output: SkepticOutputSchema }),
  z.object({ ...base, role: z.literal("cost-steward"), output: CostStewardOutputSchema }),
  z.object({ ...base, role: z.literal("chair"), output: ChairOutputSchema }),
]);
export type DebateMessage = z.infer<typeof DebateMessageSchema>;

export type RoleOutputs = { [M in DebateMessage as M["role"]]: M["output"] };

/** The latest output a role gave in a round, if it spoke. */
export function latestOutput<R extends keyof RoleOutputs>(messages: readonly DebateMessage[], round: number, role: R): RoleOutputs[R] | undefined {
  const found = messages.findLast((m) => m.round === round && m.role === role);
  return found?.output as RoleOutputs[R] | undefined;
}
