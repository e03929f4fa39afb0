import { View, parse } from "vega";
import { type TopLevelSpec, compile } from "vega-lite";
import type { CaseTrace, Comparison, GroupRow, GroupedBy } from "./comparison.js";
import { outcomeOf } from "../runs/result.js";

/** The report's charts as standalone SVG text, ready to inline. */
export interface ReportCharts {
  pareto: string;
  costs: string;
  /** Absent when no session of the traced case recorded a differential. */
  differential?: string;
}

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
const WIDTH = 560;
const CONFIG = {
  font: "sans-serif",
  background: "white",
  axis: { labelFontSize: 11, titleFontSize: 12 },
  // No label limit: without a canvas Vega over-estimates text widths and would cut names short.
  legend: { labelLimit: 0, labelFontSize: 12, titleFontSize: 12 },
};

export const groupTitle = (by: GroupedBy): string =>
  ({ learner: "Learner", variant: "Panel variant", "learner or variant": "Learner or panel variant" })[by];

export const PARETO_AXES = { x: "Mean cost per case (USD)", y: "Accuracy (judge score ≥ 4)" } as const;
export const COST_AXIS = "Cost per case (USD)";
export const DIFFERENTIAL_AXES = { x: "Round", y: "Probability" } as const;

const FRONTIER = "on the frontier";
const DOMINATED = "not on the frontier";

const PARETO = { width: WIDTH, height: 320 } as const;
const LABEL = { fontSize: 11, charWidth: 6.2, height: 13, gap: 8 } as const;

/** A round axis end at or above x: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten. */
export function niceCeiling(x: number): number {
  if (x <= 0) return 100;
  const power = 10 ** Math.floor(Math.log10(x));
  return [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * power).find((v) => v >= x)!;
}

export interface LabelPoint {
  name: string;
  cost: number;
  accuracy: number;
}

/**
 * Where each point's name goes, in data units so the text shares the points' scales: right of
 * the point, else left when it would run off the chart, moved up or down until it clears the
 * points and the names already placed. Vega-Lite has no label placement of its own.
 */
export function placeLabels(points: readonly LabelPoint[], frame: { width: number; height: number; xMax: number }): Array<{ labelX: number; labelY: number }> {
  const px = (p: LabelPoint) => (p.cost / frame.xMax) * frame.width;
  const py = (p: LabelPoint) => (1 - p.accuracy) * frame.height;
  type Box = { x0: number; x1: number; y0: number; y1: number };
  const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  const markers: Box[] = points.map((p) => ({ x0: px(p) - 5, x1: px(p) + 5, y0: py(p) - 5, y1: py(p) + 5 }));
  const placed: Box[] = [];
  const order = points.map((_, i) => i).sort((a, b) => points[b]!.accuracy - points[a]!.accuracy || points[a]!.cost - points[b]!.cost);
  const out: Array<{ labelX: number; labelY: number }> = points.map(() => ({ labelX: 0, labelY: 0 }));
  for (const i of order) {
    const p = points[i]!;
    const w = p.name.length * LABEL.charWidth;
    const x0 = px(p) + LABEL.gap + w <= frame.width ? px(p) + LABEL.gap : px(p) - LABEL.gap - w;
    const shifts = [0, ...Array.from({ length: 8 }, (_, k) => (k % 2 ? 1 : -1) * LABEL.height * (Math.floor(k / 2) + 1))];
    const boxAt = (dy: number): Box => ({ x0, x1: x0 + w, y0: py(p) + dy - LABEL.height / 2, y1: py(p) + dy + LABEL.height / 2 });
    const clear = (box: Box) => !placed.some((b) => overlaps(box, b)) && !markers.some((m, j) => j !== i && overlaps(box, m));
    const dy = shifts.find((d) => clear(boxAt(d))) ?? 0;
    placed.push(boxAt(dy));
    out[i] = { labelX: (x0 / frame.width) * frame.xMax, labelY: p.accuracy - dy / frame.height };
  }
  return out;
}

