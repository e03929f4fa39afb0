import { type Case, caseLinks, visibleCase } from "../core/case.js";
import { scopeOfCase } from "../agents/view.js";
import type { KnowledgeBase } from "../core/knowledge.js";
import { posterior } from "../reasoning/index.js";
import type { CaseResult } from "../runs/result.js";

/**
 * Why the offline panel missed imported cases, split by where the fault lies:
 * - the case's own coded facts, all read at once, already put the diagnosis first: the workup did
 *   not reach them (the order of work, the round limit, the gatekeeper);
 * - they do not: the knowledge base or the coder lacks what tells the diagnosis apart;
 * - an abstention whose closest named diagnosis was right: the most a looser abstention rule could gain;
 * - listed results that say something (abnormal) but carry no code: a decisive result that never registers.
 */
export interface MissBreakdown {
  misses: number;
  /** Missed cases whose diagnosis is a knowledge-base disease. */
  inKb: number;
  factsPointToIt: number;
  abstainedClosestRight: number;
  abnormalResults: number;
  abnormalUncoded: number;
  /** Of those, results of a test no knowledge-base finding is revealed by. */
  uncodedNoFinding: number;
}

/** Every finding a case codes, present or absent, as if the panel had learnt all of it. */
function allEvidence(c: Case): Record<string, boolean> {
  return Object.fromEntries(caseLinks(c).map((l) => [l.id, l.present]));
}

export function missBreakdown(cases: readonly Case[], results: readonly CaseResult[], kb: KnowledgeBase): MissBreakdown {
  const byId = new Map(results.map((r) => [r.caseId, r]));
  const revealing = new Set(kb.findings.flatMap((f) => f.tests));
  const out: MissBreakdown = { misses: 0, inKb: 0, factsPointToIt: 0, abstainedClosestRight: 0, abnormalResults: 0, abnormalUncoded: 0, uncodedNoFinding: 0 };
  for (const c of cases) {
    for (const [testId, t] of Object.entries(c.tests)) {
      if (!t.abnormal) continue;
      out.abnormalResults++;
      if (t.kb.length > 0) continue;
      out.abnormalUncoded++;
      if (!revealing.has(testId)) out.uncodedNoFinding++;
    }
    const r = byId.get(c.id);
    if (!r || r.correct) continue;
    out.misses++;
    const truth = c.diagnosis.kb_id;
    if (!truth || !kb.diseaseById.has(truth)) continue;
    out.inKb++;
    if (posterior(kb, scopeOfCase(visibleCase(c)), allEvidence(c))[0]?.id === truth) out.factsPointToIt++;
    const closest = r.differentials.at(-1)?.differential.find((e) => kb.diseaseById.has(e.id));
    if (r.abstained && closest?.id === truth) out.abstainedClosestRight++;
  }
  return out;
}

export const formatMissBreakdown = (b: MissBreakdown): string[] => [
  `  of the ${b.inKb} misses whose diagnosis the knowledge base holds: ${b.factsPointToIt} have coded facts that, all read at once, rank it first (the workup did not reach them); ${b.inKb - b.factsPointToIt} do not (the knowledge base or the coder lacks what tells it apart)`,
  `  abstentions whose closest named diagnosis was right: ${b.abstainedClosestRight} (the most a looser abstention rule could gain)`,
  `  abnormal listed results with no code: ${b.abnormalUncoded} of ${b.abnormalResults}, ${b.uncodedNoFinding} of them from a test no knowledge-base finding is revealed by`,
];
