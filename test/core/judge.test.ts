import { describe, expect, it } from "vitest";
import { type Case, CaseSchema, type Diagnosis } from "../../core/case.js";
import type { DiagnosisGuess } from "../../core/action.js";
import { VerdictSchema, judgeDiagnosis, meansNoDisease } from "../../core/judge.js";
import { appendicitisCase, kb } from "../fixtures/gatekeeper/context.js";

const base = appendicitisCase();

/** The fixture case with another diagnosis: the judge reads nothing else. */
const withDiagnosis = (diagnosis: Partial<Diagnosis> & { name: string }): Case =>
  CaseSchema.parse({ ...base, diagnosis: { synonyms: [], ...diagnosis } });

const hirschsprung = withDiagnosis({ name: "Hirschsprung disease", icd10: "Q43.1", synonyms: ["congenital aganglionic megacolon"] });
const inferiorStemi = withDiagnosis({ name: "Acute inferior STEMI", icd10: "I21.1" });
const stemi = withDiagnosis({ name: "STEMI", icd10: "I21.3" });
const healthy = withDiagnosis({ name: "No acute pathology", no_disease: true, synonyms: ["musculoskeletal chest wall pain"] });

const judge = (c: Case, given: DiagnosisGuess) => VerdictSchema.parse(judgeDiagnosis(c, kb, given));
const scored = (c: Case, given: DiagnosisGuess) => {
  const v = judge(c, given);
  return [v.score, v.matchedBy];
};

describe("judge: names", () => {
  it.each(["Hirschsprung disease", "Hirschsprung's disease", "Hirschsprung’s Disease", "hirschsprungs disease", "HIRSCHSPRUNG DISEASE", "Hirschsprung"])(
    "scores %j as the same diagnosis as Hirschsprung disease",
    (name) => {
      expect(judge(hirschsprung, { name })).toMatchObject({ score: 5, correct: true });
    },
  );

  it("scores a synonym of the case's diagnosis 5", () => {
    expect(judge(hirschsprung, { name: "Congenital aganglionic megacolon" }).score).toBe(5);
    expect(judge(base, { name: "Inflamed appendix" }).score).toBe(5);
  });

  it("scores a more specific answer 5 and one missing a qualifier 4", () => {
    expect(scored(stemi, { name: "Acute inferior STEMI" })).toEqual([5, "text"]);
    expect(scored(hirschsprung, { name: "Total colonic Hirschsprung disease" })).toEqual([5, "text"]);
    const v = judge(inferiorStemi, { name: "STEMI" });
    expect([v.score, v.matchedBy, v.correct]).toEqual([4, "partial", true]);
    expect(v.reason).toBe('"STEMI" is "Acute inferior STEMI" without the detail "inferior", which does not change management.');
  });

  it("scores the disease word without an essential part 3, and another form of the same disease 3", () => {
    expect(scored(hirschsprung, { name: "Megacolon" })).toEqual([3, "partial"]);
    const meningitis = withDiagnosis({ name: "Bacterial meningitis" });
    expect(scored(meningitis, { name: "Viral meningitis" })).toEqual([3, "partial"]);
    expect(judge(meningitis, { name: "Viral meningitis" }).correct).toBe(false);
  });

  it("does not take a negated name for a more specific one", () => {
    const stElevation = withDiagnosis({ name: "ST-elevation myocardial infarction" });
    expect(scored(stElevation, { name: "Non-ST-elevation myocardial infarction" })).toEqual([3, "partial"]);
  });

  it("scores names that share only a site 2, and only a process word 1 unless the ICD-10 chapter places them in one organ system", () => {
    const pe = withDiagnosis({ name: "Pulmonary embolism" });
    expect(scored(pe, { name: "Pulmonary oedema" })).toEqual([2, "partial"]);
    expect(scored(withDiagnosis({ name: "Heart attack" }), { name: "Panic attack" })).toEqual([1, "none"]);
    const mi = withDiagnosis({ name: "Myocardial infarction", icd10: "I21.9" });
    // The vocabulary knows both names' codes (I21, I63): the same chapter, so related at most.
    expect(scored(mi, { name: "Cerebral infarction" })).toEqual([2, "icd10-family"]);
    expect(scored(mi, { name: "Tension pneumothorax" })).toEqual([1, "none"]);
    expect(scored(mi, { name: "Cerebral infarction", icd10: "I63.9" })).toEqual([2, "icd10-family"]);
  });

  it("does not take a disease under a one-word umbrella synonym for the case's", () => {
    const stroke = withDiagnosis({ name: "Acute ischaemic stroke", synonyms: ["stroke"] });
    expect(scored(stroke, { name: "Haemorrhagic stroke" })).toEqual([3, "partial"]);
    // "Stroke" leaves out the qualifier that decides treatment: a broader category.
    expect(scored(stroke, { name: "Stroke" })).toEqual([3, "partial"]);
    expect(scored(stroke, { name: "Acute ischaemic stroke of the left MCA territory" })).toEqual([5, "text"]);
  });

  it("scores an unrelated answer 1", () => {
    const v = judge(base, { name: "Migraine" });
    expect(v).toEqual({ score: 1, correct: false, matchedBy: "none", reason: '"Migraine" is unrelated to Acute appendicitis.' });
    expect(scored(hirschsprung, { name: "Intussusception" })).toEqual([1, "none"]);
  });
});

