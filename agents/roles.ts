import { z } from "zod";

/** The panel's members, in the order they speak within a debate turn. */
export const PanelRoleSchema = z.enum(["hypothesis", "test-chooser", "skeptic", "cost-steward", "chair"]);
export type PanelRole = z.infer<typeof PanelRoleSchema>;

export const ROLE_TITLES: Record<PanelRole, string> = {
  hypothesis: "Hypothesis generator",
  "test-chooser": "Test chooser",
  skeptic: "Skeptic",
  "cost-steward": "Cost steward",
  chair: "Chair",
};

/** Every role whose output can come from a brain, including the two that read the hidden case. */
export const BrainRoleSchema = z.enum([...PanelRoleSchema.options, "gatekeeper", "judge"]);
export type BrainRole = z.infer<typeof BrainRoleSchema>;
