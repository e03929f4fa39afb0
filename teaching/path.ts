import type { Action } from "../core/action.js";
import { ledgerTotal } from "../core/ledger.js";
import { latestOutput } from "../agents/debate.js";
import { type AuditEntry, normaliseQuestion } from "../agents/view.js";
import { type Differential, posterior } from "../reasoning/differential.js";
import type { Evidence } from "../reasoning/scope.js";
import { type ActionItem, type LabelContext, labelReveal, withFindings } from "./labels.js";
import type { SessionRecord } from "./record.js";

/** One round of a path as the debrief replays it through the engine. */
export interface WalkedRound {
  readonly round: number;
  /** What was carried out, and who decided it. */
  readonly entry: AuditEntry;
  /** What the panel's chair proposed this round (the same as the action when it was approved). */
  readonly proposal: Action | null;
  readonly items: readonly ActionItem[];
  /** The evidence just before each item, in order (for weighing findings against a hypothesis). */
  readonly evidenceBeforeItem: readonly Evidence[];
  /** Everything revealed in earlier rounds. */
  readonly evidence: Evidence;
  /** The working differential at the round's start: the posterior over `evidence`. */
  readonly differential: Differential;
  /** Charged this round, and in all up to its end. */
  readonly usd: number;
  readonly totalUsd: number;
}

export interface WalkedPath {
  readonly rounds: readonly WalkedRound[];
  /** Everything the path revealed. */
  readonly evidence: Evidence;
  readonly differential: Differential;
}

/**
 * Replays a finished session's record round by round: the evidence the path had at each round,
 * the working differential over it, and each question or test graded against what was known
 * just before it.
 */
export function walkPath(record: SessionRecord, ctx: LabelContext): WalkedPath {
  const firstTest = new Map<string, number>();
  const firstQuestion = new Map<string, number>();
  const rounds: WalkedRound[] = [];
  let evidence: Evidence = ctx.presented;
  const entries = [...record.trail].sort((a, b) => a.round - b.round);
  for (const entry of entries) {
    const { round } = entry;
    const atStart = evidence;
    const kind = entry.action.kind === "ask" ? "question" : "test";
    const items: ActionItem[] = [];
    const evidenceBeforeItem: Evidence[] = [];
    for (const { reveal } of record.reveals.filter((r) => r.round === round)) {
      // A refused request was never carried out, so it is not "done" for spotting repeats.
      const seen = kind === "test" ? firstTest : firstQuestion;
      const key = reveal.kind === "refusal" ? undefined : kind === "test" ? reveal.testId : normaliseQuestion(reveal.request);
      const repeatOf = key === undefined ? undefined : seen.get(key);
      if (key !== undefined && repeatOf === undefined) seen.set(key, round);
      evidenceBeforeItem.push(evidence);
      items.push(labelReveal(reveal, kind, evidence, repeatOf, ctx));
      if (reveal.kind !== "refusal") evidence = withFindings(evidence, reveal.findings.filter((f) => ctx.kb.findingById.has(f.id)));
    }
    rounds.push({
      round,
      entry,
      proposal: latestOutput(record.debate, round, "chair")?.action ?? entry.replaced ?? null,
      items,
      evidenceBeforeItem,
      evidence: atStart,
      differential: posterior(ctx.kb, ctx.scope, atStart),
      usd: spent(record, (r) => r === round),
      totalUsd: spent(record, (r) => r <= round),
    });
  }
  return { rounds, evidence, differential: posterior(ctx.kb, ctx.scope, evidence) };
}

const spent = (record: SessionRecord, when: (round: number) => boolean): number =>
  ledgerTotal({ entries: record.ledger.entries.filter((e) => when(e.round)), visitOpen: false });
