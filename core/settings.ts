import { z } from "zod";

export const PanelVariantSchema = z.enum([
  "full",
  "budgeted",
  "ensemble",
  "no-steward",
  "no-skeptic",
  "single",
  "order-all",
  "oracle",
]);
export type PanelVariant = z.infer<typeof PanelVariantSchema>;

/** What a session is played under; fixed at the start except the budget, which a physician may raise. */
export const SessionSettingsSchema = z.object({
  /** Money cap for the whole workup (visits and tests), in USD. */
  budgetUsd: z.number().positive("a budget above 0 USD").default(4000),
  maxRounds: z.number().int().min(1).max(50).default(12),
  /** Leading posterior at which the panel may close. */
  confidenceThreshold: z.number().gt(0).lt(1).default(0.85),
  /** Posterior at or above which an unexcluded can't-miss diagnosis blocks closure. */
  cantMissThreshold: z.number().gt(0).lt(1).default(0.01),
  /** Turns of debate before the chair decides (1: each role speaks once). */
  debateTurns: z.number().int().min(1).max(4).default(1),
  variant: PanelVariantSchema.default("full"),
  visitFeeUsd: z.number().nonnegative().default(300),
  /** Multiple choice (`dxsim run --mcq`): the final diagnosis must be one of the case's options. */
  mcq: z.boolean().default(false),
  /** The options, filled in from the case when a session starts with mcq. */
  mcqOptions: z.array(z.string().min(1)).max(8).optional(),
});
export type SessionSettings = z.infer<typeof SessionSettingsSchema>;
