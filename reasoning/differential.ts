import { z } from "zod";
import type { KnowledgeBase } from "../core/knowledge.js";
import { evidenceWeights } from "./finding-groups.js";
import { compareIds, type Evidence, type Scope, type ScopeModel, scopeModel } from "./scope.js";

export const DifferentialEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  p: z.number().min(0).max(1),
});
export type DifferentialEntry = z.infer<typeof DifferentialEntrySchema>;

/** Ranking order of a differential: most probable first, ties by id so it never wavers. */
export const compareEntries = (a: DifferentialEntry, b: DifferentialEntry): number =>
  b.p - a.p || compareIds(a.id, b.id);

/** Mutually exclusive hypotheses (the KB's diseases plus "other"), most probable first. */
export const DifferentialSchema = z
  .array(DifferentialEntrySchema)
  .refine((d) => d.every((e, i) => i === 0 || compareEntries(d[i - 1]!, e) <= 0), {
    message: "entries must be sorted by p (descending), ties by id",
  });
export type Differential = z.infer<typeof DifferentialSchema>;

/** Evidence ids the knowledge base does not define: the engine ignores them. */
export function unknownFindings(kb: KnowledgeBase, evidence: Evidence): string[] {
  return Object.keys(evidence)
    .filter((id) => !kb.findingById.has(id))
    .sort(compareIds);
}

/**
 * Posterior probabilities in the model's hypothesis order. Naive Bayes in log space, so long
 * evidence lists never underflow; evidence is summed in id order, so the result does not
 * depend on the order findings were learnt in. Correlated findings count with the discount
 * of their finding group.
 */
export function posteriorWeights(model: ScopeModel, evidence: Evidence): number[] {
  const logs = model.priors.map(Math.log);
  const discount = evidenceWeights(model.findingGroups ?? [], evidence);
  for (const id of Object.keys(evidence).sort(compareIds)) {
    const row = model.likelihoods(id);
    if (!row) continue;
    const present = evidence[id];
    const weight = discount.get(id) ?? 1;
    row.forEach((p, h) => {
      logs[h]! += weight * Math.log(present ? p : 1 - p);
    });
  }
  const top = Math.max(...logs);
  const weights = logs.map((l) => Math.exp(l - top));
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => w / total);
}

/**
 * The posterior over a scope's hypotheses. Every role of a round asks for it on the same
 * evidence (the generator, the chooser's and the steward's harm checks, the skeptic, the
 * chair), so each scope keeps the last one it gave: frozen, as every caller shares it.
 */
export function posterior(kb: KnowledgeBase, scope: Scope, evidence: Evidence): Differential {
  const model = scopeModel(kb, scope);
  const last = lastPosterior.get(model);
  if (last && sameEvidence(last.evidence, evidence)) return last.differential;
  const weights = posteriorWeights(model, evidence);
  const differential = Object.freeze(
    model.hypotheses.map((h, i) => Object.freeze({ id: h.id, name: h.name, p: weights[i]! })).sort(compareEntries),
  ) as Differential;
  lastPosterior.set(model, { evidence: { ...evidence }, differential });
  return differential;
}

const lastPosterior = new WeakMap<ScopeModel, { evidence: Evidence; differential: Differential }>();

/** The same findings with the same values, whatever the order they were learnt in. */
function sameEvidence(a: Evidence, b: Evidence): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((id) => a[id] === b[id]);
}
