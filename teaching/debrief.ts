import { z } from "zod";
import { type Action, ActionSchema } from "../core/action.js";
import { type Case, isCoded, visibleCase } from "../core/case.js";
import { OTHER_DIAGNOSIS } from "../core/knowledge.js";
import { ledgerTotal } from "../core/ledger.js";
import { type Knowledge, presentedEvidence, scopeOfCase } from "../agents/view.js";
import { PlanRecordSchema } from "../agents/plan.js";
import { TreatmentScoreSchema } from "../core/treatment-judge.js";
import { HarmRecordSchema } from "../core/clinical-rules.js";
import { pointsOf } from "../runs/points.js";
import { type SessionSettings, SessionSettingsSchema } from "../core/settings.js";
import { type Hypothesis, scopeModel } from "../reasoning/scope.js";
import { BiasFlagsSchema, biasFlags, type FlagContext } from "./biases.js";
import type { Branch } from "./branches.js";
import { CalibrationSchema, type CalibrationSource, calibration } from "./calibration.js";
import { ExpertPathSchema, expertPath } from "./expert.js";
import { ActionItemSchema, ActionLabelSchema, type LabelContext, bestLabel, probabilityOf } from "./labels.js";
import { namedHypothesis } from "./named-hypothesis.js";
import { walkPath } from "./path.js";
import { type SessionRecord, sessionRecord } from "./record.js";
import type { SessionValues } from "../graph/state.js";
import { DifferentialSummarySchema, HypothesisRefSchema, summarise } from "./summary.js";
import { actionText } from "./wording.js";

/** One round of a path: what was done and proposed, what each item taught, the money, the differential. */
export const PathRoundSchema = z.object({
  round: z.number().int(),
  /** "panel" when the learner approved the panel's proposal; "physician" when they decided themselves. */
  decidedBy: z.enum(["panel", "physician"]),
  action: ActionSchema,
  actionText: z.string(),
  /** The panel's proposal this round (equal to the action when approved). */
  proposal: ActionSchema.nullable(),
  proposalText: z.string().nullable(),
  forced: z.enum(["budget", "rounds"]).nullable(),
  /** The best of the items' labels; null for the diagnosis. */
  label: ActionLabelSchema.nullable(),
  items: z.array(ActionItemSchema),
  usd: z.number().nonnegative(),
  totalUsd: z.number().nonnegative(),
  /** The working differential at the round's start. */
  before: DifferentialSummarySchema,
});
export type PathRound = z.infer<typeof PathRoundSchema>;

export const PathDiagnosisSchema = z.object({
  name: z.string(),
  /** The hypothesis of the differential the name stands for ("other" when none). */
  hypothesis: HypothesisRefSchema,
  /** Its posterior over the evidence held when it was named. */
  p: z.number().min(0).max(1),
  round: z.number().int(),
  decidedBy: z.enum(["panel", "physician"]).nullable(),
  forced: z.enum(["budget", "rounds"]).nullable(),
  score: z.number().int().min(1).max(5).nullable(),
  correct: z.boolean().nullable(),
  /** The judge's reason line. */
  reason: z.string().nullable(),
  /** How sure the one who named it said they were (a learner's 0-100%, as 0-1); null when not said. */
  stated: z.number().min(0).max(1).nullable().default(null),
});

export const PathDebriefSchema = z.object({
  rounds: z.array(PathRoundSchema),
  diagnosis: PathDiagnosisSchema.nullable(),
  costUsd: z.number().nonnegative(),
  calibration: CalibrationSchema,
  flags: BiasFlagsSchema,
  /** The plan after the diagnosis and its score (null: no plan, or none to score). */
  plan: PlanRecordSchema.nullable().default(null),
  treatment: TreatmentScoreSchema.nullable().default(null),
  /** Contraindicated tests this path carried out (the knowledge base's harms), with why. */
  harms: z.array(HarmRecordSchema).default([]),
  /** Points 0-100 (runs/points.ts: correctness, cost against the expert path, harm); null before a verdict. */
  points: z.number().int().nullable().default(null),
});
export type PathDebrief = z.infer<typeof PathDebriefSchema>;

/** The other branch of a fork: its rounds before `forkRound` are the learner's own, played once. */
export const BranchDebriefSchema = z.object({
  name: z.string(),
  forkRound: z.number().int().min(1),
  path: PathDebriefSchema,
});
export type BranchDebrief = z.infer<typeof BranchDebriefSchema>;

/** One earlier judged session of the same learner: how sure they said they were, the panel's posterior, the outcome. */
export const PastForecastSchema = z.object({ confidence: z.number().min(0).max(1).nullable(), panelConfidence: z.number().min(0).max(1).nullable(), correct: z.boolean() });
export type PastForecast = z.infer<typeof PastForecastSchema>;

/**
 * The learner's stated confidence against outcome over their judged sessions (this one
 * included), beside the panel's posterior of the same diagnoses: Brier scores, 0 best, 1 worst.
 */
