import { describe, expect, it } from "vitest";
import { UsageMeter, type UsageEntry, formatUsage, sumReports, usageReport } from "../../llm/usage.js";

const PRICES = {
  "gpt-4o": { inputPer1M: 2.5, outputPer1M: 10, source: "estimate: test price" },
  "llama3.1": { inputPer1M: 0, outputPer1M: 0, source: "estimate: local server, no per-token charge" },
};

const entry = (role: UsageEntry["role"], round: number, model: string, inputTokens: number, outputTokens: number, extra: Partial<UsageEntry> = {}): UsageEntry => ({
  role,
  round,
  brain: `compatible:${model}`,
  model,
  inputTokens,
  outputTokens,
  requests: 1,
  ...extra,
});

describe("token usage", () => {
  it("sums tokens per role, per round and per model, and prices them from the table", () => {
    const report = usageReport(
      [
        entry("hypothesis", 1, "gpt-4o", 1000, 200),
        entry("skeptic", 1, "llama3.1", 3000, 400),
        entry("hypothesis", 2, "gpt-4o", 1500, 300, { requests: 2, fallback: "compatible:gpt-4o: timed out after 3 tries" }),
        entry("judge", 2, "mystery-model", 500, 50),
      ],
      PRICES,
    );
    expect(report).toMatchObject({ inputTokens: 6000, outputTokens: 950, requests: 5, fallbacks: 1, unpriced: ["mystery-model"] });
    expect(report.byRole).toEqual({
      hypothesis: { inputTokens: 2500, outputTokens: 500 },
      skeptic: { inputTokens: 3000, outputTokens: 400 },
      judge: { inputTokens: 500, outputTokens: 50 },
    });
    expect(report.byRound).toEqual({ "1": { inputTokens: 4000, outputTokens: 600 }, "2": { inputTokens: 2000, outputTokens: 350 } });
    // gpt-4o: 2500 in at $2.50/M + 500 out at $10/M = 0.00625 + 0.005; llama at $0.
    expect(report.costUsd).toBeCloseTo(0.01125, 9);
  });

  it("has no cost when no model used has a price", () => {
    expect(usageReport([entry("chair", 1, "unknown", 10, 10)], PRICES).costUsd).toBeNull();
  });

  it("adds the reports of several cases into the run's", () => {
    const a = usageReport([entry("hypothesis", 1, "gpt-4o", 1000, 100)], PRICES);
    const b = usageReport([entry("hypothesis", 1, "gpt-4o", 3000, 300), entry("judge", 3, "x", 1, 1)], PRICES);
    const run = sumReports([a, b]);
    expect(run).toMatchObject({ inputTokens: 4001, outputTokens: 401, requests: 3, unpriced: ["x"] });
    expect(run.byRole.hypothesis).toEqual({ inputTokens: 4000, outputTokens: 400 });
    expect(run.costUsd).toBeCloseTo((4000 * 2.5 + 400 * 10) / 1e6, 9);
  });

  it("says when a case's token budget is spent", () => {
    const meter = new UsageMeter(PRICES, 1000);
    meter.enter(entry("hypothesis", 1, "gpt-4o", 600, 300));
    expect(meter.budgetSpent()).toBe(false);
    meter.enter(entry("skeptic", 1, "gpt-4o", 90, 10));
    expect(meter.spentTokens()).toBe(1000);
    expect(meter.budgetSpent()).toBe(true);
    expect(new UsageMeter(PRICES).budgetSpent()).toBe(false);
  });

  it("reads as a short line", () => {
    expect(formatUsage({ inputTokens: 12345, outputTokens: 678, costUsd: 0.04213 })).toBe("12.3k in / 678 out, ~$0.0421");
    expect(formatUsage({ inputTokens: 10, outputTokens: 2, costUsd: null })).toBe("10 in / 2 out");
  });
});
