import { describe, expect, it } from "vitest";
import { calibration, eceInterval, type Forecast, reliability } from "../../runs/calibration.js";

const stated = (p: number, right: number, wrong: number): Forecast[] => [
  ...Array.from({ length: right }, () => ({ p, correct: true })),
  ...Array.from({ length: wrong }, () => ({ p, correct: false })),
];

describe("calibration of stated probabilities", () => {
  it("scores an overconfident panel by Brier and ECE", () => {
    // Ten cases stated at 0.9, seven right: Brier (7 x 0.01 + 3 x 0.81) / 10, ECE |0.9 - 0.7|.
    const c = calibration(stated(0.9, 7, 3));
    expect(c.n).toBe(10);
    expect(c.brier).toBeCloseTo(0.25, 10);
    expect(c.ece).toBeCloseTo(0.2, 10);
  });

  it("bins by decile, the last bin including a probability of 1", () => {
    const bins = reliability([{ p: 0.05, correct: false }, { p: 1, correct: true }, { p: 0.95, correct: false }]);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toMatchObject({ n: 1, accuracy: 0 });
    expect(bins[9]).toMatchObject({ n: 2, meanP: 0.975, accuracy: 0.5 });
  });
});

describe("the ECE's bootstrap interval", () => {
  const forecasts = [...stated(0.95, 27, 8), ...stated(0.55, 3, 2)];

  it("brackets the ECE, is the same on every run, and narrows with more cases", () => {
    const { ece } = calibration(forecasts);
    const [low, high] = eceInterval(forecasts);
    expect(low).toBeLessThanOrEqual(ece);
    expect(high).toBeGreaterThanOrEqual(ece);
    expect(high - low).toBeGreaterThan(0.05);
    expect(eceInterval(forecasts)).toEqual([low, high]);
    const many = Array.from({ length: 10 }, () => forecasts).flat();
    const [manyLow, manyHigh] = eceInterval(many);
    expect(manyHigh - manyLow).toBeLessThan(high - low);
  });

  it("is a point for forecasts that cannot be miscalibrated, and empty for none", () => {
    expect(eceInterval(stated(1, 12, 0))).toEqual([0, 0]);
    expect(eceInterval([])).toEqual([0, 0]);
  });
});
