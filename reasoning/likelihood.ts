import { defaultLikelihood } from "../core/estimate-cap.js";
import type { KnowledgeBase } from "../core/knowledge.js";

/**
 * P(finding present | disease). A disease that does not list a finding shows it at the
 * finding's base rate in patients at large when the knowledge base gives one (a fever is
 * common whatever the cause), else at the knowledge base's small leak probability.
 */
export function likelihood(kb: KnowledgeBase, diseaseId: string, findingId: string): number {
  const listed = kb.diseaseById.get(diseaseId)?.findings.find((l) => l.id === findingId)?.p;
  return listed ?? unlisted(kb, findingId);
}

export const unlisted = (kb: KnowledgeBase, findingId: string): number => defaultLikelihood(kb.findingById.get(findingId), kb.leak);
