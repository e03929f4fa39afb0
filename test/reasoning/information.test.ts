import { describe, expect, it } from "vitest";
import { entropy, expectedInformationGain, posterior } from "../../reasoning/index.js";
import { knowledgeBase } from "../../core/knowledge.js";
import { disease, FEVER_ED, finding, toyKb } from "./toy.js";

/*
 * Hand computation on the toy (toy.ts), gain = H(prior) - sum over outcomes P(o) H(posterior | o).
 * "Other" shows each finding at the scope's diseases' mean by prior (4/9, 3/9, 2/9): f1 0.48/0.9,
 * f2 0.35/0.9, f3 0.30/0.9 (toy.ts).
 *
 * H(0.4, 0.3, 0.2, 0.1) = 1.8464393447 bits.
 *
 * f1 (gamma does not list it: its base_rate 0.3):
 *     P(f1) = 0.36 + 0.06 + 0.06 + 0.1*0.48/0.9 = 0.5333333
 *     present -> (0.36, 0.06, 0.06, 0.0533333) / 0.5333333, H = 1.4241459056
 *     absent  -> (0.04, 0.24, 0.14, 0.0466667) / 0.4666667, H = 1.6504655114
 *     gain = 1.8464393447 - (0.5333333*1.4241459056 + 0.4666667*1.6504655114) = 0.3166776230
 * f2: P(f2) = 0.04 + 0.21 + 0.10 + 0.0388889 = 0.3888889
 *     present H = 1.6535745333, absent H = 1.6162317828, gain = 0.2156853811
 * f3: P(f3) = 0.02 + 0.12 + 0.16 + 0.0333333 = 0.3333333
 *     present H = 1.6146106294, absent H = 1.5479986966, gain = 0.2762366705
 * panel (f2 and f3 jointly, independent given the disease):
 *     (+,+) P = 0.178963, H = 1.3782080767
 *     (+,-) P = 0.209926, H = 1.5841762679
 *     (-,+) P = 0.154370, H = 1.7283289542
 *     (-,-) P = 0.456741, H = 1.1853648532
 *     gain = 0.4590242719, less than 0.2157 + 0.2762: the two findings overlap.
 * After f1 present, from (0.36, 0.06, 0.06, 0.0533333) / 0.5333333, H = 1.4241459056:
 *   f2: (+) P = 0.241389, H = 1.9553047468; (-) P = 0.758611, H = 1.0274564239; gain = 0.1727172060
 *   panel: (+,+) P = 0.092838, H = 1.6059471169; (+,-) P = 0.148551, H = 1.7703081558;
 *          (-,+) P = 0.109245, H = 1.8650961610; (-,-) P = 0.649366, H = 0.6592130267; gain = 0.3802486547
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
    expect(gain({}, { kind: "question", findingId: "f1" })).toBeCloseTo(0.3166776230, 6);
    expect(gain({}, { kind: "question", findingId: "f2" })).toBeCloseTo(0.2156853811, 6);
    expect(gain({}, { kind: "test", testId: "t1" })).toBeCloseTo(0.2762366705, 6);
  });

  it("enumerates the joint outcomes of a test revealing two findings", () => {
    const panel = gain({}, { kind: "test", testId: "panel" });
    expect(panel).toBeCloseTo(0.4590242719, 6);
    expect(panel).toBeLessThan(0.2156853811 + 0.2762366705 - 0.01);
  });

  it("starts from the current posterior", () => {
    expect(gain({ f1: true }, { kind: "question", findingId: "f2" })).toBeCloseTo(0.1727172060, 6);
    expect(gain({ f1: true }, { kind: "test", testId: "panel" })).toBeCloseTo(0.3802486547, 6);
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
