import { describe, expect, it } from "vitest";
import { canOpen, OPENER_REACH } from "../../reasoning/openers.js";
import { posterior } from "../../reasoning/differential.js";
import { disease, FEVER_ED, finding, toyKb } from "./toy.js";

const THRESHOLD = 0.01;
const cantMiss = (...args: Parameters<typeof disease>) => ({ ...disease(...args), cant_miss: true });

/** The toy, with delta: a rare can't-miss fever whose risk factor f4 is asked about and seldom present otherwise. */
const kb = toyKb({
  findings: [finding({ id: "f4", kind: "history", question: "Any f4?", base_rate: 0.02 }), finding({ id: "f5", kind: "history", question: "Any f5?", base_rate: 0.0001 })],
  diseases: [
    cantMiss("delta", ["fever"], { emergency: 0.002, clinic: 0.002 }, { f4: 0.6 }),
    // Far below the threshold: only a near-certain finding could lift it, and it is not chased.
    cantMiss("epsilon", ["fever"], { emergency: 0.00002, clinic: 0.00002 }, { f5: 0.9 }),
  ],
});
const pOf = (id: string, evidence: Record<string, boolean>) => posterior(kb, FEVER_ED, evidence).find((e) => e.id === id)!.p;

describe("a question that could open a can't-miss diagnosis (Pauker-Kassirer)", () => {
  it("names the can't-miss diagnosis below its threshold that one yes would lift above it, with that question", () => {
    expect(pOf("delta", {})).toBeLessThan(THRESHOLD);
    expect(pOf("delta", { f4: true })).toBeGreaterThanOrEqual(THRESHOLD);
    const opened = canOpen(kb, FEVER_ED, {}, ["f1", "f4", "f5"], "alpha", THRESHOLD);
    expect(opened).toMatchObject({ diseaseId: "delta", questions: [{ findingId: "f4" }] });
    expect(opened!.questions[0]!.p).toBeCloseTo(pOf("delta", { f4: true }), 12);
  });

  it("is silent once the question is answered, or when it is not among the questions left", () => {
    expect(canOpen(kb, FEVER_ED, { f4: false }, ["f1", "f4", "f5"], "alpha", THRESHOLD)).toBeNull();
    expect(canOpen(kb, FEVER_ED, {}, ["f1"], "alpha", THRESHOLD)).toBeNull();
  });

  it("does not chase a diagnosis further below its threshold than a strong risk factor can reach", () => {
    expect(pOf("epsilon", {})).toBeLessThan(THRESHOLD * OPENER_REACH);
    // A yes to f5 would lift epsilon above the threshold, yet it is out of reach.
    expect(pOf("epsilon", { f5: true })).toBeGreaterThanOrEqual(THRESHOLD);
    expect(canOpen(kb, FEVER_ED, {}, ["f5"], "alpha", THRESHOLD)).toBeNull();
  });

  it("never opens the leader, nor a diagnosis already above the threshold", () => {
    expect(canOpen(kb, FEVER_ED, {}, ["f4"], "delta", THRESHOLD)).toBeNull();
    expect(canOpen(kb, FEVER_ED, {}, ["f4"], "alpha", pOf("delta", {}) / 2)).toBeNull();
  });
});
