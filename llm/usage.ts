import { z } from "zod";
import { type BrainRole, BrainRoleSchema } from "../agents/roles.js";
import type { Usage } from "../agents/debate.js";
import type { Price } from "./config.js";

const TokensSchema = z.object({ inputTokens: z.number().int().nonnegative(), outputTokens: z.number().int().nonnegative() });

/** One model call as the meter saw it: who, when, on what, and what it cost in tokens. */
export const UsageEntrySchema = TokensSchema.extend({
  role: BrainRoleSchema,
  round: z.number().int(),
  /** "azure:gpt-4o"; the model the tokens were spent on, even when the role fell back. */
  brain: z.string(),
  model: z.string(),
  requests: z.number().int().nonnegative(),
  fallback: z.string().optional(),
});
export type UsageEntry = z.infer<typeof UsageEntrySchema>;

/** Token use of a case (or a run), summed per role, per round and per model, with its estimated cost. */
export const UsageReportSchema = TokensSchema.extend({
  requests: z.number().int().nonnegative(),
  fallbacks: z.number().int().nonnegative(),
  byRole: z.partialRecord(BrainRoleSchema, TokensSchema),
  byRound: z.record(z.string(), TokensSchema),
  byModel: z.record(z.string(), TokensSchema),
  /** Estimated from the config's price table; null when no model call had a price. */
  costUsd: z.number().nonnegative().nullable(),
  /** Models used without a price in the config: their tokens are not in costUsd. */
  unpriced: z.array(z.string()),
});
export type UsageReport = z.infer<typeof UsageReportSchema>;

/** A case's usage with every call listed: the trail of which brain answered, and any fallback. */
export const CaseUsageSchema = UsageReportSchema.extend({ calls: z.array(UsageEntrySchema) });
export type CaseUsage = z.infer<typeof CaseUsageSchema>;

const tokens = (u: Usage): number => u.inputTokens + u.outputTokens;

const addInto = <K extends string>(map: Partial<Record<K, Usage>>, key: K, u: Usage) => {
  const t = map[key] ?? { inputTokens: 0, outputTokens: 0 };
  map[key] = { inputTokens: t.inputTokens + u.inputTokens, outputTokens: t.outputTokens + u.outputTokens };
};

/** USD for some tokens at a price per million. */
export const costOf = (u: Usage, price: Price): number => (u.inputTokens * price.inputPer1M + u.outputTokens * price.outputPer1M) / 1e6;

/** Sums entries into a report, pricing each model's tokens from the table. */
export function usageReport(entries: readonly UsageEntry[], prices: Readonly<Record<string, Price>>): UsageReport {
  const byRole: Partial<Record<BrainRole, Usage>> = {};
  const byRound: Record<string, Usage> = {};
  const byModel: Record<string, Usage> = {};
  let requests = 0;
  for (const e of entries) {
    addInto(byRole, e.role, e);
    addInto(byRound, String(e.round), e);
    if (e.requests > 0) addInto(byModel, e.model, e);
    requests += e.requests;
  }
  const models = Object.keys(byModel).sort();
  const priced = models.filter((m) => prices[m]);
  return {
    inputTokens: entries.reduce((s, e) => s + e.inputTokens, 0),
    outputTokens: entries.reduce((s, e) => s + e.outputTokens, 0),
    requests,
    fallbacks: entries.filter((e) => e.fallback).length,
    byRole,
    byRound,
    byModel,
    costUsd: priced.length ? round6(priced.reduce((s, m) => s + costOf(byModel[m]!, prices[m]!), 0)) : null,
    unpriced: models.filter((m) => !prices[m]),
  };
}

/** Adds reports of several cases into the report of a run. */
export function sumReports(reports: readonly UsageReport[]): UsageReport {
  const byRole: Partial<Record<BrainRole, Usage>> = {};
  const byRound: Record<string, Usage> = {};
  const byModel: Record<string, Usage> = {};
  for (const r of reports) {
    for (const [k, u] of Object.entries(r.byRole)) addInto(byRole, k as BrainRole, u);
    for (const [k, u] of Object.entries(r.byRound)) addInto(byRound, k, u);
    for (const [k, u] of Object.entries(r.byModel)) addInto(byModel, k, u);
  }
  const costs = reports.map((r) => r.costUsd).filter((c): c is number => c !== null);
  return {
    inputTokens: reports.reduce((s, r) => s + r.inputTokens, 0),
    outputTokens: reports.reduce((s, r) => s + r.outputTokens, 0),
    requests: reports.reduce((s, r) => s + r.requests, 0),
    fallbacks: reports.reduce((s, r) => s + r.fallbacks, 0),
    byRole,
    byRound,
    byModel,
    costUsd: costs.length ? round6(costs.reduce((a, b) => a + b, 0)) : null,
    unpriced: [...new Set(reports.flatMap((r) => r.unpriced))].sort(),
  };
}

/**
 * The token meter of one case: every model call is entered as it ends; the optional budget
 * says when the case has spent its tokens.
 */
export class UsageMeter {
  private readonly list: UsageEntry[] = [];

  constructor(
    private readonly prices: Readonly<Record<string, Price>>,
    readonly tokenBudget?: number,
  ) {}

  enter(entry: UsageEntry): void {
    this.list.push(entry);
  }

  get entries(): readonly UsageEntry[] {
    return this.list;
  }

  spentTokens(): number {
    return this.list.reduce((s, e) => s + tokens(e), 0);
  }

  /** True once the case's token budget, if it has one, is used up. */
  budgetSpent(): boolean {
    return this.tokenBudget !== undefined && this.spentTokens() >= this.tokenBudget;
  }

  report(): UsageReport {
    return usageReport(this.list, this.prices);
  }

  /** The report with its calls, for the case's record in results.jsonl. */
  caseUsage(): CaseUsage {
    return { ...this.report(), calls: [...this.list] };
  }
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** "12.3k in / 4.1k out, ~$0.0421" for a line on screen. */
export function formatUsage(r: Pick<UsageReport, "inputTokens" | "outputTokens" | "costUsd">): string {
  const k = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));
  return `${k(r.inputTokens)} in / ${k(r.outputTokens)} out${r.costUsd !== null ? `, ~$${r.costUsd.toFixed(4)}` : ""}`;
}
