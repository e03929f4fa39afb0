import { defaultLikelihood } from "./estimate-cap.js";
import type { KnowledgeBase } from "./knowledge.js";
import { isCitation } from "./source-quality.js";

/** A likelihood ratio beyond this factor (or under its inverse) moves a posterior more than twofold. */
export const DECISIVE_LR = 2;

/** How well the knowledge base's likelihoods are sourced, as `dxsim validate` prints it. */
export interface SourcingReport {
  /** Every disease-finding likelihood. */
  likelihoods: number;
  /** Those whose ratio against the unlisted default, present or absent, exceeds DECISIVE_LR. */
  decisive: number;
  /** Decisive ones carrying a citation rather than an estimate. */
  cited: number;
  /** cited / decisive, 0 when nothing is decisive. */
  citedShare: number;
}

/** Likelihood ratios of p against the unlisted default u: present and absent. */
export const likelihoodRatios = (p: number, u: number): { present: number; absent: number } => ({
  present: p / u,
  absent: (1 - p) / (1 - u),
});

export const isDecisive = (p: number, u: number): boolean => {
  const { present, absent } = likelihoodRatios(p, u);
  return [present, absent].some((lr) => lr > DECISIVE_LR || lr < 1 / DECISIVE_LR);
};

export function sourcingReport(kb: KnowledgeBase): SourcingReport {
  let likelihoods = 0;
  let decisive = 0;
  let cited = 0;
  for (const d of kb.diseases) {
    for (const l of d.findings) {
      likelihoods += 1;
      if (!isDecisive(l.p, defaultLikelihood(kb.findingById.get(l.id), kb.leak))) continue;
      decisive += 1;
      if (isCitation(l.source)) cited += 1;
    }
  }
  return { likelihoods, decisive, cited, citedShare: decisive === 0 ? 0 : cited / decisive };
}
