import { describe, expect, it } from "vitest";
import { DiseaseSchema, FindingDefSchema, knowledgeBase } from "../../core/knowledge.js";
import { loadKnowledge } from "../../core/knowledge-loader.js";
import { isDecisive, sourcingReport } from "../../core/sourcing-report.js";

const finding = (id: string) => FindingDefSchema.parse({ id, name: `Sign ${id}`, kind: "sign", question: `${id}?`, topics: [id] });

describe("the sourcing report", () => {
  it("calls a number decisive when it moves the odds more than twofold, present or absent", () => {
    expect(isDecisive(0.05, 0.03)).toBe(false);
    expect(isDecisive(0.07, 0.03)).toBe(true);
    expect(isDecisive(0.01, 0.03)).toBe(true);
    expect(isDecisive(0.3, 0.6)).toBe(false);
    expect(isDecisive(0.8, 0.5)).toBe(true); // absent: 0.2 / 0.5 = 0.4, under 1/2
    expect(isDecisive(0.7, 0.5)).toBe(false);
  });

  it("counts cited decisive numbers and leaves estimates out", () => {
    const d = DiseaseSchema.parse({
      id: "d",
      name: "Disease d",
      icd10: "R69",
      presentations: ["fever"],
      prior: { emergency: 0.1, clinic: 0.1, source: "estimate: a toy prior for a test" },
      cant_miss: false,
      findings: [
        { id: "a", p: 0.6, source: "Author A et al. Journal 2001;1:1" },
        { id: "b", p: 0.6, source: "estimate: how often b is seen in d" },
        { id: "c", p: 0.04, source: "estimate: how often c is seen in d" },
      ],
    });
    const report = sourcingReport(knowledgeBase([d], ["a", "b", "c"].map(finding), { leak: 0.03, otherPrior: 0.1 }));
    expect(report).toEqual({ likelihoods: 3, decisive: 2, cited: 1, citedShare: 0.5 });
  });

  it("reports the bundled knowledge base", () => {
    const report = sourcingReport(loadKnowledge());
    expect(report.decisive).toBeGreaterThan(0);
    expect(report.cited).toBeLessThanOrEqual(report.decisive);
  });
});