export const LearnerCalibrationSchema = z.object({
  sessions: z.number().int(),
  /** Sessions where the learner said how sure they were. */
  stated: z.number().int(),
  brier: z.number().nullable(),
  /** Sessions where the panel had a posterior for the diagnosis named. */
  panelStated: z.number().int(),
  panelBrier: z.number().nullable(),
});
export type LearnerCalibration = z.infer<typeof LearnerCalibrationSchema>;

export const DebriefSchema = z.object({
  caseId: z.string(),
  title: z.string(),
  truth: z.object({ name: z.string(), hypothesis: HypothesisRefSchema }),
  /** False when the case has no knowledge-base links: labels then rest on repeats and key tests only. */
  coded: z.boolean(),
  thresholds: z.object({ confidence: z.number(), cantMiss: z.number() }),
  learner: PathDebriefSchema,
  /** The panel on its own (a panel-only run of the same case), when one was given. */
  panel: PathDebriefSchema.nullable(),
  /** The other branch of a fork, when one was given. */
  branch: BranchDebriefSchema.nullable(),
  expert: ExpertPathSchema,
 teachingPoints: z.array(z.string()),
  /** Which attempt of this case this session is for the learner (a retry is a new attempt); null when not known. */
  attempt: z.number().int().min(1).nullable().default(null),
  /** The learner's stated confidence over their sessions, beside the panel's; null before the verdict. */
  learnerCalibration: LearnerCalibrationSchema.nullable().default(null),
});
export type Debrief = z.infer<typeof DebriefSchema>;

export interface DebriefInput {
  /** The hidden case, with its diagnosis, key tests and teaching points. */
  readonly caseFile: Case;
  readonly knowledge: Knowledge;
  /** The learner's session (a CaseResult, or `sessionRecord(values)` of a live session). */
  readonly learner: SessionRecord;
  /** A panel-only (auto-approved) run of the same case, for the panel's own path and calibration. */
  readonly panel?: SessionRecord;
  /** The other branch of a fork (see `otherBranch`), for a side-by-side of the two paths. */
  readonly branch?: Branch;
  /** The session's thresholds; the session defaults when not given (a CaseResult does not keep them). */
  readonly settings?: Partial<Pick<SessionSettings, "confidenceThreshold" | "cantMissThreshold">>;
  /** The learner's earlier judged sessions (any case), for their calibration over sessions. */
  readonly history?: readonly PastForecast[];
  /** Which attempt of this case this session is. */
  readonly attempt?: number;
}

/** What a debrief sets beside the learner's path: the panel on its own, and the other branch of a fork. */
export type DebriefComparisons = Pick<DebriefInput, "panel" | "branch" | "history" | "attempt">;

/** Everything a path's analysis needs besides the path itself. */
interface DebriefContext extends LabelContext, FlagContext {
  /** The hypotheses of the case's scope: its diseases, then "other". */
  readonly inPlay: readonly Hypothesis[];
  readonly words: (action: Action) => string;
}

/**
 * The learner-mode debrief: the learner's path beside the panel's proposals, the panel's own run,
 * the other branch of a fork and the case's key-test path; every question and test labelled;
 * calibration; bias flags; the case's teaching points. Pure: the same records give the same
 * debrief. The other branch is analysed as the learner's own path is (its working differential).
 *
 * The learner's path is everything carried out in their session: their own decisions (trail
 * entries decided by the physician) and the panel proposals they approved, each marked with who
 * decided it. The panel's proposal each round comes from its chair's message in that session.
 */
export function debrief(input: DebriefInput): Debrief {
  const { caseFile, knowledge } = input;
  const defaults = SessionSettingsSchema.parse({});
  const confidenceThreshold = input.settings?.confidenceThreshold ?? defaults.confidenceThreshold;
  const cantMissThreshold = input.settings?.cantMissThreshold ?? defaults.cantMissThreshold;
  const scope = scopeOfCase(visibleCase(caseFile));
  const inPlay = scopeModel(knowledge.kb, scope).hypotheses;
  const kbId = caseFile.diagnosis.kb_id;
  // A diagnosis the knowledge base lacks (or "no disease") is the engine's "other".
  const truth = kbId && inPlay.some((h) => h.id === kbId) ? kbId : OTHER_DIAGNOSIS;
  const ctx: DebriefContext = {
    kb: knowledge.kb,
    scope,
    truth,
    truthName: caseFile.diagnosis.name,
    keyTests: new Set(caseFile.key_tests),
    confidenceThreshold,
    cantMissThreshold,
    coded: isCoded(caseFile),
    presented: presentedEvidence(visibleCase(caseFile)),
    inPlay,
    words: (action) => actionText(action, knowledge.catalog, caseFile.case_tests),
  };
  const expert = expertPath(caseFile, knowledge);
  const learner = pathDebrief(input.learner, "working differential", ctx, expert.costUsd);
  return {
    caseId: caseFile.id,
    title: caseFile.title,
    truth: { name: caseFile.diagnosis.name, hypothesis: hypothesisRef(ctx, truth) },
    coded: ctx.coded,
    thresholds: { confidence: confidenceThreshold, cantMiss: cantMissThreshold },
    learner,
    panel: input.panel ? pathDebrief(input.panel, "stated differentials", ctx, expert.costUsd) : null,
    branch: input.branch ? { name: input.branch.name, forkRound: input.branch.forkRound, path: pathDebrief(input.branch.record, "working differential", ctx, expert.costUsd) } : null,
    expert,
    teachingPoints: caseFile.teaching_points,
    attempt: input.attempt ?? null,
    learnerCalibration: learner.diagnosis?.correct == null ? null : learnerCalibration([...(input.history ?? []), forecastOf(learner.diagnosis)]),
  };
}

