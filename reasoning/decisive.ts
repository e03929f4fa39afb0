import type { KnowledgeBase } from "../core/knowledge.js";
import type { Evidence } from "./scope.js";

/** A revealed finding the diagnosis lists as rarer than this contradicts it (an estimate: 1 in 20);
 *  a finding it does not list is no contradiction (the knowledge base is silent on it). */
export const CONTRADICTS_BELOW = 0.05;

/**
 * The diagnosis a revealed decisive finding settles (decisive.yaml), unless another finding
 * revealed present contradicts it; the first in the file's order when several do. Null otherwise.
 */
export function settledBy(kb: KnowledgeBase, evidence: Evidence, possible: ReadonlySet<string>): { disease: string; finding: string } | null {
  for (const d of kb.decisive) {
    if (evidence[d.finding] !== true || !possible.has(d.disease)) continue;
    const contradicted = Object.entries(evidence).some(([id, present]) => present && id !== d.finding && listed(kb, d.disease, id) < CONTRADICTS_BELOW);
    if (!contradicted) return { disease: d.disease, finding: d.finding };
  }
  return null;
}

const listed = (kb: KnowledgeBase, diseaseId: string, findingId: string): number =>
  kb.diseaseById.get(diseaseId)?.findings.find((l) => l.id === findingId)?.p ?? 1;
