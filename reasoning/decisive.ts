import type { KnowledgeBase } from "../core/knowledge.js";
import { compareEntries, type Differential } from "./differential.js";
import type { Evidence } from "./scope.js";

/** A revealed finding the diagnosis lists as rarer than this contradicts it (an estimate: 1 in 20);
 *  a finding it does not list is no contradiction (the knowledge base is silent on it). */
export const CONTRADICTS_BELOW = 0.05;

/**
 * The diagnosis a revealed decisive finding settles (decisive.yaml), unless another finding
 * revealed present contradicts it. Decisive findings of two different diseases revealed together
 * (urate crystals and organisms in one joint fluid) settle neither: each is evidence against the
 * other diagnosis being the whole story, so the posterior and its thresholds decide. Null otherwise.
 */
export function settledBy(kb: KnowledgeBase, evidence: Evidence, possible: ReadonlySet<string>): { disease: string; finding: string } | null {
  const revealed = kb.decisive.filter((d) => evidence[d.finding] === true && possible.has(d.disease));
  if (new Set(revealed.map((d) => d.disease)).size > 1) return null;
  for (const d of revealed) {
    const contradicted = Object.entries(evidence).some(([id, present]) => present && id !== d.finding && listed(kb, d.disease, id) < CONTRADICTS_BELOW);
    if (!contradicted) return { disease: d.disease, finding: d.finding };
  }
  return null;
}

const listed = (kb: KnowledgeBase, diseaseId: string, findingId: string): number =>
  kb.diseaseById.get(diseaseId)?.findings.find((l) => l.id === findingId)?.p ?? 1;

/**
 * The differential once a decisive finding has settled its diagnosis. A disease that does not
 * list a finding shows it at the knowledge base's leak, an estimate for a stray finding (3%);
 * a decisive finding's source says its specificity makes the diagnosis, so it does not stray:
 * diseases that do not list it (and "outside the knowledge base") drop out and the rest are
 * renormalised. A finding with a cited base rate (the false-positive rate its paper reports)
 * already carries its own number and is left to the posterior.
 */
export function settledDifferential(kb: KnowledgeBase, differential: Differential, finding: string): Differential {
  if (kb.findingById.get(finding)?.base_rate !== undefined) return differential;
  const shows = differential.filter((e) => kb.diseaseById.get(e.id)?.findings.some((l) => l.id === finding));
  const total = shows.reduce((sum, e) => sum + e.p, 0);
  if (total <= 0) return differential;
  return shows.map((e) => ({ ...e, p: e.p / total })).sort(compareEntries);
}
