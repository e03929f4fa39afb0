import { z } from "zod";
import { VerdictSchema } from "../core/judge.js";
import { CaseResultSchema } from "../runs/result.js";
import type { SessionValues } from "../graph/state.js";

/**
 * What the debrief reads of a finished session: the part of a results.jsonl record (CaseResult)
 * that says what was done, revealed, spent and concluded. A live session's values convert to it
 * with `sessionRecord`, so the same debrief serves a session just played and a saved run.
 */
export const SessionRecordSchema = CaseResultSchema.pick({
  trail: true,
  reveals: true,
  differentials: true,
  debate: true,
  ledger: true,
  diagnosis: true,
  decidedBy: true,
  forced: true,
  plan: true,
  treatment: true,
  harms: true,
}).extend({ verdict: VerdictSchema.nullable() });
export type SessionRecord = z.infer<typeof SessionRecordSchema>;

export const sessionRecord = (values: SessionValues): SessionRecord => ({
  trail: values.trail,
  reveals: values.reveals,
  differentials: values.differentials,
  debate: values.debate,
  ledger: values.ledger,
  diagnosis: values.diagnosis?.guess ?? null,
  decidedBy: values.diagnosis?.decidedBy ?? null,
  forced: values.diagnosis?.forced ?? null,
  verdict: values.verdict,
  plan: values.plan,
  treatment: values.treatment,
  harms: values.harms ?? [],
});
