import { describe, expect, it } from "vitest";
import { type CaseMix, CaseMixFileSchema, caseMixPriors } from "../../core/case-mix.js";
import { knowledgeBase } from "../../core/knowledge.js";
import { checkKnowledge, loadKnowledge } from "../../core/knowledge-loader.js";
import { isCitation } from "../../core/source-quality.js";
import { type Scope, scopeModel } from "../../reasoning/scope.js";

const kb = loadKnowledge();

/** The prior the engine starts a disease on, for one patient (before any finding). */
const prior = (scope: Scope, id: string): number => {
  const model = scopeModel(kb, scope);
  const i = model.hypotheses.findIndex((h) => h.id === id);
  expect(i, `${id} is a candidate for ${JSON.stringify(scope)}`).toBeGreaterThanOrEqual(0);
  return model.priors[i]!;
};

const table = (complaint: string, setting: string): CaseMix => {
  const found = kb.caseMix.find((t) => t.complaint === complaint && t.setting === setting);
  expect(found, `a case-mix table for ${complaint} in ${setting}`).toBeDefined();
  return found!;
};

/** The share the bundled table gives one group in the stratum a patient of this age falls in. */
const share = (t: CaseMix, age: number, diseases: readonly string[]): number => {
  const stratum = t.strata.find((s) => (s.age?.min ?? 0) <= age && age <= (s.age?.max ?? 120))!;
  return stratum.shares.find((s) => s.diseases.join() === diseases.join())!.share;
};

describe("priors conditioned on the patient by a published case mix", () => {
  const abdomen = (age: number, sex: "female" | "male"): Scope => ({ complaint: "abdominal_pain", setting: "emergency", age, sex });
  const gallbladder = ["biliary_colic", "acute_cholecystitis"];
  const gallbladderPrior = (scope: Scope) => gallbladder.reduce((sum, id) => sum + prior(scope, id), 0);

  it("every table cites its series", () => {
    expect(kb.caseMix.length).toBeGreaterThan(0);
    for (const t of kb.caseMix) expect(isCitation(t.source), t.source).toBe(true);
  });

  it("gives a 75-year-old man with abdominal pain more gallbladder disease and less appendicitis than a 25-year-old woman, as the series does", () => {
    const young = abdomen(25, "female");
    const old = abdomen(75, "male");
    expect(gallbladderPrior(old)).toBeGreaterThan(gallbladderPrior(young));
    expect(prior(old, "diverticulitis")).toBeGreaterThan(prior(young, "diverticulitis"));
    expect(prior(young, "appendicitis")).toBeGreaterThan(prior(old, "appendicitis"));
    // Within one patient the priors keep the table's proportions (renormalising scales them all).
    const t = table("abdominal_pain", "emergency");
    for (const [scope, age] of [[young, 25], [old, 75]] as const) {
      expect(gallbladderPrior(scope) / prior(scope, "appendicitis")).toBeCloseTo(share(t, age, gallbladder) / share(t, age, ["appendicitis"]), 6);
      expect(prior(scope, "renal_colic") / prior(scope, "diverticulitis")).toBeCloseTo(share(t, age, ["renal_colic"]) / share(t, age, ["diverticulitis"]), 6);
    }
  });

  it("splits a group the series reports as one in proportion to the members' own priors", () => {
    const scope = abdomen(70, "female");
    const own = (id: string) => kb.diseaseById.get(id)!.prior.emergency;
    expect(prior(scope, "acute_cholecystitis") / prior(scope, "biliary_colic")).toBeCloseTo(own("acute_cholecystitis") / own("biliary_colic"), 6);
  });

  it("leaves the diseases' own priors to a patient the series did not enrol, or whose age is unknown", () => {
    const own = (id: string) => kb.diseaseById.get(id)!.prior.emergency;
    for (const scope of [abdomen(10, "male"), { complaint: "abdominal_pain", setting: "emergency" } as Scope]) {
      expect(prior(scope, "appendicitis") / prior(scope, "renal_colic")).toBeCloseTo(own("appendicitis") / own("renal_colic"), 6);
    }
  });

  it("applies the general-practice chest pain series to adults of 35 or more seen in clinic only", () => {
    const clinic = (age: number): Scope => ({ complaint: "chest_pain", setting: "clinic", age, sex: "male" });
    const t = table("chest_pain", "clinic");
    const ratio = (scope: Scope) => prior(scope, "msk_chest_wall_pain") / prior(scope, "stable_angina");
    expect(ratio(clinic(60))).toBeCloseTo(share(t, 60, ["msk_chest_wall_pain"]) / share(t, 60, ["stable_angina"]), 6);
    const own = (id: string) => kb.diseaseById.get(id)!.prior.clinic;
    expect(ratio(clinic(30))).toBeCloseTo(own("msk_chest_wall_pain") / own("stable_angina"), 6);
  });

  it("applies the emergency dyspnoea and headache series to adults only, in the series' proportions", () => {
    const own = (id: string) => kb.diseaseById.get(id)!.prior.emergency;
    const dyspnoea = (age: number): Scope => ({ complaint: "dyspnoea", setting: "emergency", age, sex: "female" });
    const d = table("dyspnoea", "emergency");
    const chest = (scope: Scope) => prior(scope, "community_acquired_pneumonia") / prior(scope, "asthma_exacerbation");
    expect(chest(dyspnoea(50))).toBeCloseTo(share(d, 50, ["community_acquired_pneumonia"]) / share(d, 50, ["asthma_exacerbation"]), 6);
    expect(chest(dyspnoea(8))).toBeCloseTo(own("community_acquired_pneumonia") / own("asthma_exacerbation"), 6);
    const headache = (age: number): Scope => ({ complaint: "headache", setting: "emergency", age, sex: "male" });
    const h = table("headache", "emergency");
    const benign = (scope: Scope) => (prior(scope, "tension_headache") + prior(scope, "cluster_headache")) / prior(scope, "migraine");
    expect(benign(headache(40))).toBeCloseTo(share(h, 40, ["tension_headache", "cluster_headache"]) / share(h, 40, ["migraine"]), 6);
    expect(benign(headache(12))).toBeCloseTo((own("tension_headache") + own("cluster_headache")) / own("migraine"), 6);
  });
});