const hypothesisRef = (ctx: DebriefContext, id: string) => ({ id, name: ctx.inPlay.find((h) => h.id === id)?.name ?? id });

/**
 * A session's forecast for the learner's calibration over sessions, read as its own debrief reads
 * it (a diagnosis typed by name stands for the disease it names); null without a verdict.
 */
export function sessionForecast(caseFile: Case, knowledge: Knowledge, values: SessionValues): PastForecast | null {
  const dx = debrief({ caseFile, knowledge, learner: sessionRecord(values), settings: values.settings }).learner.diagnosis;
  return dx?.correct == null ? null : forecastOf(dx);
}

/** This path's diagnosis as a forecast: what was said, what the panel held, and the outcome. */
const forecastOf = (dx: NonNullable<PathDebrief["diagnosis"]>): PastForecast => ({
  confidence: dx.stated,
  panelConfidence: dx.hypothesis.id === OTHER_DIAGNOSIS ? null : dx.p,
  correct: dx.correct === true,
});

const brierOf = (pairs: ReadonlyArray<{ p: number; correct: boolean }>): number | null =>
  pairs.length ? pairs.reduce((s, f) => s + (f.p - (f.correct ? 1 : 0)) ** 2, 0) / pairs.length : null;

export function learnerCalibration(forecasts: readonly PastForecast[]): LearnerCalibration {
  const stated = forecasts.flatMap((f) => (f.confidence === null ? [] : [{ p: f.confidence, correct: f.correct }]));
  const panel = forecasts.flatMap((f) => (f.panelConfidence === null ? [] : [{ p: f.panelConfidence, correct: f.correct }]));
  return { sessions: forecasts.length, stated: stated.length, brier: brierOf(stated), panelStated: panel.length, panelBrier: brierOf(panel) };
}

function pathDebrief(record: SessionRecord, source: CalibrationSource, ctx: DebriefContext, oracleCostUsd: number): PathDebrief {
  const path = walkPath(record, ctx);
  const closing = path.rounds.findLast((r) => r.entry.action.kind === "diagnose");
  const guess = record.diagnosis;
  const closed =
    guess && closing
      ? { hypothesis: namedHypothesis(guess, ctx.kb, ctx.inPlay.map((h) => h.id)), round: closing, forced: record.forced }
      : null;
  const scored =
    source === "working differential"
      ? path.rounds.map((r) => ({ round: r.round, differential: r.differential }))
      : [...record.differentials].sort((a, b) => a.round - b.round);
  return {
    rounds: path.rounds.map((r) => ({
      round: r.round,
      decidedBy: r.entry.decidedBy,
      action: r.entry.action,
      actionText: ctx.words(r.entry.action),
      proposal: r.proposal,
      proposalText: r.proposal ? ctx.words(r.proposal) : null,
      forced: r.entry.forced ?? null,
      label: bestLabel(r.items.map((i) => i.label)),
      items: [...r.items],
      usd: r.usd,
      totalUsd: r.totalUsd,
      before: summarise(r.differential, ctx.truth),
    })),
    diagnosis:
      guess && closed
        ? {
            name: guess.name,
            hypothesis: hypothesisRef(ctx, closed.hypothesis),
            p: probabilityOf(closed.round.differential, closed.hypothesis),
            round: closed.round.round,
            decidedBy: record.decidedBy,
            forced: record.forced,
            score: record.verdict?.score ?? null,
            correct: record.verdict?.correct ?? null,
            reason: record.verdict?.reason ?? null,
            stated: guess.confidence ?? null,
          }
        : null,
    costUsd: ledgerTotal(record.ledger),
    calibration: calibration(scored, ctx.truth, source),
    flags: biasFlags(path, closed, record.ledger.entries, ctx),
    plan: record.plan ?? null,
    treatment: record.treatment ?? null,
    harms: record.harms,
    points: record.verdict
      ? pointsOf({ score: record.verdict.score, correct: record.verdict.correct, abstained: guess?.abstained === true, costUsd: ledgerTotal(record.ledger), oracleCostUsd, harms: record.harms })
      : null,
  };
}
