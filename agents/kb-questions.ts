import { likelihood } from "../reasoning/likelihood.js";
import type { KnowledgeBase } from "../core/knowledge.js";
import { type PanelView, askedQuestions, normaliseQuestion } from "./view.js";

/** Knowledge-base findings whose question the panel has already put to the gatekeeper. */
export function askedFindingIds(view: PanelView, kb: KnowledgeBase): Set<string> {
  const asked = askedQuestions(view);
  return new Set(
    kb.findings.filter((f) => f.question && asked.has(normaliseQuestion(f.question))).map((f) => f.id),
  );
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
