import type { Catalog, CatalogTest } from "../../core/catalog.js";
import type { Complaint } from "../../core/complaint.js";
import {
  type Disease,
  DiseaseSchema,
  type FindingDef,
  FindingDefSchema,
  type KnowledgeBase,
  knowledgeBase,
} from "../../core/knowledge.js";

const SOURCE = "estimate: toy number for an engine test";

type FindingSpec = Pick<FindingDef, "id" | "kind"> & Partial<Omit<FindingDef, "id" | "kind">>;

export const finding = (spec: FindingSpec): FindingDef =>
  FindingDefSchema.parse({ name: spec.id, topics: [spec.id], ...spec });

export const disease = (
  id: string,
  presentations: Complaint[],
  prior: { emergency: number; clinic: number },
  likelihoods: Record<string, number>,
): Disease =>
  DiseaseSchema.parse({
    id,
    name: `Disease ${id}`,
    icd10: "R69",
    presentations,
    prior: { ...prior, source: SOURCE },
    cant_miss: false,
    findings: Object.entries(likelihoods).map(([fid, p]) => ({ id: fid, p, source: SOURCE })),
  });

export function catalog(prices: Record<string, number>, visitFeeUsd = 300): Catalog {
  const tests: CatalogTest[] = Object.entries(prices).map(([id, price_usd]) => ({
    id,
    name: `Test ${id}`,
    synonyms: [],
    category: "lab",
    code: "00000",
    price_usd,
    price_source: SOURCE,
    normal_result: "normal",
  }));
  return { tests, byId: new Map(tests.map((t) => [t.id, t])), visitFeeUsd, visitFeeSource: SOURCE };
}

/*
 * The hand-computed toy: three diseases, three findings, leak 0.05, "other" prior 0.05.
 *
 * Priors (fever, emergency): alpha 0.20, beta 0.15, gamma 0.10, other 0.05; sum 0.50, so
 * renormalised 0.4, 0.3, 0.2, 0.1.
 *
 * P(finding | hypothesis)      alpha  beta  gamma  other
 *   f1 symptom (question)      0.90   0.20  0.30+  0.5333#
 *   f2 sign (question, panel)  0.10   0.70  0.50   0.3889#
 *   f3 test (t1, panel)        0.05*  0.40  0.80   0.3333#
 * Not listed: + f1's base_rate (0.30), * the leak (f2 and f3 give no base_rate).
 * # "Other" in fever (emergency): the diseases' mean by prior 4/9, 3/9, 2/9 (0.48, 0.35, 0.30 over 0.9).
 */
export const toyFindings = [
  finding({ id: "f1", kind: "symptom", question: "Any f1?", base_rate: 0.3 }),
  finding({ id: "f2", kind: "sign", question: "Is f2 on examination?", tests: ["panel"] }),
  finding({ id: "f3", kind: "test", tests: ["t1", "panel"] }),
];

export const toyDiseases: [Disease, ...Disease[]] = [
  disease("alpha", ["fever"], { emergency: 0.2, clinic: 0.1 }, { f1: 0.9, f2: 0.1 }),
  disease("beta", ["fever", "cough"], { emergency: 0.15, clinic: 0.1 }, { f1: 0.2, f2: 0.7, f3: 0.4 }),
  disease("gamma", ["fever", "rash"], { emergency: 0.1, clinic: 0.25 }, { f2: 0.5, f3: 0.8 }),
];

/** The toy with more findings or diseases; `alpha` adds likelihoods to alpha, priors untouched. */
export function toyKb(
  extra: { findings?: FindingDef[]; diseases?: Disease[]; alpha?: Record<string, number> } = {},
): KnowledgeBase {
  const [alpha, ...rest] = toyDiseases;
  const alphaMore = Object.entries(extra.alpha ?? {}).map(([id, p]) => ({ id, p, source: SOURCE }));
  const diseases = [{ ...alpha, findings: [...alpha.findings, ...alphaMore] }, ...rest, ...(extra.diseases ?? [])];
  return knowledgeBase(diseases, [...toyFindings, ...(extra.findings ?? [])], { leak: 0.05, otherPrior: 0.05 });
}

export const FEVER_ED = { complaint: "fever", setting: "emergency" } as const;
