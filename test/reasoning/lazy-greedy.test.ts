import { describe, expect, it } from "vitest";
import { loadBundledKnowledge } from "../../cli/knowledge.js";
import { chooseProbes, rankProbes } from "../../reasoning/choice.js";
import { posteriorWeights } from "../../reasoning/differential.js";
import { expectedGainBits } from "../../reasoning/information.js";
import { scopeModel } from "../../reasoning/scope.js";
import { Random } from "../../runs/random.js";
import { randomPatient } from "../support/random-patient.js";

/*
 * chooseProbes fills a round by lazy greedy: an item is passed over, its joint gain never worked
 * out, when even what it added at an earlier step could not rank it above the best so far. That
 * is only the plain greedy round if what an item adds never grows as the round reveals more
 * (submodularity), on the knowledge base's own numbers. Both are checked here on random patients.
 */
const { kb, catalog } = loadBundledKnowledge();
const none = { asked: new Set<string>(), ordered: new Set<string>() };

const patient = (random: Random) => randomPatient(random, kb, { maxFindings: 5, presentShare: 0.5 });

describe("the lazy greedy round", () => {
  it("rests on a submodular gain: a finding adds no more after a larger set than after a smaller one", () => {
    const random = new Random(20261205);
    let checked = 0;
    for (let trial = 0; trial < 300; trial++) {
      const { scope, evidence } = patient(random);
      const model = scopeModel(kb, scope);
      const weights = posteriorWeights(model, evidence);
      const movers = kb.findings.map((f) => f.id).filter((id) => !(id in evidence) && model.likelihoods(id)?.some((p, _, row) => p !== row[0]));
      if (movers.length < 10) continue;
      const drawn = Array.from({ length: 10 }, () => random.pick(movers)).filter((id, i, all) => all.indexOf(id) === i);
      const [x, ...rest] = drawn;
      const larger = rest.slice(0, random.int(rest.length + 1));
      const smaller = larger.slice(0, random.int(larger.length + 1));
      const adds = (set: string[]) => expectedGainBits(model, weights, [...set, x!]) - expectedGainBits(model, weights, set);
      expect(adds(larger)).toBeLessThanOrEqual(adds(smaller) + 1e-9);
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });

  it("is the plain greedy round: questions in an open visit, each the one that adds most, padding left out", () => {
    const random = new Random(7);
    for (let trial = 0; trial < 60; trial++) {
      const { scope, evidence } = patient(random);
      const options = { ...none, questionCostUsd: 0, budgetLeftUsd: 10_000, priced: false, prefer: "question" as const };
      const model = scopeModel(kb, scope);
      const weights = posteriorWeights(model, evidence);
      const questions = rankProbes(kb, catalog, scope, evidence, options).flatMap((r) => (r.probe.kind === "question" ? [r.probe.findingId] : []));
      // The plain greedy: every question's gain worked out at every step.
      const round: string[] = [];
      let soFar = 0;
      while (round.length < 5) {
        let best: { id: string; adds: number } | undefined;
        for (const id of questions.filter((q) => !round.includes(q))) {
          const adds = expectedGainBits(model, weights, [...round, id]) - soFar;
          if (round.length > 0 && adds <= 0.05) continue;
          if (!best || adds > best.adds || (adds === best.adds && id < best.id)) best = { id, adds };
        }
        if (!best) break;
        round.push(best.id);
        soFar += best.adds;
      }
      const chosen = chooseProbes(kb, catalog, scope, evidence, options).map((r) => (r.probe.kind === "question" ? r.probe.findingId : r.probe.testId));
      expect(chosen).toEqual(round);
    }
  });
});
