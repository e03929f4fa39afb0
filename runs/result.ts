import { z } from "zod";
import { pointsOf } from "./points.js";
import { CoverageSchema } from "../coding/auto.js";
import { DiagnosisGuessSchema } from "../core/action.js";
import type { Case } from "../core/case.js";
import type { Mcq } from "../core/mcq.js";
import { foldText } from "../core/text-match.js";
import { ComplaintSchema } from "../core/complaint.js";
import { VerdictSchema } from "../core/judge.js";
import { TreatmentScoreSchema } from "../core/treatment-judge.js";
import { PlanRecordSchema } from "../agents/plan.js";
import { HarmRecordSchema } from "../core/clinical-rules.js";
import { LedgerSchema, ledgerTotal, visitCount } from "../core/ledger.js";
import { DebateMessageSchema } from "../agents/debate.js";
import { type CaseUsage, CaseUsageSchema } from "../llm/usage.js";
import { AuditEntrySchema, RoundDifferentialSchema, RoundRevealSchema } from "../agents/view.js";
import { PanelVariantSchema } from "../core/settings.js";
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
  /** The panel declined to name a diagnosis (scored as no diagnosis: score 1, not correct). */
  abstained: z.boolean().default(false),
  /**
   * The probability stated for the final diagnosis: what the physician or learner typed when
   * they named it, else the panel's posterior of the listed disease named.
   */
  confidence: z.number().min(0).max(1).nullable().default(null),
  /** The panel's posterior of the same diagnosis, set beside a learner's stated confidence. */
  panelConfidence: z.number().min(0).max(1).nullable().default(null),
  /** Contraindicated tests carried out, with the reason each harmed. */
  harms: z.array(HarmRecordSchema).default([]),
  /** The session's points, 0-100 (runs/points.ts: correctness, cost against the oracle, harm). */
  points: z.number().int().min(0).max(100).optional(),
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
  /** The plan after the diagnosis, and its score against the case's reference plan (null: none to score). */
  plan: PlanRecordSchema.nullable().optional(),
  /** Under --mcq: the option named (null when none was), the right one, and whether they agree. */
  mcq: z.object({ chosen: z.number().int().nullable(), answer: z.number().int(), correct: z.boolean() }).optional(),
  treatment: TreatmentScoreSchema.nullable().optional(),
});
export type CaseResult = z.infer<typeof CaseResultSchema>;

/** A case that could not be played to a verdict, with the reason (one case never stops a batch). */
export interface RunFailure {
  file: string;
  caseId?: string;
  message: string;
}

export function caseResult(caseFile: Case, values: SessionValues, meta: { file?: string; run: number; oracleCostUsd: number; llm?: CaseUsage }): CaseResult {
  const verdict = values.verdict;
  if (!verdict) throw new Error(`case ${caseFile.id}: the session ended without a verdict`);
  const panel = panelConfidence(values);
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
    abstained: values.diagnosis?.guess.abstained === true,
    confidence: values.diagnosis?.guess.confidence ?? panel,
    panelConfidence: panel,
    harms: values.harms ?? [],
    points: sessionPoints(values, meta.oracleCostUsd) ?? 0,
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
    plan: values.plan,
    treatment: values.treatment,
    ...(values.settings.mcqOptions && caseFile.mcq ? { mcq: mcqOutcome(caseFile.mcq, values.settings.mcqOptions, values.diagnosis?.guess.name) } : {}),
  };
}

/** Which option the diagnosis is (by its folded text), against the case's right one. */
function mcqOutcome(mcq: Mcq, options: readonly string[], named: string | undefined): NonNullable<CaseResult["mcq"]> {
  const index = named === undefined ? -1 : options.findIndex((o) => foldText(o) === foldText(named));
  const chosen = index >= 0 ? index : null;
  return { chosen, answer: mcq.answer, correct: chosen === mcq.answer };
}

/** A judged session's points (runs/points.ts); null before the verdict. */
export const sessionPoints = (values: SessionValues, oracleCostUsd: number): number | null =>
  values.verdict
    ? pointsOf({ ...values.verdict, abstained: values.diagnosis?.guess.abstained === true, costUsd: ledgerTotal(values.ledger), oracleCostUsd, harms: values.harms ?? [] })
    : null;

/** A result's points: as recorded, or worked out for a record written before points were. */
export const resultPoints = (r: CaseResult): number => r.points ?? pointsOf(r);

/** The posterior the panel last gave the knowledge-base disease named; null otherwise. */
function panelConfidence(values: SessionValues): number | null {
  const guess = values.diagnosis?.guess;
  if (!guess?.kbId || guess.abstained) return null;
  const last = values.differentials.at(-1)?.differential;
  return last?.find((e) => e.id === guess.kbId)?.p ?? null;
}

/** A case's outcome as reports show it: an abstention is neither correct nor incorrect. */
export const outcomeOf = (r: Pick<CaseResult, "abstained" | "correct">): "correct" | "incorrect" | "abstained" =>
  r.abstained ? "abstained" : r.correct ? "correct" : "incorrect";
