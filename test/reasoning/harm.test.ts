import { describe, expect, it } from "vitest";
import { HarmSchema } from "../../core/clinical-rules.js";
import type { KnowledgeBase } from "../../core/knowledge.js";
import { harmApplies, harmsOf } from "../../reasoning/harm.js";

// Two contraindications of one test, a third of another; the source is a constructed test's, not medicine.
const byDisease = HarmSchema.parse({ test: "stress_test", diseases: ["dissection"], above: 0.1, reason: "a constructed dissection rule", source: "estimate: test fixture" });
const byFinding = HarmSchema.parse({ test: "stress_test", findings: ["syncope"], unless_done: ["echo"], reason: "a constructed syncope rule", source: "estimate: test fixture" });
const other = HarmSchema.parse({ test: "contrast_ct", findings: ["syncope"], reason: "a constructed contrast rule", source: "estimate: test fixture" });
const kb = { harms: [byDisease, byFinding, other] } as unknown as KnowledgeBase;
const context = (p: number, syncope: boolean, done: string[] = []) => ({ differential: [{ id: "dissection", p }], evidence: { syncope }, done: new Set(done) });

describe("contraindications that apply now", () => {
  it("applies a rule by a diagnosis at or above its bar, or by a finding present, unless a lifting test was done", () => {
    expect(harmApplies(byDisease, context(0.1, false))).toBe(true);
    expect(harmApplies(byDisease, context(0.05, false))).toBe(false);
    expect(harmApplies(byFinding, context(0, true))).toBe(true);
    expect(harmApplies(byFinding, context(0, true, ["echo"]))).toBe(false);
  });

  it("lists a test's rules that apply, whichever of them is listed first", () => {
    expect(harmsOf(kb, "stress_test", context(0, true))).toEqual([byFinding]);
    expect(harmsOf(kb, "stress_test", context(0.5, true))).toEqual([byDisease, byFinding]);
    expect(harmsOf(kb, "stress_test", context(0, false))).toEqual([]);
  });
});
