import { describe, expect, it } from "vitest";
import {
  DifferentialSchema,
  posterior,
  unknownFindings,
} from "../../reasoning/index.js";
import { knowledgeBase } from "../../core/knowledge.js";
import { disease, FEVER_ED, finding, toyKb } from "./toy.js";

/*
 * Hand computation (toy in toy.ts; priors 0.4, 0.3, 0.2, 0.1 after renormalising; "other" shows a
 * finding at the diseases' mean by prior, weights 4/9, 3/9, 2/9):
 *
 * f1 present: alpha 0.4*0.9 = 0.36, beta 0.3*0.2 = 0.06, gamma 0.2*0.3 = 0.06 (gamma does
 *   not list f1: its base_rate), other 0.1*(0.48/0.9) = 0.0533333; sum 0.5333333
 *   -> alpha 0.675, beta 0.1125, gamma 0.1125 (an exact tie with beta), other 0.1 (a finding
 *   seen at the mean rate leaves "other" where it was)
 *
 * f1 present, f3 absent (times 1 - P(f3)): alpha 0.36*0.95 = 0.342, beta 0.06*0.6 = 0.036,
 *   gamma 0.06*0.2 = 0.012, other 0.0533333*(1 - 0.30/0.9) = 0.0355556; sum 0.4255556
 *   -> alpha 0.8036554, beta 0.0845953, other 0.0835509, gamma 0.0281984
 */
const pOf = (d: { id: string; p: number }[]) => Object.fromEntries(d.map((e) => [e.id, e.p]));

