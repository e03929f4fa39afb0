import type { CaseResult } from "./result.js";

/**
 * What a run must say about itself beside its figures: that the models it was given never
 * answered, or that its repeats were copies of one another and so not independent samples.
 */

/** Model calls over the results, and how many of them fell back to the offline brain. */
export function modelCalls(results: readonly CaseResult[]): { total: number; failed: number } {
  const calls = results.flatMap((r) => r.llm?.calls ?? []);
  return { total: calls.length, failed: calls.filter((c) => c.fallback !== undefined).length };
}

/** "all 48 model calls failed; the offline brain answered every role", or null when some answered. */
export function allModelCallsFailed(results: readonly CaseResult[]): string | null {
  const { total, failed } = modelCalls(results);
  return total > 0 && failed === total ? `all ${total} model call${total === 1 ? "" : "s"} failed; the offline brain answered every role` : null;
}

/** What a repeat did that another repeat of the same case must match for the two to be copies. */
const course = (r: CaseResult): string => JSON.stringify([r.diagnosis?.name ?? null, r.score, r.costUsd, r.rounds, r.trail.map((t) => t.action)]);

/**
 * True when every case ran more than once and each repeat took exactly the same course as the
 * first (the deterministic offline brain always does): counting them would be counting one
 * run several times.
 */
export function repeatsIdentical(results: readonly CaseResult[]): boolean {
  const byCase = new Map<string, CaseResult[]>();
  for (const r of results) byCase.set(`${r.file}\u0000${r.caseId}`, [...(byCase.get(`${r.file}\u0000${r.caseId}`) ?? []), r]);
  const groups = [...byCase.values()];
  return groups.length > 0 && groups.every((g) => g.length > 1 && g.every((r) => course(r) === course(g[0]!)));
}
