import { describe, expect, it } from "vitest";
import { type FindingGroup, knowledgeBase } from "../../core/knowledge.js";
import { loadKnowledge } from "../../core/knowledge-loader.js";
import { posterior } from "../../reasoning/differential.js";
import { evidenceWeights } from "../../reasoning/finding-groups.js";
import { disease, finding } from "./toy.js";

const group = (independence: number): FindingGroup => ({ id: "triad", findings: ["a", "b", "c"], independence, source: "estimate: a toy group for a test" });

describe("weights of correlated findings", () => {
  it("leaves a lone member of a group, and findings outside groups, at full weight", () => {
    expect(evidenceWeights([group(0)], { a: true, z: true })).toEqual(new Map());
  });

  it("counts a fully redundant group as its average member, an independent one in full", () => {
    const evidence = { a: true, b: true, c: false };
    expect(evidenceWeights([group(0)], evidence).get("a")).toBeCloseTo(1 / 3);
    expect(evidenceWeights([group(1)], evidence).get("b")).toBeCloseTo(1);
    expect(evidenceWeights([group(0.5)], { a: true, b: true }).get("a")).toBeCloseTo(0.75);
  });

  it("takes the smaller weight for a finding in two groups", () => {
    const other: FindingGroup = { id: "pair", findings: ["a", "z"], independence: 0, source: "estimate: a toy group for a test" };
    expect(evidenceWeights([group(1), other], { a: true, b: true, z: true }).get("a")).toBeCloseTo(0.5);
  });
});

describe("a triad in the posterior", () => {
  // Disease "syndrome" shows three findings that share one mechanism; "rival" shows none.
  const findings = ["a", "b", "c"].map((id) => finding({ id, name: `Sign ${id}`, kind: "sign", question: `${id}?` }));
  const diseases = [
    disease("syndrome", ["fever"], { emergency: 0.1, clinic: 0.1 }, { a: 0.6, b: 0.6, c: 0.6 }),
    disease("rival", ["fever"], { emergency: 0.8, clinic: 0.8 }, { a: 0.1, b: 0.1, c: 0.1 }),
  ];
  const scope = { complaint: "fever", setting: "emergency" } as const;
  const triad = { a: true, b: true, c: true };
  const pOf = (groups: FindingGroup[]) =>
    posterior(knowledgeBase(diseases, findings, { leak: 0.05, otherPrior: 0.1, findingGroups: groups }), scope, triad).find((e) => e.id === "syndrome")!.p;

  it("moves the odds less than three independent findings would, and more than one", () => {
    const independent = pOf([]);
    const grouped = pOf([group(0.5)]);
    const single = posterior(knowledgeBase(diseases, findings, { leak: 0.05, otherPrior: 0.1 }), scope, { a: true }).find((e) => e.id === "syndrome")!.p;
    expect(grouped).toBeLessThan(independent);
    expect(grouped).toBeGreaterThan(single);
  });
});

describe("the bundled finding groups", () => {
  it("name known findings and carry a source", () => {
    const kb = loadKnowledge();
    expect(kb.findingGroups.length).toBeGreaterThanOrEqual(5);
    expect(kb.findingGroups.flatMap((g) => g.findings).filter((id) => !kb.findingById.has(id))).toEqual([]);
  });
});
