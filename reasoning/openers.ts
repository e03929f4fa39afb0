import type { KnowledgeBase } from "../core/knowledge.js";
import { posterior, posteriorWeights } from "./differential.js";
import { compareIds, type Evidence, type Scope, scopeModel } from "./scope.js";

/**
 * How far below its threshold a can't-miss diagnosis may sit and still be opened: within a tenth
 * of it, so one answer with a likelihood ratio of about 10 or less (a strong risk factor) can
 * lift it (an estimate; Jaeschke R et al. JAMA 1994;271:703 call ratios over 10 large).
 */
export const OPENER_REACH = 0.1;

/** A can't-miss diagnosis below its testing threshold, and the questions one "yes" to which would lift it above. */
export interface Opener {
  diseaseId: string;
  /** Its posterior now. */
  p: number;
  /** Finding ids, the highest lift first, each with the posterior a "yes" would give. */
  questions: { findingId: string; p: number }[];
}

/**
 * Pauker and Kassirer's threshold approach (N Engl J Med 1980;302:1109): information is worth
 * gathering when a result could carry a probability across a threshold. A can't-miss diagnosis
 * below its testing threshold on the story told so far is not yet worth a test, but when one
 * "yes" to a question not yet asked (a plaster cast, a swollen calf) would lift it above that
 * threshold, the answer decides whether it must be tested for, so it is asked before the leader
 * is named. Returns the most probable such diagnosis with its opening questions, or null.
 *
 * `questions`: finding ids of the questions still open to the panel; `leaderId` is never a rival.
 */
export function canOpen(kb: KnowledgeBase, scope: Scope, evidence: Evidence, questions: readonly string[], leaderId: string, threshold: number): Opener | null {
  // Only the most probable can't-miss diagnosis below the threshold, and only within reach of it:
  // otherwise every history would go on to the next rarer diagnosis, round after round. The
  // differential is the one every role of the round reads (kept per scope), most probable first.
  const target = posterior(kb, scope, evidence).find((e) => e.id !== leaderId && kb.diseaseById.get(e.id)?.cant_miss && e.p < threshold && e.p >= threshold * OPENER_REACH);
  if (!target) return null;
  const model = scopeModel(kb, scope);
  const index = model.hypotheses.findIndex((h) => h.id === target.id);
  // Only a finding the diagnosis lists can lift it; the rest are not worked out.
  const listed = new Set(kb.diseaseById.get(target.id)!.findings.map((l) => l.id));
  const lifting = questions
    .flatMap((findingId) => {
      if (!listed.has(findingId) || evidence[findingId] !== undefined) return [];
      const p = posteriorWeights(model, { ...evidence, [findingId]: true })[index]!;
      return p >= threshold ? [{ findingId, p }] : [];
    })
    .sort((a, b) => b.p - a.p || compareIds(a.findingId, b.findingId));
  return lifting.length > 0 ? { diseaseId: target.id, p: target.p, questions: lifting } : null;
}
