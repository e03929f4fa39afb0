import { describe, expect, it } from "vitest";
import { Random } from "../../runs/random.js";
import { eligible } from "../../core/clinical-rules.js";
import { loadKnowledge } from "../../core/knowledge-loader.js";
import { posterior } from "../../reasoning/differential.js";
import { randomPatient } from "../support/random-patient.js";

const kb = loadKnowledge();

describe("a differential never holds a disease the patient cannot have", () => {
  it("the knowledge base has sex- and age-restricted diseases to test", () => {
    expect(kb.eligibility.some((e) => e.sex === "male")).toBe(true);
    expect(kb.eligibility.some((e) => e.sex === "female")).toBe(true);
    expect(kb.eligibility.some((e) => e.min_age !== undefined)).toBe(true);
  });

  it("over 500 random patients with random findings", () => {
    for (let seed = 1; seed <= 500; seed++) {
      // Seeded, so a failing patient can be replayed from its seed.
      const { scope, evidence } = randomPatient(new Random(seed), kb, { maxFindings: 8, presentShare: 0.6 });
      const differential = posterior(kb, scope, evidence);
      const impossible = differential.filter((e) => e.id !== "other" && !eligible(kb.eligibility, e.id, scope));
      expect(impossible, `seed ${seed}: ${JSON.stringify(scope)}`).toEqual([]);
    }
  });

  it("ectopic pregnancy is out for a boy of 17 and a girl of 9, in for a woman of 25", () => {
    const ids = (age: number, sex: "female" | "male") => posterior(kb, { complaint: "abdominal_pain", setting: "emergency", age, sex }, {}).map((e) => e.id);
    expect(ids(17, "male")).not.toContain("ectopic_pregnancy");
    expect(ids(17, "male")).toContain("testicular_torsion");
    expect(ids(9, "female")).not.toContain("ectopic_pregnancy");
    expect(ids(25, "female")).toContain("ectopic_pregnancy");
    expect(ids(25, "female")).not.toContain("testicular_torsion");
  });

  it("giant cell arteritis is out under 50", () => {
    const ids = (age: number) => posterior(kb, { complaint: "headache", setting: "clinic", age, sex: "female" }, {}).map((e) => e.id);
    expect(ids(35)).not.toContain("giant_cell_arteritis");
    expect(ids(72)).toContain("giant_cell_arteritis");
  });

  it("an unknown age or sex excludes nothing", () => {
    expect(eligible(kb.eligibility, "ectopic_pregnancy", {})).toBe(true);
    expect(eligible(kb.eligibility, "ectopic_pregnancy", { sex: "male" })).toBe(false);
  });
});

describe("decisive findings (decisive.yaml)", () => {
  it("an intimal flap settles dissection; a finding dissection makes rare contradicts it", async () => {
    const { settledBy } = await import("../../reasoning/decisive.js");
    const all = new Set(kb.diseases.map((d) => d.id));
    expect(settledBy(kb, { ct_aortic_dissection_flap: true }, all)?.disease).toBe("aortic_dissection");
    expect(settledBy(kb, { ct_aortic_dissection_flap: false }, all)).toBeNull();
    const rare = kb.diseaseById.get("aortic_dissection")!.findings.find((l) => l.p < 0.05);
    if (rare) expect(settledBy(kb, { ct_aortic_dissection_flap: true, [rare.id]: true }, all)).toBeNull();
    expect(settledBy(kb, { ct_aortic_dissection_flap: true }, new Set(["pericarditis"]))).toBeNull();
  });

  it("decisive findings of two diseases revealed together settle neither; either alone settles its own", async () => {
    const { settledBy } = await import("../../reasoning/decisive.js");
    const all = new Set(kb.diseases.map((d) => d.id));
    const [a, b] = [kb.decisive.find((d) => d.finding === "synovial_urate_crystals")!, kb.decisive.find((d) => d.finding === "synovial_organisms")!];
    expect(a.disease).not.toBe(b.disease);
    expect(settledBy(kb, { [a.finding]: true }, all)?.disease).toBe(a.disease);
    expect(settledBy(kb, { [b.finding]: true }, all)?.disease).toBe(b.disease);
    expect(settledBy(kb, { [a.finding]: true, [b.finding]: true }, all)).toBeNull();
    // A rival's decisive finding counts only while that rival is possible for the patient.
    expect(settledBy(kb, { [a.finding]: true, [b.finding]: true }, new Set([a.disease]))?.disease).toBe(a.disease);
  });
});
