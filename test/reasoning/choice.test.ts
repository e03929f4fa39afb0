import { describe, expect, it } from "vitest";
import { chooseProbes, probeOutlook, rankProbes } from "../../reasoning/index.js";
import { catalog, disease, FEVER_ED, finding, toyKb } from "./toy.js";

// Gains at the prior, by hand (information.test.ts): f1 0.4457932916, f2 0.2578291797,
// t1 (f3) 0.3084479804, panel (f2 + f3) 0.5174217481.
const none = { asked: new Set<string>(), ordered: new Set<string>() };
const prices = catalog({ t1: 10, panel: 60 });
const choose = (options: Partial<Parameters<typeof chooseProbes>[4]>, cat = prices, evidence = {}) =>
  chooseProbes(toyKb(), cat, FEVER_ED, evidence, {
    ...none,
    budgetLeftUsd: 10_000,
    questionCostUsd: 300,
    ...options,
  });
const ids = (ranked: ReturnType<typeof chooseProbes>) =>
  ranked.map((r) => (r.probe.kind === "question" ? r.probe.findingId : r.probe.testId));

describe("choosing one round's probes", () => {
  it("asks questions inside an open visit, ranked by gain since the cost floors at $1", () => {
    // f2 after f1: I(H; f1, f2) - I(H; f1) = 0.6216906178 - 0.4457932916 = 0.1758973262.
    expect(choose({ questionCostUsd: 0 })).toEqual([
      { probe: { kind: "question", findingId: "f1" }, gainBits: expect.closeTo(0.4457932916, 6), costUsd: 0, gainPerDollar: expect.closeTo(0.4457932916, 6) },
      { probe: { kind: "question", findingId: "f2" }, gainBits: expect.closeTo(0.1758973262, 6), costUsd: 0, gainPerDollar: expect.closeTo(0.1758973262, 6) },
    ]);
  });

  it("charges the visit fee once for a round of questions", () => {
    const round = choose({ questionCostUsd: 4, budgetLeftUsd: 4 }, catalog({ t1: 100, panel: 100 }));
    expect(ids(round)).toEqual(["f1", "f2"]);
    expect(round.map((r) => r.costUsd)).toEqual([4, 0]);
  });

  it("orders tests when a visit would cost more per bit, counting only what each adds", () => {
    // panel after t1 adds f2 only: 0.5174217481 - 0.3084479804 = 0.2089737677 bits.
    const round = choose({ questionCostUsd: 300 });
    expect(ids(round)).toEqual(["t1", "panel"]);
    expect(round[0]).toMatchObject({ costUsd: 10, gainBits: expect.closeTo(0.3084479804, 6), gainPerDollar: expect.closeTo(0.03084479804, 6) });
    expect(round[1]).toMatchObject({ costUsd: 60, gainBits: expect.closeTo(0.2089737677, 6), gainPerDollar: expect.closeTo(0.2089737677 / 60, 6) });
  });

  it("does not order a test whose findings the round already reveals", () => {
    // panel ($12, 0.0431 bits/$) covers f3, so t1 would add nothing.
    expect(ids(choose({}, catalog({ t1: 10, panel: 12 })))).toEqual(["panel"]);
    // With f2 known both reveal only f3: the cheaper is enough.
    expect(ids(choose({}, prices, { f2: false }))).toEqual(["t1"]);
  });

  it("respects the maximum count of each kind", () => {
    expect(ids(choose({ maxTests: 1 }))).toEqual(["t1"]);
    expect(ids(choose({ questionCostUsd: 0, maxQuestions: 1 }))).toEqual(["f1"]);
  });

  it("drops what the budget cannot pay, counting the round's total", () => {
    expect(ids(choose({ budgetLeftUsd: 70 }))).toEqual(["t1", "panel"]);
    expect(ids(choose({ budgetLeftUsd: 69 }))).toEqual(["t1"]);
    expect(choose({ budgetLeftUsd: 9 })).toEqual([]);
    // panel ranks first at $12 but does not fit; t1 does.
    expect(ids(choose({ budgetLeftUsd: 11 }, catalog({ t1: 10, panel: 12 })))).toEqual(["t1"]);
  });

  it("orders tests when the better questions cost more than the budget left", () => {
    // At a $4 fee f1 yields 0.1114 bits/$, better than t1 at $3 (0.1028 bits/$).
    const cheapT1 = catalog({ t1: 3, panel: 60 });
    expect(ids(choose({ questionCostUsd: 4, budgetLeftUsd: 4 }, cheapT1))).toEqual(["f1", "f2"]);
    expect(ids(choose({ questionCostUsd: 4, budgetLeftUsd: 3.5 }, cheapT1))).toEqual(["t1"]);
  });

  it("leaves out probes below the minimum gain per dollar", () => {
    expect(ids(choose({ minGainPerDollar: 0.01 }))).toEqual(["t1"]);
    expect(choose({ minGainPerDollar: 1 })).toEqual([]);
  });

  it("does not repeat what was asked or ordered", () => {
    expect(ids(choose({ ordered: new Set(["t1"]) }))).toEqual(["panel"]);
    expect(ids(choose({ questionCostUsd: 0, asked: new Set(["f1"]) }))).toEqual(["f2"]);
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
