import { describe, expect, it } from "vitest";
import { DiagnosisSchema } from "../../core/case.js";
import { NOTHING_TO_SHARE, diagnosisRedactor, redactDiagnosis } from "../../core/redact.js";

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
    expect(redactDiagnosis(`Findings: ${written}.`, hirschsprung)).toBe(NOTHING_TO_SHARE);
    expect(redactDiagnosis(`Transition zone in the rectosigmoid. Findings: ${written}.`, hirschsprung)).toBe("Transition zone in the rectosigmoid.");
  });

  it("withholds the name with its qualifier, without it, spelled out, and backwards", () => {
    const redact = diagnosisRedactor(appendicitis);
    expect(redact("Consistent with acute appendicitis; no abscess.")).toBe("No abscess.");
    expect(redact("Appendicitis, perforated")).toBe(NOTHING_TO_SHARE);
    expect(redact("a-p-p-e-n-d-i-c-i-t-i-s")).toBe(NOTHING_TO_SHARE);
    expect(redact("A P P E N D I C I T I S")).toBe(NOTHING_TO_SHARE);
    expect(redact("sitícidneppa")).toBe(NOTHING_TO_SHARE);
    expect(redact("Thickened appendix 9 mm. Mini-appendicitis pattern.")).toBe("Thickened appendix 9 mm.");
    expect(redact("an appendix that is inflamed")).toBe("an appendix that is inflamed");
  });

  it("one filter withholds whichever of the names each text uses, in any order of texts", () => {
    // The filter matches each text against the names whose letters it holds: every mix must still be caught.
    const redact = diagnosisRedactor(hirschsprung);
    const texts: [string, string][] = [
      ["Dilated colon. Congenital aganglionic megacolon.", "Dilated colon."],
      ["Hirschsprung's disease. Transition zone.", "Transition zone."],
      ["Aganglionic segment seen; hirschsprung confirmed. Biopsy sent.", "Aganglionic segment seen; Biopsy sent."],
      ["Dilated colon. Congenital aganglionic megacolon.", "Dilated colon."],
      ["Esaesid gnurpshcsrih. Stool softener.", "Stool softener."],
      ["Megacolon, congenital; no aganglionic segment.", "Megacolon, congenital; no aganglionic segment."],
    ];
    for (const [text, left] of [...texts, ...texts.reverse()]) expect(redact(text)).toBe(left);
  });

  it("matches British and American spellings and accents", () => {
    const d = DiagnosisSchema.parse({ name: "Haemochromatosis", synonyms: ["Legg-Calvé-Perthes disease"] });
    expect(redactDiagnosis("hemochromatosis", d)).toBe(NOTHING_TO_SHARE);
    expect(redactDiagnosis("Flattened femoral head. Legg Calve Perthes, left hip", d)).toBe("Flattened femoral head.");
  });

  it("redacts whole words only", () => {
    const carditis = DiagnosisSchema.parse({ name: "Carditis" });
    expect(redactDiagnosis("History of pericarditis; carditis now.", carditis)).toBe("History of pericarditis.");
  });

  it("never shortens a name to a common word", () => {
    const dissection = DiagnosisSchema.parse({ name: "Acute type A aortic dissection", synonyms: ["acute aortic syndrome", "Ectopic pregnancy (left)"] });
    expect(redactDiagnosis("The aortic root is normal; left ovary normal.", dissection)).toBe("The aortic root is normal; left ovary normal.");
    expect(redactDiagnosis("Type A aortic dissection.", dissection)).toBe(NOTHING_TO_SHARE);
  });

  it("never leaves a marker whose shape gives the answer away", () => {
    const out = diagnosisRedactor(appendicitis)("Pain began near the navel. Appendicitis suspected; white cells 14.");
    expect(out).toBe("Pain began near the navel. White cells 14.");
    expect(out).not.toMatch(/withheld|\[|\]/i);
  });

  it("leaves normal findings alone when the answer is no disease", () => {
    const none = DiagnosisSchema.parse({ name: "No acute pathology", synonyms: ["normal", "healthy"], no_disease: true });
    expect(redactDiagnosis("On examination this is normal. Healthy young man.", none)).toBe("On examination this is normal. Healthy young man.");
  });

  it("leaves a name the panel already sees in the presentation", () => {
    const faint = DiagnosisSchema.parse({ name: "Vasovagal syncope", synonyms: ["simple faint"] });
    expect(diagnosisRedactor(faint)("She felt faint.")).toBe(NOTHING_TO_SHARE);
    expect(diagnosisRedactor(faint, [], "Fainted at a concert")("She felt faint; vasovagal syncope.")).toBe("She felt faint.");
  });
});
