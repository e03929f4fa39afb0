import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AGENTCLINIC_MEDQA, benchDiagnosisCoverage, diagnosisCoverage } from "../../bench/agentclinic-coverage.js";
import { loadCatalog } from "../../core/catalog-loader.js";
import { diseaseNamed } from "../../core/disease-names.js";
import { DiseaseSchema, knowledgeBase } from "../../core/knowledge.js";
import { loadKnowledge } from "../../core/knowledge-loader.js";

const disease = (id: string, name: string, synonyms: string[] = []) =>
  DiseaseSchema.parse({
    id,
    name,
    icd10: "R69",
    synonyms,
    presentations: ["fatigue"],
    prior: { emergency: 0.1, clinic: 0.1, source: "estimate: a toy prior for a test" },
    cant_miss: false,
    findings: [{ id: "fatigue", p: 0.5, source: "estimate: a toy number for a test" }],
  });
const mini = knowledgeBase([disease("mg", "Myasthenia gravis"), disease("aml", "Acute myeloid leukaemia", ["AML", "acute myelogenous leukemia"])], [], { leak: 0.03, otherPrior: 0.1 });

describe("the disease a diagnosis names", () => {
  it("matches names and synonyms whatever the case, accents, bracketed abbreviation or spelling", () => {
    expect(diseaseNamed(mini, ["MYASTHENIA GRAVIS"])?.id).toBe("mg");
    expect(diseaseNamed(mini, ["Acute myelogenous leukaemia (AML)"])?.id).toBe("aml");
    expect(diseaseNamed(mini, ["x", "AML"])?.id).toBe("aml");
  });

  it("does not take a relative for the disease", () => {
    expect(diseaseNamed(mini, ["Ocular myasthenia"])).toBeUndefined();
    expect(diseaseNamed(mini, ["Chronic myeloid leukaemia"])).toBeUndefined();
  });
});

describe("AgentClinic diagnosis coverage", () => {
  // Records 1, 41 and 70 of agentclinic_medqa.jsonl (MIT, see the fixture's README) and a broken line.
  const sample = readFileSync(join(import.meta.dirname, "../fixtures/agentclinic-sample.jsonl"), "utf8");

  it("counts the imported cases whose diagnosis the knowledge base holds", () => {
    const coverage = diagnosisCoverage(sample, mini, loadCatalog());
    expect(coverage).toEqual({ cases: 3, mapped: 1, share: 1 / 3, unmapped: ["Dumping Syndrome", "Medullary Sponge Kidney"] });
  });

  it("says it skipped when the reference file is absent", () => {
    expect(benchDiagnosisCoverage(mini, loadCatalog(), "/nonexistent/agentclinic.jsonl")[0]).toMatch(/skipped, .* is absent/);
  });

  it.skipIf(!existsSync(AGENTCLINIC_MEDQA))(`prints a share for the whole file (skipped when ${AGENTCLINIC_MEDQA} is absent)`, () => {
    expect(benchDiagnosisCoverage(loadKnowledge(), loadCatalog())[0]).toMatch(/\d+ of 107 cases/);
  });
});
