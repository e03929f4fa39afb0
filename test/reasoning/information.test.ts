import { describe, expect, it } from "vitest";
import { entropy, expectedInformationGain, posterior } from "../../reasoning/index.js";
import { knowledgeBase } from "../../core/knowledge.js";
import { disease, FEVER_ED, finding, toyKb } from "./toy.js";

/*
 * Hand computation on the toy (toy.ts), gain = H(prior) - sum over outcomes P(o) H(posterior | o).
 *
 * H(0.4, 0.3, 0.2, 0.1) = 1.8464393447 bits.
 *
 * f1 (gamma does not list it: its base_rate 0.3, like "other"):
 *     P(f1) = 0.4*0.9 + 0.3*0.2 + 0.2*0.3 + 0.1*0.3 = 0.51
 *     present -> (0.36, 0.06, 0.06, 0.03) / 0.51, H = 1.3216069584
 *     absent  -> (0.04, 0.24, 0.14, 0.07) / 0.49, H = 1.7168822241
 *     gain = 1.8464393447 - (0.51*1.3216069584 + 0.49*1.7168822241) = 0.3311475061
 * f2: P(f2) = 0.04 + 0.21 + 0.10 + 0.005 = 0.355
 *     present -> (0.04, 0.21, 0.10, 0.005) / 0.355, H = 1.4044528427
 *     absent  -> (0.36, 0.09, 0.10, 0.095) / 0.645, H = 1.6899680711
 *     gain = 0.2578291797
 * f3: P(f3) = 0.02 + 0.12 + 0.16 + 0.005 = 0.305
 *     present -> (0.02, 0.12, 0.16, 0.005) / 0.305, H = 1.3727193045
 *     absent  -> (0.38, 0.18, 0.04, 0.095) / 0.695, H = 1.6105208293
 *     gain = 0.3084479804
 * panel (f2 and f3 jointly, independent given the disease):
 *     (+,+) P = 0.002 + 0.084 + 0.08 + 0.00025 = 0.16625,  H = 1.0962546741
 *     (+,-) P = 0.038 + 0.126 + 0.02 + 0.00475 = 0.18875,  H = 1.3315925245
 *     (-,+) P = 0.018 + 0.036 + 0.08 + 0.00475 = 0.13875,  H = 1.5119630361
 *     (-,-) P = 0.342 + 0.054 + 0.02 + 0.09025 = 0.50625,  H = 1.3543551541
 *     gain = 0.5174217481, less than 0.2578 + 0.3084: the two findings overlap.
 * After f1 present, from (0.36, 0.06, 0.06, 0.03) / 0.51, H = 1.3216069584:
 *   f2: (+) P = (0.036 + 0.042 + 0.03 + 0.0015) / 0.51 = 0.1095 / 0.51, H = 1.6544327817
 *       (-) P = (0.324 + 0.018 + 0.03 + 0.0285) / 0.51 = 0.4005 / 0.51, H = 0.9999302570
 *       gain = 1.3216069584 - (0.1095*1.6544327817 + 0.4005*0.9999302570) / 0.51 = 0.1811511593
 *   panel: (+,+) P = (0.0018 + 0.0168 + 0.024 + 0.000075) / 0.51 = 0.042675 / 0.51, H = 1.2051783521
 *          (+,-) P = (0.0342 + 0.0252 + 0.006 + 0.001425) / 0.51 = 0.066825 / 0.51, H = 1.4557559528
 *          (-,+) P = (0.0162 + 0.0072 + 0.024 + 0.001425) / 0.51 = 0.048825 / 0.51, H = 1.5877737736
 *          (-,-) P = (0.3078 + 0.0108 + 0.006 + 0.027075) / 0.51 = 0.351675 / 0.51, H = 0.7075875032
 *          gain = 0.3900858458
 */
const kb = toyKb();
const gain = (evidence: Record<string, boolean>, probe: Parameters<typeof expectedInformationGain>[3]) =>
  expectedInformationGain(kb, FEVER_ED, evidence, probe);

describe("entropy", () => {
  it("measures the prior's uncertainty in bits", () => {
    expect(entropy(posterior(kb, FEVER_ED, {}))).toBeCloseTo(1.8464393447, 6);
  });

  it("is zero for a certain differential and one bit for a coin toss", () => {
    expect(entropy([{ id: "a", name: "A", p: 1 }, { id: "b", name: "B", p: 0 }])).toBe(0);
    expect(entropy([{ id: "a", name: "A", p: 0.5 }, { id: "b", name: "B", p: 0.5 }])).toBeCloseTo(1, 12);
  });
});

