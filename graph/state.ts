import { z } from "zod";
import { Annotation } from "@langchain/langgraph";
import { type Action, ActionSchema, DiagnosisGuessSchema } from "../core/action.js";
import type { VisibleCase } from "../core/case.js";
import type { Ledger } from "../core/ledger.js";
import type { Verdict } from "../core/judge.js";
import type { TreatmentScore } from "../core/treatment-judge.js";
import type { PlanRecord } from "../agents/plan.js";
import type { HarmRecord } from "../core/clinical-rules.js";
import type { DebateMessage } from "../agents/debate.js";
import type { AuditEntry, PanelView, RoundDifferential, RoundReveal } from "../agents/view.js";
import type { SessionSettings } from "../core/settings.js";

/**
 * The state's fields are typed by the zod schemas of what is stored in them, and not parsed
 * again when a node writes: everything a node writes is built from values parsed where they came
 * in (a case file, a model's reply, a decision). A plain annotated state also spares LangGraph's
 * per-write validation (a schema state has each key of every update checked, one promise a key),
 * a cost paid on every node of every round.
 */

/** A list that grows: several nodes (some in parallel) append, none rewrites. */
const appended = <T>() => Annotation<T[]>({ reducer: (current, update) => [...current, ...update], default: () => [] });

/** A value nodes set whole (the ledger, the settings, the pending action, the verdict…): the last write wins. */
const setWhole = <T>(initial?: () => T) => Annotation<T>({ reducer: (_current, update) => update, ...(initial ? { default: initial } : {}) });

/** What the gatekeeper did, for the audit trail only: the panel never reads it. */
export const GatekeeperLogEntrySchema = z.object({
  round: z.number().int(),
  request: z.string(),
  kind: z.enum(["answer", "result", "refusal"]),
  synthetic: z.boolean(),
  source: z.string().optional(),
});
export type GatekeeperLogEntry = z.infer<typeof GatekeeperLogEntrySchema>;

export const FinalDiagnosisSchema = z.object({
  guess: DiagnosisGuessSchema,
  decidedBy: z.enum(["panel", "physician"]),
  forced: z.enum(["budget", "rounds"]).optional(),
  round: z.number().int(),
});
export type FinalDiagnosis = z.infer<typeof FinalDiagnosisSchema>;

/** A physician review the graph is waiting on: what the panel proposes and why it stopped. */
export const ReviewRequestSchema = z.object({
  round: z.number().int(),
  proposal: ActionSchema,
  budgetAlert: z.string().nullable(),
  forced: z.enum(["budget", "rounds"]).nullable(),
  /** The proposal is the physician's own action, waiting on the budget (not the panel's). */
  physicianOwn: z.literal(true).optional(),
});
export type ReviewRequest = z.infer<typeof ReviewRequestSchema>;

/**
 * The session's state. The hidden case is not here: only the gatekeeper and judge nodes reach
 * it, through the oracle the graph is built with.
 */
export const SessionState = Annotation.Root({
  visible: Annotation<VisibleCase>(),
  settings: setWhole<SessionSettings>(),
  round: setWhole(() => 1),
  turn: setWhole(() => 1),
  reveals: appended<RoundReveal>(),
  ledger: setWhole<Ledger>(),
  debate: appended<DebateMessage>(),
  differentials: appended<RoundDifferential>(),
  trail: appended<AuditEntry>(),
  gatekeeperLog: appended<GatekeeperLogEntry>(),
  /** Contraindicated tests carried out (panel's or physician's), with the reason. */
  harms: appended<HarmRecord>(),
  /** The action approved at this round's review, carried out by the gatekeeper node. */
  pending: setWhole<Action | null>(() => null),
  diagnosis: setWhole<FinalDiagnosis | null>(() => null),
  verdict: setWhole<Verdict | null>(() => null),
  /** The plan after the diagnosis, as proposed or as the physician changed it. */
  plan: setWhole<PlanRecord | null>(() => null),
  treatment: setWhole<TreatmentScore | null>(() => null),
});
export type SessionValues = typeof SessionState.State;
export type SessionUpdate = typeof SessionState.Update;

/** The projection of state a panel role is given: nothing from the gatekeeper's log or the verdict. */
export const panelView = (s: SessionValues): PanelView => ({
  visible: s.visible,
  settings: s.settings,
  round: s.round,
  turn: s.turn,
  reveals: s.reveals,
  ledger: s.ledger,
  differentials: s.differentials,
  trail: s.trail,
});
