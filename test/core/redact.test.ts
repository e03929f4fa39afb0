import { describe, expect, it } from "vitest";
import { DiagnosisSchema } from "../../core/case.js";
import { WITHHELD, diagnosisRedactor, redactDiagnosis } from "../../core/redact.js";

const hirschsprung = DiagnosisSchema.parse({ name: "Hirschsprung’s disease", synonyms: ["congenital aganglionic megacolon"] });
const appendicitis = DiagnosisSchema.parse({ name: "Acute appendicitis", synonyms: ["inflamed appendix"] });

describe("diagnosis leak filter", () => {
  it.each([
    "Hirschsprung disease",
    "Hirschsprung's disease",
    "HIRSCHSPRUNGS DISEASE",
    "hirschsprung-disease",
    "Hirschsprung",
    "Congenital aganglionic megacolon",
  ])("withholds %j", (written) => {
    expect(redactDiagnosis(`Findings: ${written}.`, hirschsprung)).toBe(`Findings: ${WITHHELD}.`);
  });

  it("withholds the name with its qualifier, without it, spelled out, and backwards", () => {
    const redact = diagnosisRedactor(appendicitis);
    expect(redact("Consistent with acute appendicitis; no abscess.")).toBe(`Consistent with ${WITHHELD}; no abscess.`);
    expect(redact("Appendicitis, perforated")).toBe(`${WITHHELD}, perforated`);
    expect(redact("a-p-p-e-n-d-i-c-i-t-i-s")).toBe(WITHHELD);
    expect(redact("A P P E N D I C I T I S")).toBe(WITHHELD);
    expect(redact("sitícidneppa")).toBe(WITHHELD);
    expect(redact("an appendix that is inflamed")).toBe("an appendix that is inflamed");
  });

  it("matches British and American spellings and accents", () => {
    const d = DiagnosisSchema.parse({ name: "Haemochromatosis", synonyms: ["Legg-Calvé-Perthes disease"] });
    expect(redactDiagnosis("hemochromatosis", d)).toBe(WITHHELD);
    expect(redactDiagnosis("Legg Calve Perthes, left hip", d)).toBe(`${WITHHELD}, left hip`);
  });

  it("redacts whole words only", () => {
    const carditis = DiagnosisSchema.parse({ name: "Carditis" });
    expect(redactDiagnosis("History of pericarditis; carditis now.", carditis)).toBe(`History of pericarditis; ${WITHHELD} now.`);
  });

  it("never shortens a name to a common word", () => {
    const dissection = DiagnosisSchema.parse({ name: "Acute type A aortic dissection", synonyms: ["acute aortic syndrome", "Ectopic pregnancy (left)"] });
    expect(redactDiagnosis("The aortic root is normal; left ovary normal.", dissection)).toBe("The aortic root is normal; left ovary normal.");
    expect(redactDiagnosis("Type A aortic dissection.", dissection)).toBe(`${WITHHELD}.`);
  });

  it("leaves normal findings alone when the answer is no disease", () => {
    const none = DiagnosisSchema.parse({ name: "No acute pathology", synonyms: ["normal", "healthy"], no_disease: true });
    expect(redactDiagnosis("On examination this is normal. Healthy young man.", none)).toBe("On examination this is normal. Healthy young man.");
  });

  it("leaves a name the panel already sees in the presentation", () => {
    const faint = DiagnosisSchema.parse({ name: "Vasovagal syncope", synonyms: ["simple faint"] });
    expect(diagnosisRedactor(faint)("She felt faint.")).toBe(`She felt ${WITHHELD}.`);
    expect(diagnosisRedactor(faint, [], "Fainted at a concert")("She felt faint; vasovagal syncope.")).toBe(`She felt faint; ${WITHHELD}.`);
  });
});
