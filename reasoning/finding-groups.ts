import type { FindingGroup } from "../core/knowledge.js";
import type { Evidence } from "./scope.js";

/**
 * How much each known finding counts, between 0 and 1, so that correlated findings (the
 * knowledge base's finding groups) are not multiplied as if independent. When k members of a
 * group are known, present or absent, each counts (1 + (k - 1) * independence) / k of its own
 * log-likelihood: a group of one counts in full, a fully redundant group (independence 0)
 * counts as its average member. A finding in two groups takes the smaller weight. Findings
 * not listed here count in full.
 */
export function evidenceWeights(groups: readonly FindingGroup[], evidence: Evidence): ReadonlyMap<string, number> {
  const weights = new Map<string, number>();
  for (const group of groups) {
    const known = group.findings.filter((id) => id in evidence);
    if (known.length < 2) continue;
    const weight = (1 + (known.length - 1) * group.independence) / known.length;
    for (const id of known) weights.set(id, Math.min(weight, weights.get(id) ?? 1));
  }
  return weights;
}
