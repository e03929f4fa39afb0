import { describe, expect, it } from "vitest";
import { type Case, CaseSchema } from "../../core/case.js";
import { answerLeaks, diagnosisPhrases, identifierFlaws, namedIn } from "../../core/case-lint.js";

const base = (over: { narrative?: string; chief?: string; title?: string; id?: string; finding?: string; diagnosis?: string; synonyms?: string[] }): Case =>
  CaseSchema.parse({
    id: over.id ?? "lint-case",
    title: over.title ?? "Child with a swollen belly",
    specialty: "paediatrics",
    difficulty: "moderate",
    complaint: "other",
    source: { name: "dxsim test", licence: "MIT" },
    presentation: {
      age: 1,
      sex: "male",
      setting: "clinic",
      chief_complaint: over.chief ?? "Swollen belly and constipation",
      narrative: over.narrative ?? "An 8-month-old boy with a swollen belly since birth.",
    },
    findings: [{ id: "stool", kind: "history", topic: "bowel habit", text: over.finding ?? "Passed meconium late." }],
    tests: { xray_abdomen: { text: "Dilated loops; compatible with Hirschsprung disease." } },
    diagnosis: { name: over.diagnosis ?? "Hirschsprung’s disease", synonyms: over.synonyms ?? ["congenital aganglionic megacolon"] },
    key_tests: ["xray_abdomen"],
  });

const leaks = (c: Case) => answerLeaks(c).map((f) => [f.severity, f.path.join(".")]);

describe("answer-leak lint", () => {
  it("finds the diagnosis whatever the case, accents, punctuation and possessive", () => {
    const phrases = diagnosisPhrases(["Hirschsprung’s disease", "Legg-Calvé-Perthes disease (LCPD)"]);
    expect(namedIn("suspect HIRSCHSPRUNG disease.", phrases)).toBe("hirschsprung disease");
    expect(namedIn("looks like legg calve perthes disease", phrases)).toBe("legg calve perthes disease");
    expect(namedIn("an LCPD picture", phrases)).toBe("lcpd");
  });

  it("matches whole words only", () => {
    const phrases = diagnosisPhrases(["Carditis"]);
    expect(namedIn("history of pericarditis", phrases)).toBeUndefined();
    expect(namedIn("history of carditis", phrases)).toBe("carditis");
  });

  it("refuses the diagnosis in the narrative, the chief complaint, the title or the id", () => {
    expect(leaks(base({ narrative: "An infant with Hirschsprung disease and a swollen belly." }))).toEqual([["error", "presentation.narrative"]]);
    expect(leaks(base({ chief: "Megacolon", synonyms: ["megacolon"] }))).toEqual([["error", "presentation.chief_complaint"]]);
    expect(leaks(base({ title: "Hirschsprung's disease in an infant" }))).toEqual([["error", "title"]]);
    expect(leaks(base({ id: "hirschsprung-disease-01" }))).toEqual([["error", "id"]]);
  });

  it("only warns when a finding names it, and ignores test results", () => {
    expect(leaks(base({ finding: "An uncle had congenital aganglionic megacolon." }))).toEqual([["warning", "findings.0.text"]]);
    expect(leaks(base({}))).toEqual([]);
  });

  it("checks the complaint category's label too", () => {
    expect(leaks(base({ diagnosis: "Other" }))).toEqual([["error", "complaint"]]);
  });
});

describe("de-identification lint", () => {
  const flagged = (text: string) => identifierFlaws(base({ finding: text })).map((f) => f.message.replace(/^looks like (.*?) \(.*$/, "$1"));

  it.each([
    ["Seen by Mr. Smith last week", "a person's name with a title"],
    ["Referred by Dr Jane Doe", "a person's name with a title"],
    ["Date of birth on file", "a date of birth"],
    ["Admitted on 12 March 2021", "a full date"],
    ["Admitted on March 12, 2021", "a full date"],
    ["Admitted 2021-03-12", "a full date"],
    ["Call (555) 123-4567", "a phone number"],
    ["Mail jane.doe@example.org", "an e-mail address"],
    ["MRN: 00123456", "a medical record number"],
    ["Hospital number 9988776", "a medical record number"],
    ["Lives at 221 Baker Street", "a street address"],
  ])("warns about %j", (text, label) => {
    expect(flagged(text)).toEqual([label]);
  });

  it.each([
    "Blood pressure 125/80 mmHg, heart rate 111/min",
    "WBC 10-20 /HPF, platelets 200,000 /μL",
    "Symptoms for 3 weeks, worse since March",
    "Drinks 2 units a week; 38 weeks' gestation",
    "Temperature 36.6°C (97.9°F)",
  ])("leaves clinical text alone: %j", (text) => {
    expect(flagged(text)).toEqual([]);
  });

  it("does not read the source block", () => {
    const c = base({});
    expect(identifierFlaws({ ...c, source: { name: "Dr Who et al., 12 March 2021", licence: "MIT" } })).toEqual([]);
  });
});
