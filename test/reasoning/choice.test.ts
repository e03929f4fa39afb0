import { describe, expect, it } from "vitest";
import { chooseProbes, probeOutlook, rankProbes } from "../../reasoning/index.js";
import { catalog, disease, FEVER_ED, finding, toyKb } from "./toy.js";

/*
 * Gains at the prior, by hand (information.test.ts): f1 0.3311475061, f2 0.2578291797,
 * t1 (f3) 0.3084479804, panel (f2 + f3) 0.5174217481. f1 and f2 jointly, from H = 1.8464393447:
 *     (+,+) P = 0.036 + 0.042 + 0.03 + 0.0015 = 0.1095,     H = 1.6544327817
 *     (+,-) P = 0.324 + 0.018 + 0.03 + 0.0285 = 0.4005,     H = 0.9999302570
 *     (-,+) P = 0.004 + 0.168 + 0.07 + 0.0035 = 0.2455,     H = 1.0748750170
 *     (-,-) P = 0.036 + 0.072 + 0.07 + 0.0665 = 0.2445,     H = 1.9538215617
 *     gain = 0.5232156986, so f2 after f1 adds 0.5232156986 - 0.3311475061 = 0.1920681925.
 * Within a round, an item after the first must add more than 0.05 bits. The rounds of the two
 * kinds are then weighed by value = total gain / (total cost + $300 for the round's delay).
 * At the toy's prices (visit $300, t1 $10, panel $60):
 *     questions f1 ($300), f2 (free): 0.5232156986 / (300 + 300)   = 0.0008720262
 *     tests t1 ($10), panel ($60, adds 0.5174217481 - 0.3084479804 = 0.2089737677):
 *                                     0.5174217481 / (10 + 60 + 300) = 0.0013984372
 */
const none = { asked: new Set<string>(), ordered: new Set<string>() };
const prices = catalog({ t1: 10, panel: 60 });
const choose = (
  options: Partial<Parameters<typeof chooseProbes>[4]>,
  cat = prices,
  evidence = {},
  kb = toyKb(),
) =>
  chooseProbes(kb, cat, FEVER_ED, evidence, {
    ...none,
    budgetLeftUsd: 10_000,
    questionCostUsd: 300,
    ...options,
  });
const ids = (ranked: ReturnType<typeof chooseProbes>) =>
  ranked.map((r) => (r.probe.kind === "question" ? r.probe.findingId : r.probe.testId));