/** Accuracy against mean cost, one point per group with its 95% interval, the frontier joined up. */
export function paretoSpec(groups: readonly GroupRow[], by: GroupedBy): TopLevelSpec {
  const xMax = niceCeiling(Math.max(0, ...groups.map((g) => g.summary.meanCostUsd)) * 1.1);
  const points = groups.map((g) => ({ name: g.name, cost: g.summary.meanCostUsd, accuracy: g.summary.accuracy }));
  const labels = placeLabels(points, { ...PARETO, xMax });
  const values = groups.map((g, i) => ({
    group: g.name,
    accuracy: g.summary.accuracy,
    low: g.summary.accuracyCi95[0],
    high: g.summary.accuracyCi95[1],
    cost: g.summary.meanCostUsd,
    status: g.frontier ? FRONTIER : DOMINATED,
    ...labels[i]!,
  }));
  const x = { field: "cost", type: "quantitative" as const, title: PARETO_AXES.x, axis: { format: "$,.0f" }, scale: { domain: [0, xMax], nice: false } };
  const y = { field: "accuracy", type: "quantitative" as const, title: PARETO_AXES.y, axis: { format: ".0%" }, scale: { domain: [0, 1] } };
  const status = { field: "status", type: "nominal" as const, title: null, legend: { orient: "bottom" as const } };
  return {
    $schema: SCHEMA,
    description: `Accuracy against mean cost per case, one point per ${groupTitle(by).toLowerCase()}`,
    ...PARETO,
    config: CONFIG,
    data: { values },
    layer: [
      { mark: { type: "rule", color: "#9aa5b1" }, encoding: { x, y: { ...y, field: "low" }, y2: { field: "high" } } },
      {
        transform: [{ filter: { field: "status", equal: FRONTIER } }],
        mark: { type: "line", color: "#1f6f8b", strokeDash: [4, 3], interpolate: "step-after" },
        encoding: { x, y, order: { field: "cost", type: "quantitative" } },
      },
      {
        mark: { type: "point", filled: true, size: 90 },
        encoding: {
          x,
          y,
          color: { ...status, scale: { domain: [FRONTIER, DOMINATED], range: ["#1f6f8b", "#c2185b"] } },
          shape: { ...status, scale: { domain: [FRONTIER, DOMINATED], range: ["circle", "diamond"] } },
        },
      },
      {
        mark: { type: "text", align: "left", baseline: "middle", fontSize: LABEL.fontSize },
        encoding: { x: { ...x, field: "labelX" }, y: { ...y, field: "labelY" }, text: { field: "group" } },
      },
    ],
  };
}

/** Each session's cost as a dot, over a box plot (whiskers at min and max) per group. */
export function costSpec(comparison: Pick<Comparison, "sessions" | "groupedBy">): TopLevelSpec {
  const values = comparison.sessions.map((s) => ({ group: s.group, cost: s.result.costUsd, outcome: outcomeOf(s.result) }));
  const x = { field: "cost", type: "quantitative" as const, title: COST_AXIS, axis: { format: "$,.0f" }, scale: { zero: true } };
  const y = { field: "group", type: "nominal" as const, title: groupTitle(comparison.groupedBy) };
  const groups = new Set(values.map((v) => v.group)).size;
  return {
    $schema: SCHEMA,
    description: `Cost per case for each ${groupTitle(comparison.groupedBy).toLowerCase()}: a box from the lower to the upper quartile, whiskers at the cheapest and dearest case, a dot per session`,
    width: WIDTH,
    height: { step: groups > 12 ? 22 : 36 },
    config: CONFIG,
    data: { values },
    layer: [
      { mark: { type: "boxplot", extent: "min-max", size: 16, color: "#b7c9d3", median: { color: "#1f3b4d" } }, encoding: { x, y } },
      {
        mark: { type: "point", filled: false, size: 40, opacity: 0.9 },
        encoding: {
          x,
          y,
          color: { field: "outcome", type: "nominal", title: "Diagnosis", scale: { domain: ["correct", "incorrect", "abstained"], range: ["#2e7d32", "#c62828", "#757575"] }, legend: { orient: "bottom" } },
        },
      },
    ],
  };
}

/** The chance each leading hypothesis held, round by round: one small chart per session. */
export function differentialSpec(trace: CaseTrace): TopLevelSpec {
  const values = trace.sessions.flatMap((s) => s.points.map((p) => ({ session: s.label, ...p })));
  const order = trace.sessions.map((s) => s.label);
  const single = order.length === 1;
  const layerSpec = {
    width: single ? WIDTH : 230,
    height: single ? 260 : 140,
    layer: [{ mark: { type: "line" as const, strokeWidth: 2 } }, { mark: { type: "point" as const, filled: true, size: 30 } }],
    encoding: {
      x: { field: "round", type: "quantitative" as const, title: DIFFERENTIAL_AXES.x, axis: { tickMinStep: 1, format: "d" } },
      y: { field: "p", type: "quantitative" as const, title: DIFFERENTIAL_AXES.y, axis: { format: ".0%" }, scale: { domain: [0, 1] } },
      color: { field: "hypothesis", type: "nominal" as const, title: "Hypothesis", legend: { orient: "bottom" as const, columns: 2 } },
    },
  };
  const description = `How the differential for case ${trace.caseId} changed over the rounds, ${single ? "for one session" : `one chart per session (${order.length})`}`;
  if (single) return { $schema: SCHEMA, description, config: CONFIG, data: { values }, ...layerSpec };
  return {
    $schema: SCHEMA,
    description,
    config: CONFIG,
    data: { values },
    facet: { field: "session", type: "nominal", title: null, sort: order, header: { labelFontSize: 12, labelLimit: 220 } },
    columns: 3,
    spec: layerSpec,
  };
}

/** Compiles a Vega-Lite spec and renders it headless (no canvas, no DOM) to SVG text. */
export async function svgOf(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function reportCharts(comparison: Comparison): Promise<ReportCharts> {
  const trace = comparison.trace?.sessions.some((s) => s.points.length > 0) ? comparison.trace : undefined;
  const [pareto, costs, differential] = await Promise.all([
    svgOf(paretoSpec(comparison.groups, comparison.groupedBy)),
    svgOf(costSpec(comparison)),
    trace ? svgOf(differentialSpec(trace)) : undefined,
  ]);
  return { pareto, costs, ...(differential ? { differential } : {}) };
}