describe("posterior", () => {
  it("gives the posterior of the evidence asked about, however often and in whatever order it is asked", () => {
    const kb = toyKb();
    const first = pOf(posterior(kb, FEVER_ED, { f1: true }));
    const second = pOf(posterior(kb, FEVER_ED, { f1: true, f3: false }));
    // The same evidence learnt in another order, then the first again: the hand figures above each time.
    expect(pOf(posterior(kb, FEVER_ED, { f3: false, f1: true }))).toEqual(second);
    expect(pOf(posterior(kb, FEVER_ED, { f1: true }))).toEqual(first);
    expect(first.alpha).toBeCloseTo(0.675, 6);
    expect(second.alpha).toBeCloseTo(0.8036554, 6);
    // A value changed on the caller's own object is new evidence, not the evidence remembered.
    const evidence: Record<string, boolean> = { f1: true };
    posterior(kb, FEVER_ED, evidence);
    evidence.f1 = false;
    expect(pOf(posterior(kb, FEVER_ED, evidence)).alpha).toBeLessThan(0.4);
    // Shared by every caller, the posterior cannot be changed by one of them.
    expect(() => (posterior(kb, FEVER_ED, evidence) as { id: string }[]).sort()).toThrow();
  });

  it("renormalises the setting's priors, with 'other' as a hypothesis", () => {
    const d = posterior(toyKb(), FEVER_ED, {});
    expect(d.map((e) => e.id)).toEqual(["alpha", "beta", "gamma", "other"]);
    const p = pOf(d);
    expect(p.alpha).toBeCloseTo(0.4, 6);
    expect(p.beta).toBeCloseTo(0.3, 6);
    expect(p.gamma).toBeCloseTo(0.2, 6);
    expect(p.other).toBeCloseTo(0.1, 6);
  });

  it("weighs a present finding at its base rate for every hypothesis that does not list it", () => {
    const d = posterior(toyKb(), FEVER_ED, { f1: true });
    // beta and gamma tie at 0.06 / 0.51; the tie goes by id.
    expect(d.map((e) => e.id)).toEqual(["alpha", "beta", "gamma", "other"]);
    const p = pOf(d);
    expect(p.alpha).toBeCloseTo(0.36 / 0.5333333, 6);
    expect(p.alpha).toBeCloseTo(0.675, 6);
    expect(p.beta).toBeCloseTo(0.1125, 6);
    // At the leak (0.05) gamma would fall to 0.01 / 0.4833 = 0.0207.
    expect(p.gamma).toBeCloseTo(0.06 / 0.5333333, 6);
    expect(p.gamma).toBeCloseTo(0.1125, 6);
    expect(p.other).toBeCloseTo(0.1, 6);
  });

  it("weighs an absent finding by one minus its likelihood", () => {
    const p = pOf(posterior(toyKb(), FEVER_ED, { f1: true, f3: false }));
    expect(p.alpha).toBeCloseTo(0.342 / 0.4255556, 6);
    expect(p.alpha).toBeCloseTo(0.8036554, 6);
    expect(p.beta).toBeCloseTo(0.0845953, 6);
    expect(p.other).toBeCloseTo(0.0835509, 6);
    expect(p.gamma).toBeCloseTo(0.0281984, 6);
  });

  it("ignores findings the knowledge base does not define, and reports them", () => {
    const kb = toyKb();
    const evidence = { f1: true, zz_unknown: true, aa_unknown: false };
    expect(posterior(kb, FEVER_ED, evidence)).toEqual(posterior(kb, FEVER_ED, { f1: true }));
    expect(unknownFindings(kb, evidence)).toEqual(["aa_unknown", "zz_unknown"]);
  });

  it("keeps only the diseases that present with the complaint", () => {
    const d = posterior(toyKb(), { complaint: "cough", setting: "emergency" }, {});
    // beta 0.15 and other 0.05 renormalised.
    expect(d).toEqual([
      { id: "beta", name: "Disease beta", p: expect.closeTo(0.75, 6) },
      { id: "other", name: expect.any(String), p: expect.closeTo(0.25, 6) },
    ]);
  });

  it("keeps every disease when none presents with the complaint", () => {
    const d = posterior(toyKb(), { complaint: "headache", setting: "emergency" }, {});
    expect(d.map((e) => e.id)).toEqual(["alpha", "beta", "gamma", "other"]);
  });

  it("uses the priors of the setting", () => {
    // clinic: alpha 0.1, beta 0.1, gamma 0.25, other 0.05; sum 0.5.
    const p = pOf(posterior(toyKb(), { complaint: "fever", setting: "clinic" }, {}));
    expect(p).toEqual({
      gamma: expect.closeTo(0.5, 6),
      alpha: expect.closeTo(0.2, 6),
      beta: expect.closeTo(0.2, 6),
      other: expect.closeTo(0.1, 6),
    });
  });

  it("breaks ties by id and matches its schema", () => {
    const twin = (id: string) => disease(id, ["fever"], { emergency: 0.2, clinic: 0.2 }, { f1: 0.5 });
    const kb = knowledgeBase([twin("zeta"), twin("eta")], [finding({ id: "f1", kind: "symptom" })], {
      leak: 0.05,
      otherPrior: 0.1,
    });
    const d = posterior(kb, FEVER_ED, { f1: true });
    expect(d.map((e) => e.id)).toEqual(["eta", "zeta", "other"]);
    expect(DifferentialSchema.safeParse(d).success).toBe(true);
    expect(DifferentialSchema.safeParse([...d].reverse()).success).toBe(false);
  });

  it("does not underflow on long evidence", () => {
    const ids = Array.from({ length: 400 }, (_, i) => `x${i}`);
    const kb = knowledgeBase(
      [
        disease("rare", ["fever"], { emergency: 0.5, clinic: 0.5 }, Object.fromEntries(ids.map((id) => [id, 0.01]))),
        disease("rarer", ["fever"], { emergency: 0.5, clinic: 0.5 }, Object.fromEntries(ids.map((id) => [id, 0.005]))),
      ],
      ids.map((id) => finding({ id, kind: "symptom" })),
      { leak: 0.001, otherPrior: 0.1 },
    );
    // 0.01^400 is far below the smallest double; in log space the ratio survives: 2^400 to 1.
    const d = posterior(kb, FEVER_ED, Object.fromEntries(ids.map((id) => [id, true])));
    expect(d[0]).toMatchObject({ id: "rare", p: 1 });
    expect(d.reduce((s, e) => s + e.p, 0)).toBeCloseTo(1, 12);
  });

  it("does not depend on the order the evidence was learnt in", () => {
    const kb = toyKb();
    expect(posterior(kb, FEVER_ED, { f3: false, f2: true, f1: true })).toEqual(
      posterior(kb, FEVER_ED, { f1: true, f2: true, f3: false }),
    );
  });
});
