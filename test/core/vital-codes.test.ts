import { describe, expect, it } from "vitest";
import { loadBundledCases } from "../../core/case-loader.js";
import { readVitals } from "../../coding/vital-signs.js";

/**
 * A hand code must agree with the numbers its own fact states, read by the knowledge base's
 * thresholds (coding/vitals.yaml): a heart rate of 96/min is not a tachycardia (over 100), nor
 * 54/min a bradycardia (under 50, as the 2018 ACC/AHA/HRS bradycardia guideline defines it).
 */
describe("bundled cases' vital-sign codes", () => {
  it("never contradict the numbers their fact states", () => {
    const contradictions: string[] = [];
    for (const { case: c } of loadBundledCases().cases) {
      for (const item of c.findings) {
        const read = new Map(readVitals(item.text).map((v) => [v.finding, v.present]));
        for (const link of item.kb) {
          if (read.has(link.id) && read.get(link.id) !== link.present) contradictions.push(`${c.id} ${item.id}: ${link.id} coded ${link.present ? "present" : "absent"} by "${item.text}"`);
        }
      }
    }
    expect(contradictions).toEqual([]);
  });
});

describe("a joint-fluid count given only as above a bound", () => {
  it("reads '>50,000/uL' as over 50,000 white cells, and an exact 50,000 as not over it", () => {
    const read = (text: string) => new Map(readVitals(text).map((v) => [v.finding, v.present]));
    expect(read("Synovial fluid: WBC >50,000 /uL; Gram stain negative").get("synovial_wbc_very_high")).toBe(true);
    expect(read("Synovial fluid: WBC 50,000 /uL").get("synovial_wbc_very_high")).toBe(false);
    expect(read("Synovial fluid: WBC more than 2,000/uL").get("synovial_fluid_inflammatory")).toBe(true);
  });
});
