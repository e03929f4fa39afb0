import type { CaseResult } from "../runs/result.js";
import { type RunSummary, summarise } from "../runs/summary.js";

/** One finished session as a report sees it: the result, whose it is, and where it was read. */
export interface ReportEntry {
  result: CaseResult;
  /** The learner who played it, from a workshop export. */
  learner?: string;
  /** "results.jsonl:3", "ana.json" or "session 42": enough to find the record again. */
  source: string;
}

/** What the report compares: learners when every session names one, panel variants when none does. */
export type GroupedBy = "learner" | "variant" | "learner or variant";

/** Five-number summary of the cost per case, as the box plot draws it (whiskers at min and max). */
export interface CostSpread {
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

/** One learner's or variant's sessions, summarised. */
export interface GroupRow {
  name: string;
  summary: RunSummary;
  costs: CostSpread;
  /** No other group is at least as accurate for at most the cost (and better in one). */
  frontier: boolean;
}

/** The chance a session gave one hypothesis at one round. */
export interface TracePoint {
  round: number;
  hypothesis: string;
  p: number;
}

/** One session's differential over rounds, cut to the hypotheses that mattered. */
export interface SessionTrace {
  /** Unique within the report: the group, and the repeat when there are several. */
  label: string;
  source: string;
  finalAnswer: string | null;
  correct: boolean;
  points: TracePoint[];
}

/** The case whose sessions the report follows round by round. */
export interface CaseTrace {
  caseId: string;
  title: string;
  truth: string;
  sessions: SessionTrace[];
  /** Sessions of the case beyond the drawing limit. */
  notDrawn: number;
}

export interface Comparison {
  groupedBy: GroupedBy;
  overall: RunSummary;
  groups: GroupRow[];
  /** Sorted by case, group and repeat, each with its group's name. */
  sessions: Array<ReportEntry & { group: string }>;
  caseIds: string[];
  trace: CaseTrace | undefined;
}

/** Hypotheses a session trace keeps: any that ranked this high at some round, and the final answer. */
const TRACE_TOP = 3;
/** More small charts than this stop being readable on one page; the table still lists every session. */
export const MAX_TRACED_SESSIONS = 24;

export function groupedBy(entries: readonly ReportEntry[]): GroupedBy {
  const named = entries.filter((e) => e.learner !== undefined).length;
  if (named === 0) return "variant";
  return named === entries.length ? "learner" : "learner or variant";
}

/** Learner when named; else the panel variant, marked as such when learners are mixed in. */
export function groupOf(entry: ReportEntry, by: GroupedBy): string {
  if (entry.learner !== undefined) return entry.learner;
  return by === "variant" ? entry.result.variant : `panel ${entry.result.variant}`;
}

/** Quantile by linear interpolation between order statistics (the R-7 / d3 rule the box plot uses). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const below = sorted[lo]!;
  const above = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return below + (h - lo) * (above - below);
}

export function costSpread(costs: readonly number[]): CostSpread {
  const s = [...costs].sort((a, b) => a - b);
  return { min: s[0] ?? 0, q1: quantile(s, 0.25), median: quantile(s, 0.5), q3: quantile(s, 0.75), max: s.at(-1) ?? 0 };
}

/** Points no other point beats on both accuracy (higher) and cost (lower). */
export function onFrontier(points: ReadonlyArray<{ accuracy: number; meanCostUsd: number }>): boolean[] {
  return points.map(
    (p) =>
      !points.some(
        (o) => o.accuracy >= p.accuracy && o.meanCostUsd <= p.meanCostUsd && (o.accuracy > p.accuracy || o.meanCostUsd < p.meanCostUsd),
      ),
  );
}

export function compare(entries: readonly ReportEntry[], options: { traceCase?: string } = {}): Comparison {
  const by = groupedBy(entries);
  const sessions = entries
    .map((e) => ({ ...e, group: groupOf(e, by) }))
    .sort((a, b) => a.result.caseId.localeCompare(b.result.caseId) || a.group.localeCompare(b.group) || a.result.run - b.result.run);
  const names = [...new Set(sessions.map((s) => s.group))].sort((a, b) => a.localeCompare(b));
  const summaries = names.map((name) => {
    const results = sessions.filter((s) => s.group === name).map((s) => s.result);
    return { name, summary: summarise(results), costs: costSpread(results.map((r) => r.costUsd)) };
  });
  const frontier = onFrontier(summaries.map((g) => g.summary));
  const caseIds = [...new Set(sessions.map((s) => s.result.caseId))].sort();
  const traceCase = options.traceCase ?? caseIds[0];
  return {
    groupedBy: by,
    overall: summarise(sessions.map((s) => s.result)),
    groups: summaries.map((g, i) => ({ ...g, frontier: frontier[i]! })),
    sessions,
    caseIds,
    trace: traceCase === undefined ? undefined : caseTrace(sessions.filter((s) => s.result.caseId === traceCase)),
  };
}

function caseTrace(sessions: ReadonlyArray<ReportEntry & { group: string }>): CaseTrace | undefined {
  const first = sessions[0];
  if (!first) return undefined;
  const repeated = new Set(sessions.filter((s) => s.result.run > 0).map((s) => s.group));
  const used = new Map<string, number>();
  const drawn = sessions.slice(0, MAX_TRACED_SESSIONS).map((s): SessionTrace => {
    const base = repeated.has(s.group) ? `${s.group} run ${s.result.run + 1}` : s.group;
    // Two exports of the same learner and run must still get two panels.
    const seen = (used.get(base) ?? 0) + 1;
    used.set(base, seen);
    return {
      label: seen > 1 ? `${base} (${seen})` : base,
      source: s.source,
      finalAnswer: s.result.diagnosis?.name ?? null,
      correct: s.result.correct,
      points: tracePoints(s.result),
    };
  });
  return { caseId: first.result.caseId, title: first.result.title, truth: first.result.truth.name, sessions: drawn, notDrawn: sessions.length - drawn.length };
}

/** Each round's probability of the hypotheses that ranked in the top few at some round, or were the answer. */
export function tracePoints(result: CaseResult): TracePoint[] {
  const kept = new Set<string>();
  for (const { differential } of result.differentials) for (const e of differential.slice(0, TRACE_TOP)) kept.add(e.id);
  const answer = result.diagnosis?.kbId;
  if (answer) kept.add(answer);
  return result.differentials.flatMap(({ round, differential }) =>
    differential.filter((e) => kept.has(e.id)).map((e) => ({ round, hypothesis: e.name, p: e.p })),
  );
}
