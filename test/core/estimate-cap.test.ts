import { describe, expect, it } from "vitest";
import { ESTIMATE_LR_CAP, capEstimates, capLikelihood } from "../../core/estimate-cap.js";
import { DiseaseSchema, FindingDefSchema } from "../../core/knowledge.js";
import { loadKnowledge } from "../../core/knowledge-loader.js";
import { isEstimate } from "../../core/source.js";
import { likelihoodRatios } from "../../core/sourcing-report.js";

const finding = FindingDefSchema.parse({ id: "sign", name: "A sign", kind: "sign", question: "Sign?", topics: ["sign"] });
const disease = (p: number, source: string) =>
  DiseaseSchema.parse({
    id: "d",
    name: "Disease d",
    icd10: "R69",
    presentations: ["fever"],
    prior: { emergency: 0.1, clinic: 0.1, source: "estimate: a toy prior for a test" },
    cant_miss: false,
    findings: [{ id: "sign", p, source }],
  });

describe("capping an estimate", () => {
  it("keeps its likelihood ratio against the unlisted default within 1/5 and 5, present and absent", () => {
    for (const u of [0.01, 0.03, 0.15, 0.5]) {
      for (const p of [0.001, 0.02, 0.1, 0.5, 0.9, 0.999]) {
        const { present, absent } = likelihoodRatios(capLikelihood(p, u), u);
        expect(present).toBeLessThanOrEqual(ESTIMATE_LR_CAP + 1e-9);
        expect(present).toBeGreaterThanOrEqual(1 / ESTIMATE_LR_CAP - 1e-9);
        expect(absent).toBeLessThanOrEqual(ESTIMATE_LR_CAP + 1e-9);
        expect(absent).toBeGreaterThanOrEqual(1 / ESTIMATE_LR_CAP - 1e-9);
      }
    }
  });

  it("leaves a number already inside the bounds alone", () => {
    expect(capLikelihood(0.1, 0.03)).toBe(0.1);
    expect(capLikelihood(0.9, 0.03)).toBeCloseTo(0.15);
  });

  it("caps estimates but keeps the value a cited paper reports", () => {
    const findings = new Map([["sign", finding]]);
    const estimated = capEstimates([disease(0.9, "estimate: how often the sign is seen")], findings, 0.03);
    expect(estimated.diseases[0]!.findings[0]!.p).toBeCloseTo(0.15);
    expect(estimated.capped).toEqual([{ disease: "d", finding: "sign", stated: 0.9, used: expect.closeTo(0.15) }]);
    const cited = capEstimates([disease(0.9, "Author A et al. Journal 2001;1:1")], findings, 0.03);
    expect(cited.diseases[0]!.findings[0]!.p).toBe(0.9);
    expect(cited.capped).toEqual([]);
  });
});

describe("the loaded knowledge base", () => {
  it("gives the engine no estimate whose ratio exceeds the cap", () => {
    const kb = loadKnowledge();
    const over = kb.diseases.flatMap((d) =>
      d.findings
        .filter((l) => isEstimate(l.source))
        .filter((l) => {
          const u = kb.findingById.get(l.id)?.base_rate ?? kb.leak;
          const { present, absent } = likelihoodRatios(l.p, u);
          return Math.max(present, absent, 1 / present, 1 / absent) > ESTIMATE_LR_CAP + 1e-9;
        })
        .map((l) => `${d.id}:${l.id}`),
    );
    expect(over).toEqual([]);
    expect(kb.capped.length).toBeGreaterThan(0);
  });
});
