import { describe, expect, it } from "vitest";
import { loadBundledCases } from "../../core/case-loader.js";
import { loadKnowledge } from "../../core/knowledge-loader.js";
import { checkManagement, DiseaseManagementSchema, managementElements } from "../../core/management.js";
import { isEstimate } from "../../core/source.js";

describe("guideline management in the knowledge base", () => {
  const kb = loadKnowledge();
  const { cases } = loadBundledCases();

  it("covers the diagnosis of every bundled case", () => {
    const missing = cases.map((c) => c.case.diagnosis.kb_id).filter((id) => id && !kb.management.has(id));
    expect(missing).toEqual([]);
  });

  it("gives every element a guideline source, never an estimate", () => {
    const elements = [...kb.management.values()].flatMap(managementElements);
    expect(elements.length).toBeGreaterThan(kb.management.size * 3);
    expect(elements.filter((e) => isEstimate(e.source) || !/\b(19|20)\d\d\b/.test(e.source))).toEqual([]);
  });

  it("every bundled case carries a sourced reference plan", () => {
    expect(cases.filter((c) => !c.case.management).map((c) => c.case.id)).toEqual([]);
  });

  it("flags an unknown disease, a second entry and an estimate", () => {
    const entry = DiseaseManagementSchema.parse({ disease: "gout", source: "estimate: a guess", first_line: [{ text: "colchicine" }], disposition: { text: "home" } });
    const problems = checkManagement(
      [
        { entry, file: "m.yaml", index: 0 },
        { entry, file: "m.yaml", index: 1 },
        { entry: { ...entry, disease: "dragon_pox" }, file: "m.yaml", index: 2 },
      ],
      new Set(["gout"]),
    );
    expect(problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/not an estimate/), expect.stringMatching(/management twice/), expect.stringMatching(/unknown disease "dragon_pox"/)]),
    );
  });
});