describe("expected information gain", () => {
  it("matches the hand computation for each single finding", () => {
    expect(gain({}, { kind: "question", findingId: "f1" })).toBeCloseTo(0.3311475061, 6);
    expect(gain({}, { kind: "question", findingId: "f2" })).toBeCloseTo(0.2578291797, 6);
    expect(gain({}, { kind: "test", testId: "t1" })).toBeCloseTo(0.3084479804, 6);
  });

  it("enumerates the joint outcomes of a test revealing two findings", () => {
    const panel = gain({}, { kind: "test", testId: "panel" });
    expect(panel).toBeCloseTo(0.5174217481, 6);
    expect(panel).toBeLessThan(0.2578291797 + 0.3084479804 - 0.01);
  });

  it("starts from the current posterior", () => {
    expect(gain({ f1: true }, { kind: "question", findingId: "f2" })).toBeCloseTo(0.1811511593, 6);
    expect(gain({ f1: true }, { kind: "test", testId: "panel" })).toBeCloseTo(0.3900858458, 6);
  });

  it("does not count again what the evidence already holds", () => {
    expect(gain({ f2: true }, { kind: "question", findingId: "f2" })).toBe(0);
    expect(gain({ f3: false }, { kind: "test", testId: "t1" })).toBe(0);
    // With f3 known, the panel can only add f2.
    expect(gain({ f3: false }, { kind: "test", testId: "panel" })).toBe(
      gain({ f3: false }, { kind: "question", findingId: "f2" }),
    );
  });

  it("is zero for probes the knowledge base knows nothing about", () => {
    expect(gain({}, { kind: "question", findingId: "nope" })).toBe(0);
    expect(gain({}, { kind: "test", testId: "nope" })).toBe(0);
  });
});

describe("tests revealing many findings", () => {
  // Two diseases that disagree on each of n findings revealed by one test.
  function wideKb(n: number, pSick: number, pWell: number) {
    const ids = Array.from({ length: n }, (_, i) => `w${String(i).padStart(2, "0")}`);
    const findings = ids.map((id) => finding({ id, kind: "test", tests: ["wide", `only_${id}`] }));
    const sick = disease("sick", ["fever"], { emergency: 0.45, clinic: 0.45 }, Object.fromEntries(ids.map((id) => [id, pSick])));
    const well = disease("well", ["fever"], { emergency: 0.45, clinic: 0.45 }, Object.fromEntries(ids.map((id) => [id, pWell])));
    return { kb: knowledgeBase([sick, well], findings, { leak: 0.05, otherPrior: 0.1 }), ids };
  }
  const singleSum = (k: ReturnType<typeof wideKb>) =>
    k.ids
      .map((id) => expectedInformationGain(k.kb, FEVER_ED, {}, { kind: "test", testId: `only_${id}` }))
      .reduce((a, b) => a + b, 0);

  it("is exact, and below the sum of single gains, up to ten findings", () => {
    const k = wideKb(10, 0.6, 0.4);
    const joint = expectedInformationGain(k.kb, FEVER_ED, {}, { kind: "test", testId: "wide" });
    expect(joint).toBeGreaterThan(0);
    expect(joint).toBeLessThan(singleSum(k));
  });

  it("sums single gains beyond ten findings", () => {
    const k = wideKb(12, 0.55, 0.45);
    const summed = singleSum(k);
    expect(summed).toBeLessThan(entropy(posterior(k.kb, FEVER_ED, {})));
    expect(expectedInformationGain(k.kb, FEVER_ED, {}, { kind: "test", testId: "wide" })).toBeCloseTo(summed, 12);
  });

  it("gives the same gain whatever was worked out before it (nothing carries over between calls)", () => {
    const k = wideKb(10, 0.6, 0.4);
    const single = () => expectedInformationGain(k.kb, FEVER_ED, {}, { kind: "test", testId: `only_${k.ids[0]}` });
    const first = single();
    expect(expectedInformationGain(k.kb, FEVER_ED, {}, { kind: "test", testId: "wide" })).toBeGreaterThan(first);
    expect(single()).toBe(first);
  });

  it("caps the summed gain at the differential's entropy", () => {
    const k = wideKb(12, 0.9, 0.1);
    const h = entropy(posterior(k.kb, FEVER_ED, {}));
    expect(singleSum(k)).toBeGreaterThan(h);
    expect(expectedInformationGain(k.kb, FEVER_ED, {}, { kind: "test", testId: "wide" })).toBeCloseTo(h, 12);
  });
});
