import { likelihood } from "../reasoning/likelihood.js";
import type { KnowledgeBase } from "../core/knowledge.js";
import { type PanelView, askedQuestions, normaliseQuestion } from "./view.js";

/** Each knowledge base's findings by their normalised question, built once per knowledge base. */
const byQuestion = new WeakMap<KnowledgeBase, Map<string, string[]>>();

function findingsByQuestion(kb: KnowledgeBase): Map<string, string[]> {
  let index = byQuestion.get(kb);
  if (!index) {
    index = new Map();
    for (const f of kb.findings) {
      if (!f.question) continue;
      const q = normaliseQuestion(f.question);
      index.set(q, [...(index.get(q) ?? []), f.id]);
    }
    byQuestion.set(kb, index);
  }
  return index;
}

/**
 * Knowledge-base findings the panel need not ask about: those whose question it has already put
 * to the gatekeeper, and the symptom the presenting complaint itself states.
 */
export function answeredFindingIds(view: PanelView, kb: KnowledgeBase): Set<string> {
  const index = findingsByQuestion(kb);
  const stated = kb.complaintFindings.filter((c) => c.complaint === view.visible.complaint).map((c) => c.finding);
  return new Set([...[...askedQuestions(view)].flatMap((q) => index.get(q) ?? []), ...stated]);
}

/** Hypotheses (of the ones given) on which a finding's likelihood differs the most. */
export function separatedBy(kb: KnowledgeBase, findingIds: readonly string[], hypotheses: readonly string[]): string[] {
  let best: { spread: number; ids: string[] } = { spread: 0, ids: [] };
  for (const f of findingIds) {
    const ps = hypotheses.map((d) => likelihood(kb, d, f));
    const hi = Math.max(...ps);
    const lo = Math.min(...ps);
    if (hi - lo > best.spread) {
      best = { spread: hi - lo, ids: [hypotheses[ps.indexOf(hi)]!, hypotheses[ps.indexOf(lo)]!] };
    }
  }
  return [...new Set(best.ids)];
}
