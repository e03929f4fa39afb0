import { z } from "zod";
import { ActionSchema, DiagnosisGuessSchema } from "../core/action.js";
import { VisibleCaseSchema } from "../core/case.js";
import { VerdictSchema } from "../core/judge.js";
import { LedgerEntrySchema, ledgerTotal } from "../core/ledger.js";
import { RoundRevealSchema } from "../agents/view.js";
import type { SessionValues } from "../graph/state.js";
import { DifferentialSchema } from "../reasoning/differential.js";
import { SessionModeSchema, type SessionRecord } from "./store.js";

/**
 * One physician override with what the physician saw when making it: the presentation, the
 * findings and the bill up to that round, and the panel's differential of that round. Only
 * what the panel could see of the case is here; the hidden case appears only through the
 * verdict, once the session was judged.
 */
export const OverrideTraceSchema = z.object({
  session: z.string(),
  caseId: z.string(),
  mode: SessionModeSchema,
  round: z.number().int(),
  /** An action (questions or tests) or a final diagnosis put in place of the panel's proposal. */
  kind: z.enum(["action", "diagnosis"]),
  context: z.object({
    visible: VisibleCaseSchema,
    reveals: z.array(RoundRevealSchema),
    ledger: z.object({ entries: z.array(LedgerEntrySchema), totalUsd: z.number().nonnegative() }),
    differential: DifferentialSchema.nullable(),
  }),
  proposal: ActionSchema,
  action: ActionSchema,
  outcome: z.object({
    /** What the physician's action brought back (nothing for a diagnosis). */
    revealed: z.array(RoundRevealSchema),
    finished: z.boolean(),
    diagnosis: DiagnosisGuessSchema.nullable(),
    diagnosedBy: z.enum(["panel", "physician"]).nullable(),
    verdict: VerdictSchema.nullable(),
  }),
});
export type OverrideTrace = z.infer<typeof OverrideTraceSchema>;

/** Every decision in a session where the physician put something else in place of the panel's proposal. */
export function overrideTraces(record: Pick<SessionRecord, "id" | "caseId" | "mode">, values: SessionValues): OverrideTrace[] {
  return values.trail.flatMap((entry) => {
    if (entry.decidedBy !== "physician" || !entry.replaced) return [];
    const { round } = entry;
    const billed = values.ledger.entries.filter((e) => e.round < round);
    return [
      {
        session: record.id,
        caseId: record.caseId,
        mode: record.mode,
        round,
        kind: entry.action.kind === "diagnose" ? "diagnosis" : "action",
        context: {
          visible: values.visible,
          reveals: values.reveals.filter((r) => r.round < round),
          ledger: { entries: billed, totalUsd: ledgerTotal({ entries: billed, visitOpen: false }) },
          differential: values.differentials.findLast((d) => d.round === round)?.differential ?? null,
        },
        proposal: entry.replaced,
        action: entry.action,
        outcome: {
          revealed: values.reveals.filter((r) => r.round === round),
          finished: values.verdict !== null,
          diagnosis: values.diagnosis?.guess ?? null,
          diagnosedBy: values.diagnosis?.decidedBy ?? null,
          verdict: values.verdict,
        },
      },
    ];
  });
}
