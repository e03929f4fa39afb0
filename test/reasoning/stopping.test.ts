import { describe, expect, it } from "vitest";
import {
  type Differential,
  posterior,
  probeOutlook,
  rankProbes,
  stoppingDecision,
} from "../../reasoning/index.js";
import { catalog, FEVER_ED, toyKb } from "./toy.js";

const differential = (entries: [string, number][]): Differential =>
  entries.map(([id, p]) => ({ id, name: `Name ${id}`, p }));
const going = { bestGainPerDollar: 0.01, minGainPerDollar: 0.001, budgetLeftUsd: 1000, cheapestProbeUsd: 10 };

describe("stopping", () => {
  it("diagnoses once a knowledge-base disease reaches the threshold", () => {
    const d = differential([["alpha", 0.9], ["beta", 0.06], ["other", 0.04]]);
    expect(stoppingDecision(d, going)).toEqual({ stop: true, reason: "confident", diagnosis: d[0] });
    expect(stoppingDecision(d, { ...going, threshold: 0.95 })).toMatchObject({ stop: false, reason: null });
  });

  it("is not confident in 'other', and names the best knowledge-base disease", () => {
    const d = differential([["other", 0.9], ["beta", 0.07], ["alpha", 0.03]]);
    expect(stoppingDecision(d, going)).toEqual({ stop: false, reason: null, diagnosis: d[1] });
    expect(stoppingDecision(d, { ...going, budgetLeftUsd: 5 })).toEqual({
      stop: true,
      reason: "budget-spent",
      diagnosis: d[1],
    });
  });

  it("stops when the budget cannot pay the cheapest useful probe", () => {
    const d = differential([["alpha", 0.5], ["beta", 0.5]]);
    expect(stoppingDecision(d, { ...going, budgetLeftUsd: 9.99 })).toMatchObject({ stop: true, reason: "budget-spent" });
    expect(stoppingDecision(d, { ...going, budgetLeftUsd: 10 })).toMatchObject({ stop: false, reason: null });
  });

  it("stops when no action is worth its price", () => {
    const d = differential([["alpha", 0.5], ["beta", 0.5]]);
    expect(stoppingDecision(d, { ...going, bestGainPerDollar: 0.0009 })).toMatchObject({
      stop: true,
      reason: "no-action-worth-its-price",
    });
    expect(
      stoppingDecision(d, { ...going, bestGainPerDollar: 0, cheapestProbeUsd: Infinity }),
    ).toMatchObject({ stop: true, reason: "no-action-worth-its-price" });
  });

  it("works the toy case from the engine's own numbers", () => {
    const kb = toyKb();
    const prices = catalog({ t1: 10, panel: 60 });
    const none = { asked: new Set<string>(), ordered: new Set<string>(), questionCostUsd: 300 };
    const decide = (evidence: Record<string, boolean>, budgetLeftUsd: number) =>
      stoppingDecision(posterior(kb, FEVER_ED, evidence), {
        budgetLeftUsd,
        ...probeOutlook(rankProbes(kb, prices, FEVER_ED, evidence, none)),
      });
    // alpha 0.342 / 0.4185 = 0.8172 after f1 present, f3 absent: not yet.
    expect(decide({ f1: true, f3: false }, 1000)).toMatchObject({
      stop: false,
      diagnosis: { id: "alpha", p: expect.closeTo(0.342 / 0.4185, 6) },
    });
    // f2 absent too: 0.342*0.9 / (0.3078 + 0.036*0.3 + 0.012*0.5 + 0.0285*0.95)
    //   = 0.3078 / (0.3078 + 0.0108 + 0.006 + 0.027075) = 0.3078 / 0.351675 = 0.8752.
    expect(decide({ f1: true, f2: false, f3: false }, 1000)).toMatchObject({
      stop: true,
      reason: "confident",
      diagnosis: { id: "alpha", p: expect.closeTo(0.3078 / 0.351675, 6) },
    });
    // Only f2 is left to learn, by the $60 panel or a $300 visit. From
    // H(0.342, 0.036, 0.012, 0.0285 / 0.4185) = 0.9533376344 its gain is
    // 0.9533376344 - (0.066825*1.4557559528 + 0.351675*0.7075875032) / 0.4185 = 0.1262845239
    // bits (the f3-absent outcomes of the panel after f1, information.test.ts), so the visit yields
    // 0.00042 bits/$, below 0.0005: the panel is the cheapest probe worth its price, and $50
    // cannot pay it.
    expect(decide({ f1: true, f3: false }, 50)).toMatchObject({ stop: true, reason: "budget-spent" });
  });
});
