import { z } from "zod";
import { ComplaintSchema, SettingSchema } from "../core/complaint.js";
import { type FindingDef, type FindingGroup, type KnowledgeBase, OTHER_DIAGNOSIS } from "../core/knowledge.js";
import { unlisted } from "./likelihood.js";
import { eligible } from "../core/clinical-rules.js";
import { caseMixPriors } from "../core/case-mix.js";

/**
 * Which patients the differential is about: the presenting complaint, where they are seen, and
 * the patient's age and sex (a disease the patient cannot have is left out; unknown excludes none).
 */
export const ScopeSchema = z.object({
  complaint: ComplaintSchema,
  setting: SettingSchema,
  age: z.number().int().min(0).max(120).optional(),
  sex: z.enum(["female", "male"]).optional(),
});
export type Scope = z.infer<typeof ScopeSchema>;

/** What is known so far: finding id -> present (true) or explicitly absent (false). */
export const EvidenceSchema = z.record(z.string(), z.boolean());
export type Evidence = Readonly<z.infer<typeof EvidenceSchema>>;

export interface Hypothesis {
  readonly id: string;
  readonly name: string;
}

export const OTHER_HYPOTHESIS: Hypothesis = {
  id: OTHER_DIAGNOSIS,
  name: "Another diagnosis, outside the knowledge base",
};

/** The hypotheses in play for one scope, laid out as arrays for the arithmetic. */
export interface ScopeModel {
  /** Candidate diseases in knowledge-base order, then "other". */
  readonly hypotheses: readonly Hypothesis[];
  /** Priors, renormalised to sum to 1, in the order of `hypotheses`. */
  readonly priors: readonly number[];
  /** P(finding present | hypothesis) per hypothesis; undefined for a finding the KB lacks. */
  likelihoods(findingId: string): readonly number[] | undefined;
  /** Correlated findings, counted with a discount (finding-groups.ts); none when absent. */
  readonly findingGroups?: readonly FindingGroup[];
}

interface KnowledgeIndex {
  readonly findingsByTest: ReadonlyMap<string, readonly FindingDef[]>;
  readonly findingIdsByTest: ReadonlyMap<string, readonly string[]>;
  readonly testIds: readonly string[];
  readonly scopes: Map<string, ScopeModel>;
}

// The graph calls the engine hundreds of times per case against one knowledge base, so the
// indices are built once per kb object and dropped with it.
const indices = new WeakMap<KnowledgeBase, KnowledgeIndex>();

function indexOf(kb: KnowledgeBase): KnowledgeIndex {
  const cached = indices.get(kb);
  if (cached) return cached;
  const byTest = new Map<string, FindingDef[]>();
  for (const finding of kb.findings) {
    for (const testId of finding.tests) {
      const list = byTest.get(testId) ?? [];
      list.push(finding);
      byTest.set(testId, list);
    }
  }
  for (const list of byTest.values()) list.sort((a, b) => compareIds(a.id, b.id));
  const index: KnowledgeIndex = {
    findingsByTest: byTest,
    findingIdsByTest: new Map([...byTest].map(([testId, findings]) => [testId, findings.map((f) => f.id)])),
    testIds: [...byTest.keys()].sort(compareIds),
    scopes: new Map(),
  };
  indices.set(kb, index);
  return index;
}

/** Plain code-unit order, so results never depend on the runtime's locale. */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The findings a test's result establishes, by finding id. */
export function findingsRevealedBy(kb: KnowledgeBase, testId: string): readonly FindingDef[] {
  return indexOf(kb).findingsByTest.get(testId) ?? [];
}

/** The ids of findingsRevealedBy, in its order. */
export function findingIdsRevealedBy(kb: KnowledgeBase, testId: string): readonly string[] {
  return indexOf(kb).findingIdsByTest.get(testId) ?? [];
}

/** Every test id some finding names, sorted. */
export function revealingTestIds(kb: KnowledgeBase): readonly string[] {
  return indexOf(kb).testIds;
}

export function scopeModel(kb: KnowledgeBase, scope: Scope): ScopeModel {
  const scopes = indexOf(kb).scopes;
  const key = `${scope.complaint}/${scope.setting}/${scope.sex ?? "-"}/${scope.age ?? "-"}`;
  const cached = scopes.get(key);
  if (cached) return cached;
  const model = buildScopeModel(kb, scope);
  scopes.set(key, model);
  return model;
}

function buildScopeModel(kb: KnowledgeBase, scope: Scope): ScopeModel {
  // A disease this patient cannot have (wrong sex, outside its age range) has prior zero, so it
  // is left out of the hypotheses altogether.
  const possible = kb.diseases.filter((d) => eligible(kb.eligibility, d.id, scope));
  const presenting = possible.filter((d) => d.presentations.includes(scope.complaint));
  // A complaint no disease lists says nothing about which disease it is: keep them all.
  const diseases = presenting.length > 0 ? presenting : possible;
  // A published case mix for this complaint, setting, age and sex replaces the priors it names.
  const fromCaseMix = caseMixPriors(kb.caseMix, diseases, scope);
  const raw = [...diseases.map((d) => fromCaseMix.get(d.id) ?? d.prior[scope.setting]), kb.otherPrior];
  const total = raw.reduce((sum, p) => sum + p, 0);
  // "Other" is a disease outside the knowledge base that presents as this patient does, so it shows
  // a finding as often as the scope's diseases do on average, by prior: a finding common to the
  // complaint does not count against it, one specific to a known disease does. At the leak instead,
  // every finding a known disease explains would count against it some thirtyfold. A fact about
  // the patient (the age) is no feature of a disease: there "other" takes the finding's base rate,
  // as often as patients with the complaint have it, since the candidates' mean would hand it their
  // age profile (a knowledge base rich in diseases of later life would make it one too).
  const mixWeights = raw.slice(0, -1).map((p) => p / (total - kb.otherPrior));
  const listed = diseases.map((d) => new Map(d.findings.map((f) => [f.id, f.p])));
  const cache = new Map<string, readonly number[]>();
  return {
    hypotheses: [...diseases.map((d) => ({ id: d.id, name: d.name })), OTHER_HYPOTHESIS],
    priors: raw.map((p) => p / total),
    findingGroups: kb.findingGroups,
    likelihoods(findingId) {
      const hit = cache.get(findingId);
      if (hit) return hit;
      const finding = kb.findingById.get(findingId);
      if (!finding) return undefined;
      const fallback = unlisted(kb, findingId);
      const known = listed.map((m) => m.get(findingId) ?? fallback);
      // Summed as departures from the unlisted default, so a finding no disease here lists leaves
      // "other" exactly at that default, as alike as the diseases are.
      const mean = known.reduce((sum, p, i) => sum + (p - fallback) * mixWeights[i]!, fallback);
      const row = [...known, finding.of_patient ? fallback : mean];
      cache.set(findingId, row);
      return row;
    },
  };
}