describe("choosing one round's probes", () => {
  it("asks questions inside an open visit, ranked by gain since the cost floors at $1", () => {
    // Free questions: (0.3311475061 + 0.1920681925) / (0 + 300) = 0.0017440523 beats the
    // tests' 0.0013984372.
    expect(choose({ questionCostUsd: 0 })).toEqual([
      { probe: { kind: "question", findingId: "f1" }, gainBits: expect.closeTo(0.3311475061, 6), costUsd: 0, gainPerDollar: expect.closeTo(0.3311475061, 6) },
      { probe: { kind: "question", findingId: "f2" }, gainBits: expect.closeTo(0.1920681925, 6), costUsd: 0, gainPerDollar: expect.closeTo(0.1920681925, 6) },
    ]);
  });

  it("charges the visit fee once for a round of questions", () => {
    const round = choose({ questionCostUsd: 4, budgetLeftUsd: 4 }, catalog({ t1: 100, panel: 100 }));
    expect(ids(round)).toEqual(["f1", "f2"]);
    expect(round.map((r) => r.costUsd)).toEqual([4, 0]);
  });

  it("orders tests when a visit would cost more per bit, counting only what each adds", () => {
    // Tests 0.0013984372 against questions 0.0008720262 (header).
    const round = choose({ questionCostUsd: 300 });
    expect(ids(round)).toEqual(["t1", "panel"]);
    expect(round[0]).toMatchObject({ costUsd: 10, gainBits: expect.closeTo(0.3084479804, 6), gainPerDollar: expect.closeTo(0.03084479804, 6) });
    expect(round[1]).toMatchObject({ costUsd: 60, gainBits: expect.closeTo(0.2089737677, 6), gainPerDollar: expect.closeTo(0.2089737677 / 60, 6) });
  });

  it("does not order a test whose findings the round already reveals", () => {
    // panel ($12, 0.0431 bits/$) covers f3, so t1 would add nothing; the round is worth
    // 0.5174217481 / (12 + 300) = 0.0016584030, more than the questions' 0.0008720262.
    expect(ids(choose({}, catalog({ t1: 10, panel: 12 })))).toEqual(["panel"]);
    // With f2 known both reveal only f3: the cheaper is enough.
    expect(ids(choose({}, prices, { f2: false }))).toEqual(["t1"]);
  });

  it("respects the maximum count of each kind", () => {
    // t1 alone: 0.3084479804 / (10 + 300) = 0.0009949935, still above the questions.
    expect(ids(choose({ maxTests: 1 }))).toEqual(["t1"]);
    // One free question is worth 0.3311475061 / 300 = 0.0011038250: less than both tests
    // (0.0013984372), more than t1 alone (0.0009949935).
    expect(ids(choose({ questionCostUsd: 0, maxQuestions: 1 }))).toEqual(["t1", "panel"]);
    expect(ids(choose({ questionCostUsd: 0, maxQuestions: 1, maxTests: 1 }))).toEqual(["f1"]);
  });

  it("drops what the budget cannot pay, counting the round's total", () => {
    expect(ids(choose({ budgetLeftUsd: 70 }))).toEqual(["t1", "panel"]);
    expect(ids(choose({ budgetLeftUsd: 69 }))).toEqual(["t1"]);
    expect(choose({ budgetLeftUsd: 9 })).toEqual([]);
    // panel ranks first at $12 but does not fit; t1 does.
    expect(ids(choose({ budgetLeftUsd: 11 }, catalog({ t1: 10, panel: 12 })))).toEqual(["t1"]);
  });

  it("orders tests when the better questions cost more than the budget left", () => {
    // At a $4 fee f1 alone yields 0.3311475061 / 4 = 0.0828 bits/$, less than t1 at $3
    // (0.3084479804 / 3 = 0.1028 bits/$), yet the question round, f2 free after f1, is worth
    // 0.5232156986 / (4 + 300) = 0.0017211043 against t1's 0.3084479804 / (3 + 300) =
    // 0.0010179801 (the $60 panel does not fit the budget).
    const cheapT1 = catalog({ t1: 3, panel: 60 });
    expect(ids(choose({ questionCostUsd: 4, budgetLeftUsd: 4 }, cheapT1))).toEqual(["f1", "f2"]);
    expect(ids(choose({ questionCostUsd: 4, budgetLeftUsd: 3.5 }, cheapT1))).toEqual(["t1"]);
  });

  it("leaves out probes below the minimum gain per dollar", () => {
    expect(ids(choose({ minGainPerDollar: 0.01 }))).toEqual(["t1"]);
    expect(choose({ minGainPerDollar: 1 })).toEqual([]);
  });

  it("judges a visit by all its questions together, not each alone at the whole fee", () => {
    // Alone at $300, f1 buys 0.3311475061 / 300 = 0.0011 bits per dollar and f2 less; the visit
    // of both buys 0.5232156986 / 300 = 0.0017.
    expect(ids(choose({ questionCostUsd: 300, minGainPerDollar: 0.0014, prefer: "question" }))).toEqual(["f1", "f2"]);
    // Asking for more than the visit buys leaves the tests, each worth its own price.
    expect(ids(choose({ questionCostUsd: 300, minGainPerDollar: 0.0018, prefer: "question" }))).toEqual(["t1", "panel"]);
  });

  it("asks a free question inside an open visit only when the round is worth a round's time", () => {
    // The visit is open, so f1 and f2 cost nothing, but the round still counts $300 of the
    // patient's time: 0.5232156986 / 300 = 0.0017 bits per dollar clears 0.0014 and not 0.0018,
    // where the tests, each worth its own price, go instead.
    expect(ids(choose({ questionCostUsd: 0, minGainPerDollar: 0.0014, prefer: "question" }))).toEqual(["f1", "f2"]);
    expect(ids(choose({ questionCostUsd: 0, minGainPerDollar: 0.0018, prefer: "question" }))).toEqual(["t1", "panel"]);
  });

  it("price aside, takes the round that learns the most: the visit's 0.52 bits over the tests' 0.52", () => {
    // Priced, the tests win (0.0013984372 against 0.0008720262 per dollar, header).
    expect(ids(choose({ questionCostUsd: 300, priced: false }))).toEqual(["f1", "f2"]);
    expect(ids(choose({ questionCostUsd: 300 }))).toEqual(["t1", "panel"]);
  });

  it("does not repeat what was asked or ordered", () => {
    // panel alone: 0.5174217481 / (60 + 300) = 0.0014372826.
    expect(ids(choose({ ordered: new Set(["t1"]) }))).toEqual(["panel"]);
    // No test priced, so only questions compete.
    expect(ids(choose({ questionCostUsd: 0, asked: new Set(["f1"]) }, catalog({})))).toEqual(["f2"]);
  });

  it("leaves a contraindicated test out of a ranking and the rest as the full ranking has them, on the same knowledge base before or after", () => {
    const kb = toyKb();
    const rank = (forbidden?: Set<string>) => rankProbes(kb, prices, FEVER_ED, {}, { ...none, questionCostUsd: 300, ...(forbidden ? { forbidden } : {}) });
    const without = rank(new Set(["t1"]));
    const all = rank();
    expect(ids(all)).toEqual(["t1", "panel", "f1", "f2"]);
    expect(without).toEqual(all.filter((r) => r.probe.kind !== "test" || r.probe.testId !== "t1"));
    expect(rank(new Set(["t1"]))).toEqual(without);
    expect(rankProbes(toyKb(), prices, FEVER_ED, {}, { ...none, questionCostUsd: 300, forbidden: new Set(["t1"]) })).toEqual(without);
  });

  it("never proposes a test the catalog cannot price", () => {
    expect(ids(choose({}, catalog({ t1: 10 })))).toEqual(["t1"]);
  });

  it("gives the same answer for the same case, whatever the order of the evidence", () => {
    const options = { ...none, budgetLeftUsd: 500, questionCostUsd: 300 };
    const a = chooseProbes(toyKb(), prices, FEVER_ED, { f1: true, f3: false }, options);
    const b = chooseProbes(toyKb(), prices, FEVER_ED, { f3: false, f1: true }, options);
    expect(a).toEqual(b);
    expect(ids(a)).toEqual(["panel"]);
  });

  it("breaks exact ties by id", () => {
    const kb = toyKb({
      findings: [finding({ id: "f7", kind: "test", tests: ["b_twin", "a_twin"] })],
      diseases: [disease("delta", ["fever"], { emergency: 0.1, clinic: 0.1 }, { f7: 0.6 })],
    });
    const ranked = rankProbes(kb, catalog({ a_twin: 5, b_twin: 5 }), FEVER_ED, {}, { ...none, questionCostUsd: 300 });
    expect(ids(ranked).filter((id) => id.endsWith("twin"))).toEqual(["a_twin", "b_twin"]);
    expect(ranked[0]?.gainBits).toBe(ranked[1]?.gainBits);
  });

  it("leaves out of a round a question that adds less than 0.05 bits to it", () => {
    /*
     * alpha also lists f8 at 0.25; the others sit at the leak 0.05.
     * f8 alone: P(f8) = 0.4*0.25 + 0.3*0.05 + 0.2*0.05 + 0.1*0.05 = 0.13
     *     present -> (0.1, 0.015, 0.01, 0.005) / 0.13,   H = 1.1160762797
     *     absent  -> (0.3, 0.285, 0.19, 0.095) / 0.87,  H = 1.8853570889
     *     gain = 1.8464393447 - (0.13*1.1160762797 + 0.87*1.8853570889) = 0.0610887610
     * After f1 it adds at most that (the findings are independent given the disease), less
     * than f2's 0.1920681925, so f2 goes second. f1, f2 and f8 jointly:
     *     (+,+,+) P = 0.009 + 0.0021 + 0.0015 + 0.000075  = 0.012675, H = 1.1886228020
     *     (+,+,-) P = 0.027 + 0.0399 + 0.0285 + 0.001425  = 0.096825, H = 1.6497394942
     *     (+,-,+) P = 0.081 + 0.0009 + 0.0015 + 0.001425  = 0.084825, H = 0.3351342489
     *     (+,-,-) P = 0.243 + 0.0171 + 0.0285 + 0.027075  = 0.315675, H = 1.1355771291
     *     (-,+,+) P = 0.001 + 0.0084 + 0.0035 + 0.000175  = 0.013075, H = 1.2860268214
     *     (-,+,-) P = 0.003 + 0.1596 + 0.0665 + 0.003325  = 0.232425, H = 1.0575755574
     *     (-,-,+) P = 0.009 + 0.0036 + 0.0035 + 0.003325  = 0.019425, H = 1.8463158319
     *     (-,-,-) P = 0.027 + 0.0684 + 0.0665 + 0.063175  = 0.225075, H = 1.9233947164
     *     gain = 0.5533419008, so f8 third adds 0.5533419008 - 0.5232156986 = 0.0301262022:
     *     padding, though the visit is open and three more questions would fit.
     */
    const kb = toyKb({
      findings: [finding({ id: "f8", kind: "symptom", question: "Any f8?" })],
      alpha: { f8: 0.25 },
    });
    const f8 = rankProbes(kb, prices, FEVER_ED, {}, { ...none, questionCostUsd: 0 }).find(
      (r) => r.probe.kind === "question" && r.probe.findingId === "f8",
    );
    expect(f8?.gainBits).toBeCloseTo(0.061088761, 6);
    expect(ids(choose({ questionCostUsd: 0 }, prices, {}, kb))).toEqual(["f1", "f2"]);
  });

  it("passes over a cheap test that adds too little and keeps filling the round", () => {
    // f9 at 0.1 in alpha, on a $1 swab: ranked first per dollar once t1 is in, it adds less
    // than the padding bar, and must not shut out the panel's 0.209 bits.
    const kb = toyKb({ findings: [finding({ id: "f9", kind: "test", tests: ["swab"] })], alpha: { f9: 0.1 } });
    const withoutSwab = choose({ questionCostUsd: 300, budgetLeftUsd: 10_000 }, catalog({ t1: 10, panel: 60 }), {}, kb);
    const withSwab = choose({ questionCostUsd: 300, budgetLeftUsd: 10_000 }, catalog({ t1: 10, panel: 60, swab: 1 }), {}, kb);
    expect(ids(withoutSwab)).toEqual(["t1", "panel"]);
    expect(ids(withSwab)).toEqual(["t1", "panel"]);
  });

  it("prefers a rich round of questions to a cheap test that learns little", () => {
    /*
     * alpha also lists f9 at 0.3, revealed by a $2 swab; the others sit at the leak 0.05.
     *     P(f9) = 0.4*0.3 + 0.3*0.05 + 0.2*0.05 + 0.1*0.05 = 0.15
     *     present -> (0.12, 0.015, 0.01, 0.005) / 0.15,  H = 1.0137576783
     *     absent  -> (0.28, 0.285, 0.19, 0.095) / 0.85, H = 1.8928116731
     *     gain = 1.8464393447 - (0.15*1.0137576783 + 0.85*1.8928116731) = 0.0854857708
     * The swab is the best buy per dollar, 0.0854857708 / 2 = 0.0427 bits/$ against f1's
     * 0.0011 at $300, but as rounds:
     *     test round   0.0854857708 / (2 + 300)   = 0.0002830655
     *     question round 0.5232156986 / (300 + 300) = 0.0008720262
     * Without the $300 a round costs, the swab would win at 0.0427 against 0.00087.
     * The rounds cross where 0.5232156986 / (fee + 300) = 0.0002830655, a visit fee of
     * $1548.39 (with no floor on gain per dollar, which would drop f1 first).
     */
    const kb = toyKb({ findings: [finding({ id: "f9", kind: "test", tests: ["swab"] })], alpha: { f9: 0.3 } });
    const swab = catalog({ swab: 2 });
    const ranking = rankProbes(kb, swab, FEVER_ED, {}, { ...none, questionCostUsd: 300 });
    expect(ranking[0]).toMatchObject({
      probe: { kind: "test", testId: "swab" },
      gainBits: expect.closeTo(0.0854857708, 6),
      gainPerDollar: expect.closeTo(0.0427428854, 6),
    });
    const round = choose({}, swab, {}, kb);
    expect(ids(round)).toEqual(["f1", "f2"]);
    expect(round.reduce((sum, r) => sum + r.gainBits, 0)).toBeCloseTo(0.5232156986, 6);
    expect(ids(choose({ questionCostUsd: 1548, minGainPerDollar: 0 }, swab, {}, kb))).toEqual(["f1", "f2"]);
    expect(ids(choose({ questionCostUsd: 1549, minGainPerDollar: 0 }, swab, {}, kb))).toEqual(["swab"]);
  });
});

describe("probe outlook", () => {
  it("reports the best gain per dollar and the cheapest probe worth its price", () => {
    const ranked = rankProbes(toyKb(), prices, FEVER_ED, {}, { ...none, questionCostUsd: 300 });
    expect(ids(ranked)).toEqual(["t1", "panel", "f1", "f2"]);
    expect(probeOutlook(ranked, 0.005)).toEqual({
      bestGainPerDollar: expect.closeTo(0.03084479804, 6),
      cheapestProbeUsd: 10,
    });
    expect(probeOutlook(ranked, 1).cheapestProbeUsd).toBe(Infinity);
    expect(probeOutlook([], 0.005)).toEqual({ bestGainPerDollar: 0, cheapestProbeUsd: Infinity });
  });
});
