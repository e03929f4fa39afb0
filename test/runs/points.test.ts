import { describe, expect, it } from "vitest";
import { costEfficiency, pointsOf } from "../../runs/points.js";

const harm = { round: 1, test: "Exercise stress test", reason: "contraindicated with suspected dissection" };
const session = { score: 5, correct: true, abstained: false, costUsd: 100, oracleCostUsd: 100, harms: [] as unknown[] };

describe("a session's points", () => {
  it("gives a correct diagnosis at no more than the oracle's cost the full 100", () => {
    expect(pointsOf(session)).toBe(100);
    expect(pointsOf({ ...session, costUsd: 40 })).toBe(100);
  });

  it("takes up to 30 points for spending beyond the oracle, in proportion", () => {
    expect(costEfficiency({ costUsd: 400, oracleCostUsd: 100 })).toBe(0.25);
    expect(pointsOf({ ...session, costUsd: 400 })).toBe(Math.round(100 * (0.7 + 0.3 * 0.25)));
  });

  it("counts a judge's 4 as three quarters of a 5", () => {
    expect(pointsOf({ ...session, score: 4 })).toBe(75);
  });

  it("gives a wrong diagnosis or an abstention nothing, however cheap", () => {
    expect(pointsOf({ ...session, score: 3, correct: false, costUsd: 0 })).toBe(0);
    expect(pointsOf({ ...session, abstained: true })).toBe(0);
  });

  it("takes 20 points for each contraindicated test carried out, never below 0", () => {
    expect(pointsOf({ ...session, harms: [harm] })).toBe(80);
    expect(pointsOf({ ...session, score: 4, harms: [harm, harm, harm, harm] })).toBe(0);
  });
});
