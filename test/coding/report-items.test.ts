import { describe, expect, it } from "vitest";
import { readReportItems } from "../../coding/report-items.js";
import { readValue } from "../../coding/values.js";

describe("a report written as 'name: verdict' items", () => {
  it("turns a normal or negative verdict into a denial of its name, and drops a pending one", () => {
    expect(readReportItems("WBC: Normal; Hemoglobin: Within normal limits; Opiates: Negative; Culture: Pending")).toEqual({
      text: "No WBC.; No Hemoglobin.; No Opiates.",
      values: [],
    });
  });

  it("reads a bare number against its analyte's adult interval, in the interval's unit or a spelling of it", () => {
    const { text, values } = readReportItems("Na: 128 mEq/L; Platelet_Count: 365,000/mm3; WBC: 15.2 x10^3/uL; Glucose: 89");
    expect(text).toBe("");
    expect(values.map((v) => [v.name, readValue(v)])).toEqual([
      ["Na", "low"],
      ["Platelet Count", "normal"],
      ["WBC", "high"],
      ["Glucose", "normal"],
    ]);
  });

  it("reads 'within reference range' as a normal verdict, not as the analyte's abnormal finding", () => {
    expect(readReportItems("Creatinine: Within reference range; Electrolytes: Within the reference range").text).toBe("No Creatinine.; No Electrolytes.");
  });

  it("reads a white cell count written as a total count", () => {
    const { values } = readReportItems("Total count WBC: 13,400/mm3; Total WBC count: 7,000/mm3");
    expect(values.map((v) => readValue(v))).toEqual(["high", "normal"]);
  });

  it("reads a number followed by the report's own flag by its interval, and keeps the flag as words when no interval reads it", () => {
    const { text, values } = readReportItems("Platelet count: 27,000/mm3 (decreased); Leukocyte count: 63,000/mm3 (elevated); Ferritin: 8 ng/mL (low)");
    expect(values.map((v) => [v.name, readValue(v)])).toEqual([
      ["Platelet count", "low"],
      ["Leukocyte count", "high"],
    ]);
    expect(text).toBe("Ferritin: 8 ng/mL (low)");
  });

  it("reads the aminotransferases, calcium and urate against intervals of their own source, international units as units", () => {
    const { values } = readReportItems("AST: 600 IU/L (elevated); ALT: 20 U/L; Calcium: 11.8 mg/dL; Uric acid: 6.1 mg/dL");
    expect(values.map((v) => [v.name, readValue(v)])).toEqual([
      ["AST", "high"],
      ["ALT", "normal"],
      ["Calcium", "high"],
      ["Uric acid", "normal"],
    ]);
  });

  it("reads alkaline phosphatase against the adult interval in an adult only: a child's is higher", () => {
    expect(readReportItems("Alkaline phosphatase: 460 U/L", 45).values.map(readValue)).toEqual(["high"]);
    expect(readReportItems("Alkaline phosphatase: 300 U/L", 8)).toEqual({ text: "", values: [] });
  });

  it("reads nothing from a number whose analyte or unit the intervals do not hold, and keeps other items as written", () => {
    expect(readReportItems("Ferritin: 8 ng/mL; Glucose: 5.1 mmol/L; Troponin: 2.3 ng/mL (elevated)")).toEqual({
      text: "Troponin: 2.3 ng/mL (elevated)",
      values: [],
    });
  });
});
