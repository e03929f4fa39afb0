import { describe, expect, it } from "vitest";
import { benchLlm, formatLlmBench } from "../../bench/llm.js";
import { fixtureCase, fixtureKnowledge } from "./fixture.js";

describe("the model-brain benchmark", () => {
  it("times the parallel stages of every round and counts a case's tokens", async () => {
    const report = await benchLlm({ knowledge: fixtureKnowledge, caseFile: fixtureCase, latencyMs: {} });
    expect(report.stages.map((s) => [s.round, s.stage, s.calls])).toEqual([
      [1, "test-chooser ∥ skeptic", 2],
      [1, "gatekeeper", 2],
      [2, "test-chooser ∥ skeptic", 2],
      [3, "test-chooser ∥ skeptic", 2],
    ]);
    expect(report.rounds.map((r) => r.round)).toEqual([1, 2, 3]);
    // 3 rounds of 5 roles, 2 gatekeeper answers, the plan and the verdict.
    expect(report.usage.requests).toBe(19);
    expect(report.tokensPerCase).toBe(report.usage.inputTokens + report.usage.outputTokens);
    expect(report.usage.inputTokens).toBeGreaterThan(18 * 100);
    expect(formatLlmBench(report)).toContain(`tokens per case ${report.tokensPerCase}`);
  });
});
