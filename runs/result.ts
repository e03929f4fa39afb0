import { z } from "zod";
import { CoverageSchema } from "../coding/auto.js";
import { DiagnosisGuessSchema } from "../core/action.js";
import type { Case } from "../core/case.js";
import { ComplaintSchema } from "../core/complaint.js";
import { VerdictSchema } from "../core/judge.js";
import { LedgerSchema, ledgerTotal, visitCount } from "../core/ledger.js";
import { DebateMessageSchema } from "../agents/debate.js";
import { type CaseUsage, CaseUsageSchema } from "../llm/usage.js";
import { AuditEntrySchema, RoundDifferentialSchema, RoundRevealSchema } from "../agents/view.js";
import { PanelVariantSchema } from "../graph/settings.js";
import { GatekeeperLogEntrySchema, type SessionValues } from "../graph/state.js";

/** One case's full record in results.jsonl: the outcome, the money, and how the panel got there. */
export const CaseResultSchema = z.object({
  caseId: z.string(),
  file: z.string().optional(),
  title: z.string(),
  specialty: z.string(),
  complaint: ComplaintSchema,
  variant: PanelVariantSchema,
  /** Which repeat of the case this is (0-based), with --repeat. */
  run: z.number().int().nonnegative(),
  diagnosis: DiagnosisGuessSchema.nullable(),
  decidedBy: z.enum(["panel", "physician"]).nullable(),
  truth: z.object({ name: z.string(), icd10: z.string().optional() }),
  score: z.number().int().min(1).max(5),
  correct: z.boolean(),
  /** Why the session closed when it did not close by choice. */
  forced: z.enum(["budget", "rounds"]).nullable(),
  costUsd: z.number().nonnegative(),
  visits: z.number().int().nonnegative(),
  oracleCostUsd: z.number().nonnegative(),
  rounds: z.number().int().nonnegative(),
  verdict: VerdictSchema,
  ledger: LedgerSchema,
  trail: z.array(AuditEntrySchema),
  differentials: z.array(RoundDifferentialSchema),
  debate: z.array(DebateMessageSchema),
  reveals: z.array(RoundRevealSchema),
  gatekeeperLog: z.array(GatekeeperLogEntrySchema),
  /** How much of the case the offline engine could read, and how many codes were added automatically (run and play code uncoded facts at load). */
  coverage: CoverageSchema.optional(),
  /** Model tokens and estimated cost, when some role ran on a model. */
  llm: CaseUsageSchema.optional(),
});
export type CaseResult = z.infer<typeof CaseResultSchema>;

export function caseResult(caseFile: Case, values: SessionValues, meta: { file?: string; run: number; oracleCostUsd: number; llm?: CaseUsage }): CaseResult {
  const verdict = values.verdict;
  if (!verdict) throw new Error(`case ${caseFile.id}: the session ended without a verdict`);
  return {
    caseId: caseFile.id,
    ...(meta.file ? { file: meta.file } : {}),
    title: caseFile.title,
    specialty: caseFile.specialty,
    complaint: caseFile.complaint,
    variant: values.settings.variant,
    run: meta.run,
    diagnosis: values.diagnosis?.guess ?? null,
    decidedBy: values.diagnosis?.decidedBy ?? null,
    truth: { name: caseFile.diagnosis.name, ...(caseFile.diagnosis.icd10 ? { icd10: caseFile.diagnosis.icd10 } : {}) },
    score: verdict.score,
    correct: verdict.correct,
    forced: values.diagnosis?.forced ?? null,
    costUsd: ledgerTotal(values.ledger),
    visits: visitCount(values.ledger),
    oracleCostUsd: meta.oracleCostUsd,
    rounds: values.diagnosis?.round ?? values.round,
    verdict,
    ledger: values.ledger,
    trail: values.trail,
    differentials: values.differentials,
    debate: values.debate,
    reveals: values.reveals,
    gatekeeperLog: values.gatekeeperLog,
    ...(meta.llm ? { llm: meta.llm } : {}),
  };
}
