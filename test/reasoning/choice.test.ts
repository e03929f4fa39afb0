import { describe, expect, it } from "vitest";
import { chooseProbes, probeOutlook, rankProbes } from "../../reasoning/index.js";
import { catalog, disease, FEVER_ED, finding, toyKb } from "./toy.js";

/*
 * Gains at the prior, by hand (information.test.ts): f1 0.3166776230, f2 0.2156853811,
 * t1 (f3) 0.2762366705, panel (f2 + f3) 0.4590242719. f1 and f2 jointly, from H = 1.8464393447,
 * gain = 0.4557445394, so f2 after f1 adds 0.4557445394 - 0.3166776230 = 0.1390669164.
 * Within a round, an item after the first must add more than 0.05 bits. The rounds of the two
 * kinds are then weighed by value = total gain / (total cost + $300 for the round's delay).
 * At the toy's prices (visit $300, t1 $10, panel $60):
 *     questions f1 ($300), f2 (free): 0.4557445394 / (300 + 300)   = 0.0007595742
 *     tests t1 ($10), panel ($60, adds 0.4590242719 - 0.2762366705 = 0.1827876014):
 *                                     0.4590242719 / (10 + 60 + 300) = 0.0012406061
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
    // Free questions: (0.3166776230 + 0.1390669164) / (0 + 300) = 0.0015191485 beats the
    // tests' 0.0012406061.
    expect(choose({ questionCostUsd: 0 })).toEqual([
      { probe: { kind: "question", findingId: "f1" }, gainBits: expect.closeTo(0.3166776230, 6), costUsd: 0, gainPerDollar: expect.closeTo(0.3166776230, 6) },
      { probe: { kind: "question", findingId: "f2" }, gainBits: expect.closeTo(0.1390669164, 6), costUsd: 0, gainPerDollar: expect.closeTo(0.1390669164, 6) },
    ]);
  });

  it("charges the visit fee once for a round of questions", () => {
    const round = choose({ questionCostUsd: 4, budgetLeftUsd: 4 }, catalog({ t1: 100, panel: 100 }));
    expect(ids(round)).toEqual(["f1", "f2"]);
    expect(round.map((r) => r.costUsd)).toEqual([4, 0]);
  });

  it("orders tests when a visit would cost more per bit, counting only what each adds", () => {
    // Tests 0.0012406061 against questions 0.0007595742 (header).
    const round = choose({ questionCostUsd: 300 });
    expect(ids(round)).toEqual(["t1", "panel"]);
    expect(round[0]).toMatchObject({ costUsd: 10, gainBits: expect.closeTo(0.2762366705, 6), gainPerDollar: expect.closeTo(0.02762366705, 6) });
    expect(round[1]).toMatchObject({ costUsd: 60, gainBits: expect.closeTo(0.1827876014, 6), gainPerDollar: expect.closeTo(0.1827876014 / 60, 6) });
  });

  it("does not order a test whose findings the round already reveals", () => {
    // panel ($12, 0.0383 bits/$) covers f3, so t1 would add nothing; the round is worth
    // 0.4590242719 / (12 + 300) = 0.0014712316, more than the questions' 0.0007595742.
    expect(ids(choose({}, catalog({ t1: 10, panel: 12 })))).toEqual(["panel"]);
    // With f2 known both reveal only f3: the cheaper is enough.
    expect(ids(choose({}, prices, { f2: false }))).toEqual(["t1"]);
  });

  it("respects the maximum count of each kind", () => {
    // t1 alone: 0.2762366705 / (10 + 300) = 0.0008910860, still above the questions.
    expect(ids(choose({ maxTests: 1 }))).toEqual(["t1"]);
    // One free question is worth 0.3166776230 / 300 = 0.0010555921: less than both tests
    // (0.0012406061), more than t1 alone (0.0008910860).
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
    // At a $4 fee f1 alone yields 0.3166776230 / 4 = 0.0792 bits/$, less than t1 at $3
    // (0.2762366705 / 3 = 0.0921 bits/$), yet the question round, f2 free after f1, is worth
    // 0.4557445394 / (4 + 300) = 0.0014991597 against t1's 0.2762366705 / (3 + 300) =
    // 0.0009116722 (the $60 panel does not fit the budget).
    const cheapT1 = catalog({ t1: 3, panel: 60 });
    expect(ids(choose({ questionCostUsd: 4, budgetLeftUsd: 4 }, cheapT1))).toEqual(["f1", "f2"]);
    expect(ids(choose({ questionCostUsd: 4, budgetLeftUsd: 3.5 }, cheapT1))).toEqual(["t1"]);
  });

  it("leaves out probes below the minimum gain per dollar", () => {
    expect(ids(choose({ minGainPerDollar: 0.01 }))).toEqual(["t1"]);
    expect(choose({ minGainPerDollar: 1 })).toEqual([]);
  });

  it("judges a visit by all its questions together, not each alone at the whole fee", () => {
    // Alone at $300, f1 buys 0.3166776230 / 300 = 0.0011 bits per dollar and f2 less; the visit
    // of both buys 0.4557445394 / 300 = 0.0015.
    expect(ids(choose({ questionCostUsd: 300, minGainPerDollar: 0.0014, prefer: "question" }))).toEqual(["f1", "f2"]);
    // Asking for more than the visit buys leaves the tests, each worth its own price.
    expect(ids(choose({ questionCostUsd: 300, minGainPerDollar: 0.0018, prefer: "question" }))).toEqual(["t1", "panel"]);
  });

  it("asks a free question inside an open visit only when the round is worth a round's time", () => {
    // The visit is open, so f1 and f2 cost nothing, but the round still counts $300 of the
    // patient's time: 0.4557445394 / 300 = 0.0015 bits per dollar clears 0.0014 and not 0.0018,
    // where the tests, each worth its own price, go instead.
    expect(ids(choose({ questionCostUsd: 0, minGainPerDollar: 0.0014, prefer: "question" }))).toEqual(["f1", "f2"]);
    expect(ids(choose({ questionCostUsd: 0, minGainPerDollar: 0.0018, prefer: "question" }))).toEqual(["t1", "panel"]);
  });

  it("price aside, takes the round that learns the most: the visit's 0.46 bits over t1's 0.28", () => {
    // With t1 the only test on offer. Priced, t1 wins: 0.2762366705 / (10 + 300) = 0.0008910860
    // against the visit's 0.0007595742 per dollar (header). With the panel on offer too, its
    // 0.4590242719 bits learn more than the visit's, price aside.
    const t1Only = catalog({ t1: 10 });
    expect(ids(choose({ questionCostUsd: 300, priced: false }, t1Only))).toEqual(["f1", "f2"]);
    expect(ids(choose({ questionCostUsd: 300 }, t1Only))).toEqual(["t1"]);
    expect(ids(choose({ questionCostUsd: 300, priced: false }))).toEqual(["panel"]);
  });

  it("does not repeat what was asked or ordered", () => {
    // panel alone: 0.4590242719 / (60 + 300) = 0.0012750674.
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
     * alpha also lists f8 at 0.25; beta and gamma sit at the leak 0.05, "other" at their mean
     * (4*0.25 + 3*0.05 + 2*0.05) / 9 = 0.1388889.
     * f8 alone: P(f8) = 0.1 + 0.015 + 0.01 + 0.0138889 = 0.1388889
     *     present -> (0.1, 0.015, 0.01, 0.0138889) / 0.1388889,  H = 1.2935019860
     *     absent  -> (0.3, 0.285, 0.19, 0.0861111) / 0.8611111, H = 1.8711948432
     *     gain = 0.0554796205
     * After f1 it adds at most that (the findings are independent given the disease), less
     * than f2's 0.1390669164, so f2 goes second. f1, f2 and f8 jointly:
     *     (+,+,+) P = 0.015481, H = 1.6235780043    (-,+,+) P = 0.015421, H = 1.6460380459
     *     (+,+,-) P = 0.113260, H = 1.9445101520    (-,+,-) P = 0.244728, H = 1.2442712956
     *     (+,-,+) P = 0.087927, H = 0.4972466968    (-,-,+) P = 0.020061, H = 1.8651326855
     *     (+,-,-) P = 0.316666, H = 1.1430366649    (-,-,-) P = 0.186458, H = 1.8501020640
     *     gain = 0.4831157397, so f8 third adds 0.4831157397 - 0.4557445394 = 0.0273712002:
     *     padding, though the visit is open and three more questions would fit.
     */
    const kb = toyKb({
      findings: [finding({ id: "f8", kind: "symptom", question: "Any f8?" })],
      alpha: { f8: 0.25 },
    });
    const f8 = rankProbes(kb, prices, FEVER_ED, {}, { ...none, questionCostUsd: 0 }).find(
      (r) => r.probe.kind === "question" && r.probe.findingId === "f8",
    );
    expect(f8?.gainBits).toBeCloseTo(0.0554796205, 6);
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
     * alpha also lists f9 at 0.3, revealed by a $2 swab; beta and gamma sit at the leak 0.05,
     * "other" at their mean (4*0.3 + 3*0.05 + 2*0.05) / 9 = 0.1611111.
     *     P(f9) = 0.12 + 0.015 + 0.01 + 0.0161111 = 0.1611111
     *     present -> (0.12, 0.015, 0.01, 0.0161111) / 0.1611111,  H = 1.2165374972
     *     absent  -> (0.28, 0.285, 0.19, 0.0838889) / 0.8388889, H = 1.8749700129
     *     gain = 0.0775501260
     * The swab is the best buy per dollar, 0.0775501260 / 2 = 0.0388 bits/$ against f1's
     * 0.0011 at $300, but as rounds:
     *     test round   0.0775501260 / (2 + 300)   = 0.0002567885
     *     question round 0.4557445394 / (300 + 300) = 0.0007595742
     * Without the $300 a round costs, the swab would win at 0.0388 against 0.00076.
     * The rounds cross where 0.4557445394 / (fee + 300) = 0.0002567885, a visit fee of
     * $1474.79 (with no floor on gain per dollar, which would drop f1 first).
     */
    const kb = toyKb({ findings: [finding({ id: "f9", kind: "test", tests: ["swab"] })], alpha: { f9: 0.3 } });
    const swab = catalog({ swab: 2 });
    const ranking = rankProbes(kb, swab, FEVER_ED, {}, { ...none, questionCostUsd: 300 });
    expect(ranking[0]).toMatchObject({
      probe: { kind: "test", testId: "swab" },
      gainBits: expect.closeTo(0.0775501260, 6),
      gainPerDollar: expect.closeTo(0.0387750630, 6),
    });
    const round = choose({}, swab, {}, kb);
    expect(ids(round)).toEqual(["f1", "f2"]);
    expect(round.reduce((sum, r) => sum + r.gainBits, 0)).toBeCloseTo(0.4557445394, 6);
    expect(ids(choose({ questionCostUsd: 1474, minGainPerDollar: 0 }, swab, {}, kb))).toEqual(["f1", "f2"]);
    expect(ids(choose({ questionCostUsd: 1475, minGainPerDollar: 0 }, swab, {}, kb))).toEqual(["swab"]);
  });
});

describe("probe outlook", () => {
  it("reports the best gain per dollar and the cheapest probe worth its price", () => {
    const ranked = rankProbes(toyKb(), prices, FEVER_ED, {}, { ...none, questionCostUsd: 300 });
    expect(ids(ranked)).toEqual(["t1", "panel", "f1", "f2"]);
    expect(probeOutlook(ranked, 0.005)).toEqual({
      bestGainPerDollar: expect.closeTo(0.02762366705, 6),
      cheapestProbeUsd: 10,
    });
    expect(probeOutlook(ranked, 1).cheapestProbeUsd).toBe(Infinity);
    expect(probeOutlook([], 0.005)).toEqual({ bestGainPerDollar: 0, cheapestProbeUsd: Infinity });
  });
});
