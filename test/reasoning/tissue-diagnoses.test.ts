import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../core/knowledge-loader.js";
import { isEstimate } from "../../core/source.js";
import { settledBy } from "../../reasoning/decisive.js";
import { posterior } from "../../reasoning/differential.js";
import type { Evidence, Scope } from "../../reasoning/scope.js";

// Constructed patients, not bundled or imported cases: what the knowledge base's cited hallmarks
// and tissue diagnoses do for the rarer diseases real case collections need.
const kb = loadKnowledge();
const possible = new Set(kb.diseases.map((d) => d.id));
const top = (scope: Scope, evidence: Evidence) => posterior(kb, scope, evidence)[0]!;

describe("a cited hallmark lifts the estimate cap", () => {
  it("a defining finding with a citation keeps its stated likelihood; an estimate is capped at five times the default", () => {
    const jaundice = kb.diseaseById.get("physiological_neonatal_jaundice")!.findings.find((f) => f.id === "jaundice")!;
    expect(isEstimate(jaundice.source)).toBe(false);
    expect(jaundice.p).toBe(0.99);
    // Any estimate stated above five times its default is used at the cap, and is an estimate.
    const capped = kb.capped.find((c) => c.used < c.stated);
    expect(capped).toBeDefined();
    const used = kb.diseaseById.get(capped!.disease)!.findings.find((f) => f.id === capped!.finding)!;
    expect(isEstimate(used.source)).toBe(true);
    expect(used.p).toBe(capped!.used);
  });

  it("a jaundiced newborn seen for a complaint outside the named categories is most likely physiological jaundice", () => {
    const lead = top({ complaint: "other", setting: "clinic", age: 0, sex: "female" }, { newborn: true, jaundice: true, jaundice_beyond_first_week: false });
    expect(lead.id).toBe("physiological_neonatal_jaundice");
    expect(lead.p).toBeGreaterThan(0.5);
  });

  it("ptosis, diplopia and acetylcholine-receptor antibodies make myasthenia the leader of a focal-weakness differential", () => {
    const lead = top({ complaint: "focal_weakness", setting: "clinic", age: 35, sex: "female" }, { ptosis: true, diplopia: true, achr_antibodies_positive: true });
    expect(lead.id).toBe("myasthenia_gravis");
  });
});

describe("a tissue diagnosis settles the case", () => {
  const cases: [string, string][] = [
    ["atypical_melanocytes_on_biopsy", "malignant_melanoma"],
    ["intercellular_igg_on_dif", "pemphigus_vulgaris"],
    ["marrow_blasts", "acute_leukaemia"],
    ["aganglionosis_on_biopsy", "hirschsprung_disease"],
    ["lymphoma_on_node_biopsy", "lymphoma"],
  ];
  for (const [finding, disease] of cases) {
    it(`${finding} settles ${disease}, and its disease lists it with a citation`, () => {
      expect(settledBy(kb, { [finding]: true }, possible)).toEqual({ disease, finding });
      const link = kb.diseaseById.get(disease)!.findings.find((f) => f.id === finding);
      expect(link && !isEstimate(link.source)).toBe(true);
    });
  }

  it("two tissue diagnoses of different diseases revealed together settle neither", () => {
    expect(settledBy(kb, { atypical_melanocytes_on_biopsy: true, intercellular_igg_on_dif: true }, possible)).toBeNull();
  });
});