describe("case-mix tables", () => {
  const base = { complaint: "abdominal_pain", setting: "emergency", population: "adults in one emergency department", source: "Someone A et al. A series. J Emerg 2016;1:1" };

  it("reject a stratum whose shares add up to more than one", () => {
    const file = { case_mix: [{ ...base, strata: [{ shares: [{ diseases: ["a"], share: 0.7 }, { diseases: ["b"], share: 0.4 }] }] }] };
    expect(CaseMixFileSchema.safeParse(file).success).toBe(false);
  });

  it("constrain age or sex only for patients whose age or sex is known", () => {
    const t = CaseMixFileSchema.parse({ case_mix: [{ ...base, strata: [{ sex: "female", age: { min: 18 }, shares: [{ diseases: ["a"], share: 0.5 }] }] }] }).case_mix;
    const candidates = [{ id: "a", prior: { emergency: 0.1, clinic: 0.1 } }];
    const at = (age?: number, sex?: "female" | "male") => caseMixPriors(t, candidates, { complaint: "abdominal_pain", setting: "emergency", age, sex }).get("a");
    expect(at(30, "female")).toBe(0.5);
    expect(at(30, "male")).toBeUndefined();
    expect(at(undefined, "female")).toBeUndefined();
    expect(at(30, undefined)).toBeUndefined();
    expect(at(17, "female")).toBeUndefined();
  });

  it("are checked for diseases that do not exist or do not present with the complaint", () => {
    const disease = (id: string, presentations: string[]) => ({ ...kb.diseaseById.get("appendicitis")!, id, presentations: presentations as never });
    const mini = knowledgeBase([disease("a", ["abdominal_pain"]), disease("b", ["chest_pain"]), disease("c", ["abdominal_pain"])], kb.findings, {
      leak: 0.03,
      otherPrior: 0.1,
      caseMix: CaseMixFileSchema.parse({ case_mix: [{ ...base, strata: [{ shares: [{ diseases: ["a", "ghost", "b"], share: 0.5 }] }] }] }).case_mix,
    });
    const problems = checkKnowledge(mini, new Set(kb.findings.flatMap((f) => f.tests))).filter((p) => p.file === "case-mix.yaml");
    expect(problems.map((p) => [p.field, p.message])).toEqual([
      ["case_mix[0].strata[0].shares[0].diseases[1]", 'unknown disease "ghost"'],
      ["case_mix[0].strata[0].shares[0].diseases[2]", '"b" does not list presentation "abdominal_pain", so its share would never be used'],
    ]);
  });
});
