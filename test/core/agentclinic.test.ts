import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Case, CaseSchema } from "../../core/case.js";
import { diagnosisPhrases, namedIn } from "../../core/case-lint.js";
import { checkCase } from "../../core/case-loader.js";
import { type Catalog, CatalogTestSchema } from "../../core/catalog.js";
import { loadCatalog } from "../../core/catalog-loader.js";
import { AgentClinicRecordError, convertAgentClinicRecord, importAgentClinic, looksAbnormal } from "../../core/import/agentclinic.js";
import { complaintOf } from "../../core/complaint.js";
import { AGENTCLINIC_FILE } from "../../bench/orders.js";

const sample = readFileSync(join(import.meta.dirname, "../fixtures/agentclinic-sample.jsonl"), "utf8");

/** A few tests under their plain names, so that the mapping below does not hang on the bundled catalog's wording. */
const tests = [
  ["cbc", "Complete blood count", ["CBC"]],
  ["urinalysis", "Urinalysis", []],
  ["glucose", "Glucose", ["blood glucose"]],
  ["ct_chest", "CT chest", ["chest CT"]],
].map(([id, name, synonyms]) =>
  CatalogTestSchema.parse({ id, name, synonyms, category: "lab", code: "00000", price_usd: 10, price_source: "estimate for tests", normal_result: "Normal." }),
);
const catalog: Catalog = { tests, byId: new Map(tests.map((t) => [t.id, t])), visitFeeUsd: 300, visitFeeSource: "estimate for tests" };

const leaksDiagnosis = (c: Case) =>
  namedIn(`${c.presentation.chief_complaint} ${c.presentation.narrative}`, diagnosisPhrases([c.diagnosis.name, ...c.diagnosis.synonyms]));

