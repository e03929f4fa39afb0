import { z } from "zod";
import { type KnowledgeBase, OTHER_DIAGNOSIS } from "../core/knowledge.js";
import type { LedgerEntry } from "../core/ledger.js";
import { type Differential, posterior } from "../reasoning/differential.js";
import type { Evidence, Scope } from "../reasoning/scope.js";
import { FindingValueSchema, probabilityOf, withFindings } from "./labels.js";
import type { WalkedPath, WalkedRound } from "./path.js";
import { HypothesisRefSchema } from "./summary.js";
import { DEBRIEF_THRESHOLDS } from "./thresholds.js";

const RankedRefSchema = HypothesisRefSchema.extend({ p: z.number().min(0).max(1) });

/** A finding revealed against a hypothesis: its likelihood ratio for it against the rest, when revealed. */
export const ContraryFindingSchema = FindingValueSchema.extend({ round: z.number().int(), ratio: z.number().nonnegative() });
export type ContraryFinding = z.infer<typeof ContraryFindingSchema>;

export const AnchoringSchema = z.object({
  hypothesis: HypothesisRefSchema,
  /** Where the named hypothesis stood highest on the path, at the start of a round. */
  peak: z.object({ round: z.number().int(), p: z.number().min(0).max(1) }),
  atDiagnosis: z.number().min(0).max(1),
  /** What the evidence favoured when the diagnosis was made. */
  leader: RankedRefSchema,
  contrary: z.array(ContraryFindingSchema),
});
export type Anchoring = z.infer<typeof AnchoringSchema>;

export const PrematureClosureSchema = z.object({
  hypothesis: HypothesisRefSchema,
  round: z.number().int(),
  p: z.number().min(0).max(1),
  threshold: z.number(),
  forced: z.enum(["budget", "rounds"]).nullable(),
});
export type PrematureClosure = z.infer<typeof PrematureClosureSchema>;

export const IdleTestSchema = z.object({
  round: z.number().int(),
  testId: z.string(),
  name: z.string(),
  usd: z.number().nonnegative(),
  gainBits: z.number(),
  truthShift: z.number(),
});
export type IdleTest = z.infer<typeof IdleTestSchema>;

export const BiasFlagsSchema = z.object({
  anchoring: AnchoringSchema.nullable(),
  prematureClosure: PrematureClosureSchema.nullable(),
  /** Can't-miss diagnoses (not the truth) still at or above the can't-miss threshold when the path ended. */
  cantMissOpen: z.array(RankedRefSchema),
  testsThatChangedNothing: z.array(IdleTestSchema),
});
export type BiasFlags = z.infer<typeof BiasFlagsSchema>;

export interface FlagContext {
  readonly kb: KnowledgeBase;
  readonly scope: Scope;
  readonly truth: string;
  readonly confidenceThreshold: number;
  readonly cantMissThreshold: number;
  readonly keyTests: ReadonlySet<string>;
}

/** The diagnosis a path ended in: the hypothesis it stands for, and the round it was made in. */
export interface ClosedDiagnosis {
  readonly hypothesis: string;
  readonly round: WalkedRound;
  readonly forced: "budget" | "rounds" | null;
}

export function biasFlags(path: WalkedPath, diagnosis: ClosedDiagnosis | null, ledger: readonly LedgerEntry[], ctx: FlagContext): BiasFlags {
  return {
    anchoring: diagnosis ? anchoring(path, diagnosis, ctx) : null,
    prematureClosure: diagnosis ? prematureClosure(diagnosis, ctx) : null,
    cantMissOpen: cantMissOpen(path.differential, ctx),
    testsThatChangedNothing: testsThatChangedNothing(path, ledger, ctx.keyTests),
  };
}

const refOf = (kb: KnowledgeBase, differential: Differential, id: string) => ({
  id,
  name: differential.find((e) => e.id === id)?.name ?? kb.diseaseById.get(id)?.name ?? id,
});

/**
 * How far one finding, by itself, moves a hypothesis against the rest: the ratio of its posterior
 * odds after the finding to before. This is the finding's likelihood ratio for the hypothesis
 * against the other hypotheses weighted as they stood, so below 1 means the finding argues against it.
 */
export function likelihoodRatio(kb: KnowledgeBase, scope: Scope, evidence: Evidence, finding: { id: string; present: boolean }, hypothesis: string): number {
  const odds = (p: number) => p / (1 - p);
  const before = probabilityOf(posterior(kb, scope, evidence), hypothesis);
  const after = probabilityOf(posterior(kb, scope, withFindings(evidence, [finding])), hypothesis);
  if (before <= 0 || before >= 1 || after >= 1) return 1;
  return odds(after) / odds(before);
}