describe("judge: knowledge-base ids and ICD-10 codes", () => {
  it("scores the case's knowledge-base disease 5, whatever the name says", () => {
    expect(scored(base, { name: "appendix trouble", kbId: "acute_appendicitis" })).toEqual([5, "kb-id"]);
  });

  it("uses a given knowledge-base disease's names and code", () => {
    const mi = withDiagnosis({ name: "Heart attack" });
    expect(scored(mi, { name: "AMI", kbId: "acute_mi" })).toEqual([5, "synonym"]);
    expect(scored(base, { name: "Pancreatitis", kbId: "acute_pancreatitis" })).toEqual([2, "icd10-family"]);
  });

  it("does not let two knowledge-base diseases meet through a synonym both carry", () => {
    // The fixture's STEMI and NSTEMI are both also called "heart attack".
    const nstemi = withDiagnosis({ name: "NSTEMI", kb_id: "nstemi" });
    expect(scored(nstemi, { name: "STEMI", kbId: "stemi" })).toEqual([3, "icd10-family"]);
    // "Heart attack" is an umbrella over both: a broader category.
    expect(scored(nstemi, { name: "Heart attack" })).toEqual([3, "partial"]);
  });

  it("scores the same code and a more specific child code 5", () => {
    expect(scored(inferiorStemi, { name: "Heart problem", icd10: "I21.1" })).toEqual([5, "icd10"]);
    expect(scored(inferiorStemi, { name: "Heart problem", icd10: "I21.11" })).toEqual([5, "icd10"]);
    expect(scored(withDiagnosis({ name: "Acute myocardial infarction", icd10: "I21.9" }), { name: "Heart problem", icd10: "I21.4" })).toEqual([5, "icd10"]);
  });

  it("scores a parent code 4, a sibling code 3, the same chapter 2 and another chapter 1", () => {
    expect(scored(inferiorStemi, { name: "Heart problem", icd10: "I21" })).toEqual([4, "icd10-family"]);
    expect(scored(inferiorStemi, { name: "Heart problem", icd10: "I21.9" })).toEqual([4, "icd10-family"]);
    expect(scored(inferiorStemi, { name: "Heart problem", icd10: "I21.0" })).toEqual([3, "icd10-family"]);
    expect(scored(inferiorStemi, { name: "Heart problem", icd10: "I50.9" })).toEqual([2, "icd10-family"]);
    expect(scored(inferiorStemi, { name: "Chest infection", icd10: "J18.9" })).toEqual([1, "none"]);
  });

  it("keeps the better of the code and the name", () => {
    // A mistyped sibling code does not spoil a right name.
    expect(judge(base, { name: "Acute appendicitis", icd10: "K35.2" }).score).toBe(5);
    // Only the code says how close a differently named disease is.
    expect(scored(hirschsprung, { name: "Megacolon, other", icd10: "Q43.8" })).toEqual([3, "icd10-family"]);
  });
});

describe("judge: cases whose answer is no disease", () => {
  it.each(["No disease", "normal", "Healthy", "No acute pathology", "no significant abnormality", "Nothing wrong"])("scores %j 5", (name) => {
    expect(judge(healthy, { name })).toMatchObject({ score: 5, correct: true });
  });

  it("scores the case's own name for it 5 and any disease 1", () => {
    expect(judge(healthy, { name: "Musculoskeletal chest wall pain" }).score).toBe(5);
    expect(judge(healthy, { name: "Acute appendicitis", kbId: "acute_appendicitis" })).toMatchObject({ score: 1, correct: false, matchedBy: "none" });
    expect(judge(healthy, { name: "Pulmonary embolism" }).reason).toContain("the patient has none");
  });

  it("scores no disease for a sick patient 1", () => {
    expect(judge(base, { name: "Normal" })).toMatchObject({ score: 1, matchedBy: "none" });
  });

  it("does not take a disease named after normality for no disease", () => {
    expect(meansNoDisease("Normal pressure hydrocephalus")).toBe(false);
    expect(meansNoDisease("No evidence of disease")).toBe(true);
  });
});

describe("judge: verdicts", () => {
  it("counts 4 and 5 as correct and nothing else", () => {
    expect(VerdictSchema.safeParse({ score: 3, correct: true, matchedBy: "partial", reason: "x" }).success).toBe(false);
    expect(VerdictSchema.safeParse({ score: 4, correct: true, matchedBy: "partial", reason: "x" }).success).toBe(true);
  });

  it("judges without a knowledge base", () => {
    expect(judgeDiagnosis(base, undefined, { name: "appendicitis", kbId: "acute_appendicitis" })).toMatchObject({ score: 5, matchedBy: "kb-id" });
    expect(judgeDiagnosis(base, undefined, { name: "Appendicitis" })).toMatchObject({ score: 5, matchedBy: "synonym" });
  });
});