describe("AgentClinic import", () => {
  const { cases, skipped } = importAgentClinic(sample, { catalog });

  it("imports the good records and reports the malformed one by its line", () => {
    expect(cases.map((c) => [c.line, c.case.id, c.case.title])).toEqual([
      [1, "agentclinic-medqa-001", "AgentClinic MedQA case 001"],
      [2, "agentclinic-medqa-002", "AgentClinic MedQA case 002"],
      [4, "agentclinic-medqa-004", "AgentClinic MedQA case 004"],
    ]);
    expect(skipped).toEqual([{ line: 3, reason: expect.stringMatching(/^invalid JSON/) }]);
  });

  it("produces cases that pass the schema and the case checks", () => {
    for (const { case: c } of cases) {
      expect(CaseSchema.parse(c)).toEqual(c);
      expect(checkCase(`${c.id}.yaml`, c, { catalog }).filter((p) => p.severity === "error")).toEqual([]);
      expect(leaksDiagnosis(c)).toBeUndefined();
      expect(c.source).toEqual({ name: "AgentClinic MedQA (Schmidgall et al. 2024)", licence: "MIT", url: "https://github.com/SamuelSchmidgall/AgentClinic" });
    }
  });

  it("builds the presentation from the patient actor", () => {
    const [first, , dumping] = cases.map((c) => c.case);
    expect(first?.presentation).toEqual({
      age: 35,
      sex: "female",
      setting: "clinic",
      chief_complaint: "Double vision",
      narrative: "35-year-old female, seen in clinic, presenting with double vision.",
      // Narrative cases carry no knowledge-base links, the presentation's included.
      kb: [],
    });
    expect(first?.complaint).toBe("focal_weakness");
    expect(first?.diagnosis).toMatchObject({ name: "Myasthenia gravis", synonyms: [] });
    expect(dumping?.presentation).toMatchObject({ age: 44, sex: "female", setting: "emergency", chief_complaint: "Confusion" });
    expect(dumping?.complaint).toBe("altered_mental_status");
  });

  it("splits history and examination into items, one per leaf, grouped names kept as synonyms", () => {
    const first = cases[0]!.case;
    expect(first.findings.find((f) => f.id === "history.past_medical_history")).toMatchObject({
      kind: "history",
      topic: "Past medical history",
      text: "No significant past medical history.",
    });
    expect(first.findings.find((f) => f.id === "history.symptoms.secondary_symptoms")).toMatchObject({
      topic: "Secondary symptoms",
      synonyms: ["Symptoms"],
      text: "Difficulty climbing stairs; Weakness in upper limbs; Improvement of symptoms after rest",
    });
    expect(first.findings.find((f) => f.id === "exam.vital_signs.blood_pressure")).toMatchObject({
      kind: "exam",
      topic: "Blood pressure",
      synonyms: ["Vital signs"],
      text: "125/80 mmHg",
    });
    expect(first.findings.every((f) => f.kb.length === 0)).toBe(true);
  });

  it("maps tests to catalog ids and keeps the rest as case tests, the abnormal ones as key tests", () => {
    const first = cases[0]!.case;
    expect(Object.keys(first.tests)).toEqual(["acetylcholine_receptor_antibodies", "electromyography", "ct_chest"]);
    expect(first.tests.ct_chest).toMatchObject({ text: "Normal, no thymoma or other masses detected.", abnormal: false });
    expect(first.tests.acetylcholine_receptor_antibodies).toMatchObject({ text: "Acetylcholine receptor antibodies: Present (elevated)", abnormal: true });
    expect(first.case_tests.map((t) => [t.id, t.name])).toEqual([
      ["acetylcholine_receptor_antibodies", "Acetylcholine receptor antibodies"],
      ["electromyography", "Electromyography"],
    ]);
    expect(first.key_tests).toEqual(["acetylcholine_receptor_antibodies", "electromyography"]);

    const kidney = cases[1]!.case;
    expect(Object.keys(kidney.tests).sort()).toEqual(["blood_work", "cbc", "intravenous_pyelogram", "urinalysis"]);
    expect(kidney.tests.blood_work?.text).toBe("Creatinine: 1.1 mg/dL; BUN: 14 mg/dL");
    expect(kidney.case_tests.find((t) => t.id === "blood_work")?.synonyms).toEqual(["Creatinine", "BUN"]);

    const dumping = cases[2]!.case;
    expect(dumping.tests.glucose).toMatchObject({ text: "Glucose: 41 mg/dL (low)", abnormal: true });
    expect(dumping.key_tests).toEqual(["glucose"]);
  });

  it("prices a case test with no CMS price by a category estimate marked as such, never $0, and warns", () => {
    const first = cases[0]!;
    const estimated = first.case.case_tests.filter((t) => t.price_source?.startsWith("estimate: no CMS price found"));
    expect(estimated.length).toBeGreaterThan(0);
    for (const t of estimated) expect(t.price_usd).toBeGreaterThan(0);
    expect(first.warnings).toEqual(estimated.map((t) => `no price found for ${t.name}: priced by a category estimate`));
  });

  it("keeps no result or finding for a test or sign the record says was not mentioned or not reported", () => {
    const record = JSON.parse(sample.split("\n")[0]!) as { OSCE_Examination: { Test_Results: Record<string, unknown>; Physical_Examination_Findings: Record<string, unknown> } };
    record.OSCE_Examination.Test_Results = { ...record.OSCE_Examination.Test_Results, Glucose: "Not mentioned", Urinalysis: "Not reported" };
    record.OSCE_Examination.Physical_Examination_Findings = { ...record.OSCE_Examination.Physical_Examination_Findings, Uterine_Tenderness: "Not mentioned" };
    const { case: c } = convertAgentClinicRecord(record, 1, { catalog });
    expect(c.findings.map((f) => f.topic)).not.toContain("Uterine tenderness");
    expect(Object.keys(c.tests)).not.toContain("glucose");
    expect(Object.keys(c.tests)).not.toContain("urinalysis");
    expect(c.key_tests).not.toContain("glucose");
  });

  it("refuses a record without a diagnosis, naming the field", () => {
    const record = JSON.parse(sample.split("\n")[0]!) as { OSCE_Examination: Record<string, unknown> };
    delete record.OSCE_Examination.Correct_Diagnosis;
    expect(() => convertAgentClinicRecord(record, 9, { catalog })).toThrow(AgentClinicRecordError);
    expect(() => convertAgentClinicRecord(record, 9, { catalog })).toThrow(/OSCE_Examination\.Correct_Diagnosis/);
  });

  it("guesses the complaint category from the chief complaint", () => {
    expect(complaintOf("Crushing chest pain")).toBe("chest_pain");
    expect(complaintOf("Shortness of breath on exertion")).toBe("dyspnoea");
    expect(complaintOf("Episode of loss of consciousness")).toBe("syncope");
    expect(complaintOf("Right knee pain")).toBe("joint_pain");
    expect(complaintOf("Swelling of the left wrist")).toBe("joint_pain");
    expect(complaintOf("Skin lesion on the back")).toBe("rash");
    expect(complaintOf("Double vision")).toBe("focal_weakness");
    expect(complaintOf("My legs are going weak")).toBe("focal_weakness");
    expect(complaintOf("Tingling in both hands")).toBe("focal_weakness");
    expect(complaintOf("Feeling weak and tired")).toBe("other");
    expect(complaintOf("Persistent vomiting")).toBe("abdominal_pain");
    expect(complaintOf("Noisy breathing with stridor")).toBe("dyspnoea");
    // Several complaints: the one named first.
    expect(complaintOf("Fatigue and fever")).toBe("fatigue");
    expect(complaintOf("Fever and fatigue")).toBe("fever");
    expect(complaintOf("Lump in the breast")).toBe("other");
  });

  it("reads a result as abnormal only when it says so", () => {
    expect(looksAbnormal({ WBC: "Within normal limits", Nitrites: "Negative" })).toBe(false);
    expect(looksAbnormal({ Creatinine: "Within reference range", Glucose: "Within the reference range" })).toBe(false);
    expect(looksAbnormal({ CD4: "36/mm3" })).toBe(false);
    expect(looksAbnormal({ WBC: "15,000 /μL (elevated)" })).toBe(true);
    expect(looksAbnormal({ Findings: "Dilated bowel segments" })).toBe(true);
  });
});

const medqa = AGENTCLINIC_FILE;

describe.skipIf(!existsSync(medqa))(`the whole AgentClinic MedQA file (skipped when ${medqa} is absent)`, () => {
  it("converts all 107 records into cases with no errors against the bundled catalog", () => {
    const bundled = loadCatalog();
    const { cases, skipped } = importAgentClinic(readFileSync(medqa, "utf8"), { catalog: bundled });
    expect(skipped).toEqual([]);
    expect(cases).toHaveLength(107);
    for (const { case: c } of cases) {
      expect(checkCase(`${c.id}.yaml`, c, { catalog: bundled }).filter((p) => p.severity === "error")).toEqual([]);
      expect(leaksDiagnosis(c)).toBeUndefined();
      // A reported test is a test: vital signs, manoeuvres and questionnaires are findings, never key tests.
      for (const id of c.key_tests) expect(id, c.id).not.toMatch(/vital|pressure|manoeuvre|maneuver|screening|suggestion|^other/);
      for (const t of c.case_tests) expect(t.price_usd, `${c.id} ${t.name}`).toBeGreaterThan(t.id === "clinical_examination" ? -1 : 0);
    }
  });
});
