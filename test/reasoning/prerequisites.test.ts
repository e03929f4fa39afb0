import { describe, expect, it } from "vitest";
import { loadBundledKnowledge } from "../../cli/knowledge.js";
import { prerequisiteDue } from "../../reasoning/prerequisites.js";

const { kb } = loadBundledKnowledge();

describe("a pregnancy test before ionising imaging (meta.yaml prerequisites)", () => {
  const woman = { sex: "female" as const, age: 28 };
  it("holds the CT back in a woman of child-bearing age until a pregnancy test is done or its result known", () => {
    for (const test of ["ct_abdomen_pelvis", "ct_kub", "ctpa"]) {
      expect(prerequisiteDue(kb, test, woman, new Set(), {})?.needs).toContain("urine_hcg");
      expect(prerequisiteDue(kb, test, woman, new Set(["urine_hcg"]), {})).toBeNull();
      expect(prerequisiteDue(kb, test, woman, new Set(["serum_hcg"]), {})).toBeNull();
      expect(prerequisiteDue(kb, test, woman, new Set(), { hcg_positive: false })).toBeNull();
    }
  });
  it("does not ask it of a man, a girl under 12, a woman over 50, nor before an ultrasound or a head CT", () => {
    expect(prerequisiteDue(kb, "ct_kub", { sex: "male", age: 28 }, new Set(), {})).toBeNull();
    expect(prerequisiteDue(kb, "ct_kub", { sex: "female", age: 8 }, new Set(), {})).toBeNull();
    expect(prerequisiteDue(kb, "ct_kub", { sex: "female", age: 67 }, new Set(), {})).toBeNull();
    expect(prerequisiteDue(kb, "us_renal", woman, new Set(), {})).toBeNull();
    expect(prerequisiteDue(kb, "ct_head", woman, new Set(), {})).toBeNull();
  });
});