/**
 * Anchoring: holding on to a hypothesis while the evidence turns against it. The learner states
 * no differential, so the hypothesis they held is read off where they ended: the diagnosis they
 * named. The flag is raised when that hypothesis H is a knowledge-base disease and, on the path
 * up to the diagnosis,
 *  - at least DEBRIEF_THRESHOLDS.anchoringContraryFindings findings argued against H (each one's
 *    likelihood ratio for H against the rest, when revealed, below contraryRatio),
 *  - H's posterior had fallen to at most anchoringFallRatio of its peak on the path, and
 *  - when the diagnosis was made the evidence favoured another hypothesis (H was not the leader).
 * The last condition keeps a leader that merely dipped from being flagged; naming a hypothesis the
 * evidence never argued against is premature closure, not anchoring.
 */
export function anchoring(path: WalkedPath, diagnosis: ClosedDiagnosis, ctx: FlagContext): Anchoring | null {
  const h = diagnosis.hypothesis;
  if (h === OTHER_DIAGNOSIS || !ctx.kb.diseaseById.has(h)) return null;
  const upTo = path.rounds.filter((r) => r.round <= diagnosis.round.round);
  const contrary = upTo.flatMap((r) =>
    r.items.flatMap((item, i) =>
      item.newFindings.flatMap((f) => {
        const ratio = likelihoodRatio(ctx.kb, ctx.scope, r.evidenceBeforeItem[i]!, f, h);
        return ratio < DEBRIEF_THRESHOLDS.contraryRatio ? [{ ...f, round: r.round, ratio }] : [];
      }),
    ),
  );
  const peak = upTo.reduce(
    (best, r) => {
      const p = probabilityOf(r.differential, h);
      return p > best.p ? { round: r.round, p } : best;
    },
    { round: upTo[0]?.round ?? diagnosis.round.round, p: 0 },
  );
  const final = diagnosis.round.differential;
  const atDiagnosis = probabilityOf(final, h);
  const leader = final.find((e) => e.id !== OTHER_DIAGNOSIS) ?? final[0];
  const fell = atDiagnosis <= peak.p * DEBRIEF_THRESHOLDS.anchoringFallRatio;
  if (contrary.length < DEBRIEF_THRESHOLDS.anchoringContraryFindings || !fell || !leader || leader.id === h) return null;
  return { hypothesis: refOf(ctx.kb, final, h), peak, atDiagnosis, leader: { id: leader.id, name: leader.name, p: leader.p }, contrary };
}

/**
 * Premature closure: a knowledge-base diagnosis named while its posterior, over the evidence then
 * held, was below the confidence threshold. A diagnosis outside the knowledge base (or "no
 * disease") shares the "other" mass with every such diagnosis, so it has no posterior of its own
 * to hold against the threshold and is not judged here; the judge's score still speaks for it.
 */
export function prematureClosure(diagnosis: ClosedDiagnosis, ctx: FlagContext): PrematureClosure | null {
  const { differential, round } = diagnosis.round;
  const p = probabilityOf(differential, diagnosis.hypothesis);
  if (diagnosis.hypothesis === OTHER_DIAGNOSIS || p >= ctx.confidenceThreshold) return null;
  return { hypothesis: refOf(ctx.kb, differential, diagnosis.hypothesis), round, p, threshold: ctx.confidenceThreshold, forced: diagnosis.forced };
}

/** Can't-miss diagnoses in the case's scope, other than the truth, the path ended without excluding. */
export function cantMissOpen(final: Differential, ctx: FlagContext) {
  return final
    .filter((e) => e.id !== ctx.truth && ctx.kb.diseaseById.get(e.id)?.cant_miss === true && e.p >= ctx.cantMissThreshold)
    .map(({ id, name, p }) => ({ id, name, p }));
}

/**
 * Tests that changed nothing: ordered (and carried out) tests after which the differential's
 * entropy moved by no more than DEBRIEF_THRESHOLDS.usefulBits either way and the truth's
 * posterior by no more than usefulTruthShift. Repeats count: they teach nothing new. The case's
 * key tests do not: they are the confirmation the case asks for, even when the history had
 * already made the diagnosis likely (the engine cannot tell "likely" from "proven").
 */
export function testsThatChangedNothing(path: WalkedPath, ledger: readonly LedgerEntry[], keyTests: ReadonlySet<string>): IdleTest[] {
  return path.rounds.flatMap((r) =>
    r.items.flatMap((item) => {
      if (item.kind !== "test" || !item.testId || (keyTests.has(item.testId) && item.label === "critical")) return [];
      const truthShift = item.truthAfter - item.truthBefore;
      if (Math.abs(item.gainBits) > DEBRIEF_THRESHOLDS.usefulBits || Math.abs(truthShift) > DEBRIEF_THRESHOLDS.usefulTruthShift) return [];
      const charge = ledger.find((e) => e.kind === "test" && e.round === r.round && e.id === item.testId);
      return [{ round: r.round, testId: item.testId, name: item.testName ?? charge?.name ?? item.testId, usd: charge?.usd ?? 0, gainBits: item.gainBits, truthShift }];
    }),
  );
}
