import { z } from "zod";
import { ReducedValue, StateSchema } from "@langchain/langgraph";
import { ActionSchema, DiagnosisGuessSchema } from "../core/action.js";
import { VisibleCaseSchema } from "../core/case.js";
import { LedgerSchema } from "../core/ledger.js";
import { VerdictSchema } from "../core/judge.js";
import { TreatmentScoreSchema } from "../core/treatment-judge.js";
import { PlanRecordSchema } from "../agents/plan.js";
import { HarmRecordSchema } from "../core/clinical-rules.js";
import { DebateMessageSchema } from "../agents/debate.js";
import { AuditEntrySchema, type PanelView, RoundDifferentialSchema, RoundRevealSchema } from "../agents/view.js";
import { SessionSettingsSchema } from "../core/settings.js";

/**
 * Lists that grow: several nodes (some in parallel) append, none rewrites. What the nodes
 * append is built from values already parsed where they came in (a case file, a model's
 * reply, a decision), so it is typed but not parsed again on every write: that re-parse was
 * close to a tenth of a headless case.
 */
const appended = <T extends z.ZodType>(item: T) =>
  new ReducedValue(z.array(item).default(() => []), {
    inputSchema: z.custom<z.infer<T>[]>(),
    reducer: (current: z.infer<T>[], update: z.infer<T>[]) => [...current, ...update],
  });

/**
 * A value nodes set whole (the ledger, the settings, the pending action, the verdict…), built
 * the same way from values already parsed: kept typed, not parsed again on each write (every
 * round's review and gatekeeper write several). The last write wins, as for a plain field.
 */
const setWhole = <T extends z.ZodType>(schema: T) =>
  new ReducedValue(schema, {
    inputSchema: z.custom<z.infer<T>>(),
    reducer: (_current: z.infer<T>, update: z.infer<T>) => update,
  });

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
export const SessionState = new StateSchema({
  visible: VisibleCaseSchema,
  settings: setWhole(SessionSettingsSchema),
  round: z.number().int().default(1),
  turn: z.number().int().default(1),
  reveals: appended(RoundRevealSchema),
  ledger: setWhole(LedgerSchema),
  debate: appended(DebateMessageSchema),
  differentials: appended(RoundDifferentialSchema),
  trail: appended(AuditEntrySchema),
  gatekeeperLog: appended(GatekeeperLogEntrySchema),
  /** Contraindicated tests carried out (panel's or physician's), with the reason. */
  harms: appended(HarmRecordSchema),
  /** The action approved at this round's review, carried out by the gatekeeper node. */
  pending: setWhole(ActionSchema.nullable().default(null)),
  diagnosis: setWhole(FinalDiagnosisSchema.nullable().default(null)),
  verdict: setWhole(VerdictSchema.nullable().default(null)),
  /** The plan after the diagnosis, as proposed or as the physician changed it. */
  plan: setWhole(PlanRecordSchema.nullable().default(null)),
  treatment: setWhole(TreatmentScoreSchema.nullable().default(null)),
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
