import { type PlanRecord, describePlan } from "../agents/plan.js";
import type { TreatmentScore } from "../core/treatment-judge.js";

/** Who the plan is from, as a reader wants it said. */
export const planAuthor = (record: PlanRecord): string =>
  record.decidedBy === "physician" ? "the physician's (the panel's replaced)" : `the panel's, approved${record.fallback ? `; ${record.brain} after a fallback` : ""}`;

/** The plan's score in one line: the share covered, what was missed and what would harm. */
export function treatmentScoreLine(t: TreatmentScore): string {
  const parts = [`Plan score ${t.score.toFixed(2)}`, `covered: ${t.covered.length ? t.covered.join("; ") : "nothing"}`];
  if (t.missed.length) parts.push(`missed: ${t.missed.join("; ")}`);
  if (t.harmful.length) parts.push(`HARMFUL: ${t.harmful.join("; ")}`);
  return parts.join(" · ");
}

/**
 * The plan and its score as plain lines, for the console's final report, transcripts and
 * debriefs. Empty when the session ended without a plan (no diagnosis).
 */
export function treatmentLines(plan: PlanRecord | null | undefined, treatment: TreatmentScore | null | undefined): string[] {
  if (!plan) return [];
  return [
    `Treatment plan for ${plan.plan.diagnosis} (${planAuthor(plan)}):`,
    ...describePlan(plan.plan).map((l) => `  ${l}`),
    ...(plan.plan.sources.length ? [`  Sources: ${plan.plan.sources.join(" | ")}`] : []),
    treatment ? treatmentScoreLine(treatment) : "Plan not scored: the case has no reference plan.",
  ];
}
