import type { Case } from "../core/case.js";
import type { CaseScript } from "../core/script.js";
import type { LedgerEntry } from "../core/ledger.js";
import type { Knowledge } from "../agents/view.js";
import { createOracle } from "../graph/oracle.js";
import { playHeadless } from "../graph/headless.js";
import type { SessionSettings } from "../core/settings.js";
import { type CaseResult, caseResult } from "./result.js";
import { scriptedReviewer } from "../graph/scripted.js";

/**
 * The members of the ensemble: the full panel run independently at three levels of caution
 * (MAI-DxO's ensemble runs several panels, then a final vote). The settings are our choice.
 */
const MEMBERS: readonly Partial<SessionSettings>[] = [
  { confidenceThreshold: 0.8 },
  { confidenceThreshold: 0.85 },
  { confidenceThreshold: 0.9, debateTurns: 2 },
];

/**
 * Runs the members, then votes: the diagnosis most members gave (ties: the one given by the
 * most confident member, then the first). Its cost counts every distinct test ordered across
 * members once, and the visits of the member that made the most.
 */
export async function runEnsemble(
  caseFile: Case,
  knowledge: Knowledge,
  settings: Partial<SessionSettings>,
  script: CaseScript | undefined,
  meta: { file?: string; run: number; oracleCostUsd: number },
): Promise<CaseResult> {
  const members: CaseResult[] = [];
  for (const member of MEMBERS) {
    const values = await playHeadless({ caseFile, knowledge, settings: { ...settings, ...member, variant: "full" } }, scriptedReviewer(script));
    members.push(caseResult(caseFile, values, meta));
  }
  const key = (r: CaseResult) => (r.diagnosis?.kbId ?? r.diagnosis?.name ?? "").toLowerCase();
  const votes = new Map<string, number>();
  for (const r of members) votes.set(key(r), (votes.get(key(r)) ?? 0) + 1);
  const top = Math.max(...votes.values());
  const winner = members.find((r) => votes.get(key(r)) === top)!;

  const tests = new Map<string, LedgerEntry>();
  for (const r of members) for (const e of r.ledger.entries) if (e.kind === "test" && !tests.has(e.id)) tests.set(e.id, e);
  const mostVisits = members.reduce((a, b) => (b.visits > a.visits ? b : a));
  const entries = [...mostVisits.ledger.entries.filter((e) => e.kind === "visit"), ...tests.values()];
  const costUsd = Math.round(entries.reduce((sum, e) => sum + e.usd * 100, 0)) / 100;
  const verdict = winner.diagnosis ? await createOracle(caseFile, knowledge).judge(winner.diagnosis) : winner.verdict;
  return {
    ...winner,
    variant: "ensemble",
    verdict,
    score: verdict.score,
    correct: verdict.correct,
    costUsd,
    visits: mostVisits.visits,
    ledger: { ...winner.ledger, entries },
  };
}
