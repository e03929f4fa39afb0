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

describe("the emergency syncope and fever and the primary-care abdominal pain, headache, back pain, fatigue and cough series", () => {
  const own = (id: string, setting: "emergency" | "clinic") => kb.diseaseById.get(id)!.prior[setting];
  const sum = (scope: Scope, ids: readonly string[]) => ids.reduce((s, id) => s + prior(scope, id), 0);
  const ownSum = (ids: readonly string[], setting: "emergency" | "clinic") => ids.reduce((s, id) => s + own(id, setting), 0);

  it("gives an adult with syncope in the emergency department the series' vasovagal and cardiac proportions, and a child the diseases' own", () => {
    const t = table("syncope", "emergency");
    const cardiac = t.strata[0]!.shares[1]!.diseases;
    const scope = (age: number): Scope => ({ complaint: "syncope", setting: "emergency", age, sex: "female" });
    const ratio = (s: Scope) => prior(s, "vasovagal_syncope") / sum(s, cardiac);
    expect(ratio(scope(40))).toBeCloseTo(share(t, 40, ["vasovagal_syncope"]) / share(t, 40, cardiac), 6);
    expect(ratio(scope(12))).toBeCloseTo(own("vasovagal_syncope", "emergency") / ownSum(cardiac, "emergency"), 6);
  });

  it("makes a vertebral fracture rarer against mechanical back pain for an adult seen in primary care, and leaves a teenager and the emergency department alone", () => {
    // Two series, tried in order: older patients first, then adults of any age.
    const [older, t] = kb.caseMix.filter((x) => x.complaint === "back_pain" && x.setting === "clinic");
    const scope = (age: number, setting: "emergency" | "clinic"): Scope => ({ complaint: "back_pain", setting, age, sex: "male" });
    const ratio = (s: Scope) => prior(s, "vertebral_compression_fracture") / prior(s, "cauda_equina_syndrome");
    expect(ratio(scope(45, "clinic"))).toBeCloseTo(share(t!, 45, ["vertebral_compression_fracture"]) / share(t!, 45, ["cauda_equina_syndrome"]), 6);
    expect(ratio(scope(16, "clinic"))).toBeCloseTo(own("vertebral_compression_fracture", "clinic") / own("cauda_equina_syndrome", "clinic"), 6);
    expect(ratio(scope(45, "emergency"))).toBeCloseTo(own("vertebral_compression_fracture", "emergency") / own("cauda_equina_syndrome", "emergency"), 6);
    // Mechanical back pain is not in the table and keeps its own prior, so the fracture loses ground to it.
    const fracture = (s: Scope) => prior(s, "vertebral_compression_fracture") / prior(s, "mechanical_low_back_pain");
    expect(fracture(scope(45, "clinic"))).toBeLessThan(fracture(scope(16, "clinic")));
    // Over 55 the series of older patients applies instead, where fractures were commoner.
    expect(older!.strata[0]!.age?.min).toBe(56);
    const olderShare = share(older!, 70, ["vertebral_compression_fracture"]);
    expect(fracture(scope(70, "clinic"))).toBeCloseTo(olderShare / own("mechanical_low_back_pain", "clinic"), 6);
    expect(fracture(scope(70, "clinic"))).toBeGreaterThan(fracture(scope(45, "clinic")));
  });

  it("gives an adult with abdominal pain in primary care the review's proportions, apart from the emergency series", () => {
    const t = table("abdominal_pain", "clinic");
    const [appendix, , gallbladder, urinary] = t.strata[0]!.shares.map((s) => s.diseases);
    const scope = (age: number, setting: "emergency" | "clinic"): Scope => ({ complaint: "abdominal_pain", setting, age, sex: "male" });
    const ratio = (s: Scope) => sum(s, urinary!) / prior(s, "appendicitis");
    expect(ratio(scope(40, "clinic"))).toBeCloseTo(share(t, 40, urinary!) / share(t, 40, appendix!), 6);
    expect(sum(scope(40, "clinic"), gallbladder!) / prior(scope(40, "clinic"), "appendicitis")).toBeCloseTo(share(t, 40, gallbladder!) / share(t, 40, appendix!), 6);
    expect(ratio(scope(12, "clinic"))).toBeCloseTo(ownSum(urinary!, "clinic") / own("appendicitis", "clinic"), 6);
    // The same adult in the emergency department takes the emergency series, which splits by age.
    const emergency = table("abdominal_pain", "emergency");
    expect(prior(scope(40, "emergency"), "renal_colic") / prior(scope(40, "emergency"), "appendicitis")).toBeCloseTo(
      share(emergency, 40, ["renal_colic"]) / share(emergency, 40, ["appendicitis"]),
      6,
    );
  });

  it("gives a brain tumour a larger share of headache in primary care above 50 than below, as the series does", () => {
    const t = table("headache", "clinic");
    const scope = (age: number): Scope => ({ complaint: "headache", setting: "clinic", age, sex: "female" });
    const ratio = (s: Scope) => prior(s, "brain_tumour") / prior(s, "migraine");
    expect(ratio(scope(65)) / ratio(scope(35))).toBeCloseTo(share(t, 65, ["brain_tumour"]) / share(t, 35, ["brain_tumour"]), 6);
    expect(ratio(scope(65))).toBeGreaterThan(ratio(scope(35)));
    expect(prior(scope(65), "giant_cell_arteritis") / prior(scope(65), "brain_tumour")).toBeCloseTo(share(t, 65, ["giant_cell_arteritis"]) / share(t, 65, ["brain_tumour"]), 6);
    expect(ratio(scope(12))).toBeCloseTo(own("brain_tumour", "clinic") / own("migraine", "clinic"), 6);
  });

  it("gives an adult with fever in the emergency department the series' share of pneumonia", () => {
    const t = table("fever", "emergency");
    const scope = (age: number): Scope => ({ complaint: "fever", setting: "emergency", age, sex: "female" });
    const ratio = (s: Scope) => prior(s, "community_acquired_pneumonia") / prior(s, "pyelonephritis");
    expect(ratio(scope(60))).toBeCloseTo(share(t, 60, ["community_acquired_pneumonia"]) / own("pyelonephritis", "emergency"), 6);
    expect(ratio(scope(6))).toBeCloseTo(own("community_acquired_pneumonia", "emergency") / own("pyelonephritis", "emergency"), 6);
  });

  it("gives an adult with acute cough in primary care the series' share of pneumonia", () => {
    const t = table("cough", "clinic");
    const scope = (age: number): Scope => ({ complaint: "cough", setting: "clinic", age, sex: "male" });
    const ratio = (s: Scope) => prior(s, "community_acquired_pneumonia") / prior(s, "acute_bronchitis");
    expect(ratio(scope(50))).toBeCloseTo(share(t, 50, ["community_acquired_pneumonia"]) / own("acute_bronchitis", "clinic"), 6);
    expect(ratio(scope(10))).toBeCloseTo(own("community_acquired_pneumonia", "clinic") / own("acute_bronchitis", "clinic"), 6);
  });

  it("gives an adult with tiredness in primary care the review's depression, anaemia and malignancy proportions", () => {
    const t = table("fatigue", "clinic");
    const [, anaemia, malignancy] = t.strata[0]!.shares.map((s) => s.diseases);
    const scope = (age: number): Scope => ({ complaint: "fatigue", setting: "clinic", age, sex: "female" });
    const adult = scope(45);
    expect(prior(adult, "depression") / sum(adult, anaemia!)).toBeCloseTo(share(t, 45, ["depression"]) / share(t, 45, anaemia!), 6);
    expect(sum(adult, anaemia!) / sum(adult, malignancy!)).toBeCloseTo(share(t, 45, anaemia!) / share(t, 45, malignancy!), 6);
    const child = scope(15);
    expect(prior(child, "depression") / prior(child, "iron_deficiency_anaemia")).toBeCloseTo(own("depression", "clinic") / own("iron_deficiency_anaemia", "clinic"), 6);
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
