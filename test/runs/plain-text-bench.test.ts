import { describe, expect, it } from "vitest";
import { DEVTEXT, formatPlainTextBench, HELDOUT } from "../../bench/plain-text.js";
import { summarise } from "../../runs/summary.js";

const summary = { ...summarise([]), n: 40, correct: 5, accuracy: 0.125, accuracyCi95: [0.0546, 0.2611] as [number, number], meanCostUsd: 833.67, abstained: 7, meanQuestions: 2.35, calibration: { n: 28, brier: 0.1234, ece: 0.0871 } };

describe("the plain-text bench lines", () => {
  it("prints accuracy with its interval, mean cost, abstentions, questions asked and calibration", () => {
    expect(formatPlainTextBench(HELDOUT, { summary, eceCi95: [0.0412, 0.2036], failedToLoad: 0 })).toBe(
      "held-out plain-text cases, full panel, offline: accuracy 12.5% (5/40, 95% CI 5-26%), mean cost $834, abstained 7, mean questions 2.4, Brier 0.123, ECE 0.087 (95% bootstrap CI 0.041-0.204, over 28 stated probabilities)",
    );
  });

  it("says when cases failed to load or to run, and when the folder is absent", () => {
    expect(formatPlainTextBench(DEVTEXT, { summary: { ...summary, failed: 2 }, eceCi95: [0, 0], failedToLoad: 1 })).toMatch(/— 1 load problem\(s\), 2 case\(s\) failed to run$/);
    expect(formatPlainTextBench(HELDOUT, undefined)).toMatch(/^held-out plain-text cases: skipped, .*heldout is absent$/);
    expect(formatPlainTextBench(DEVTEXT, undefined)).toMatch(/^development plain-text cases: skipped, .*devtext is absent$/);
  });
});
