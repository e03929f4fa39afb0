import { describe, expect, it } from "vitest";
import {
  COST_AXIS,
  DIFFERENTIAL_AXES,
  PARETO_AXES,
  costSpec,
  differentialSpec,
  niceCeiling,
  paretoSpec,
  placeLabels,
  reportCharts,
  svgOf,
} from "../../reports/charts.js";
import { type ReportEntry, compare } from "../../reports/comparison.js";
import { loadReportInputs } from "../../reports/load.js";
import { type SessionSpec, sessionResult, workshopFolder } from "./fixture.js";

/** How many marks one kind of mark group drew (legend and axis symbols excluded). */
const marks = (svg: string, kind: "symbol" | "rect" | "line" | "rule" | "text"): number =>
  [...svg.matchAll(new RegExp(`<g class="mark-${kind} role-mark[^"]*"[^>]*>(.*?)</g>`, "gs"))].reduce(
    (n, m) => n + (m[1]!.match(/<(path|line|text)\b/g)?.length ?? 0),
    0,
  );

const texts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

const entry = (spec: SessionSpec): ReportEntry => ({ result: sessionResult(spec), source: "fixture" });

const variants = compare([
  entry({ variant: "full", costUsd: 400 }),
  entry({ variant: "full", costUsd: 600, caseId: "cp-01", score: 2 }),
  entry({ variant: "oracle", costUsd: 150, score: 2 }),
  entry({ variant: "budgeted", costUsd: 700, score: 3 }),
  entry({ variant: "order-all", costUsd: 1200 }),
  entry({ variant: "order-all", costUsd: 1000, caseId: "cp-01" }),
]);

describe("report charts", () => {
  it("draws accuracy against cost: a point, an interval and a name per group, under titled axes", async () => {
    const svg = await svgOf(paretoSpec(variants.groups, variants.groupedBy));
    expect(svg.startsWith("<svg")).toBe(true);
    expect(marks(svg, "symbol")).toBe(4);
    expect(marks(svg, "rule")).toBe(4);
    expect(texts(svg)).toEqual(expect.arrayContaining([PARETO_AXES.x, PARETO_AXES.y, "budgeted", "full", "oracle", "order-all", "on the frontier", "not on the frontier"]));
  });

  it("joins the frontier with one line through its groups", async () => {
    const svg = await svgOf(paretoSpec(variants.groups, variants.groupedBy));
    expect(variants.groups.filter((g) => g.frontier).map((g) => g.name)).toEqual(["full", "oracle", "order-all"]);
    expect(marks(svg, "line")).toBe(1);
    // Three corners joined by steps: a move, then two steps of two segments each.
    expect(svg.match(/<g class="mark-line role-mark[^>]*><path [^>]*d="(M[^"]+)"/)?.[1]?.match(/[ML]/g)).toHaveLength(5);
  });

  it("ends the cost axis on a round number past the dearest group", () => {
    expect([0, 95, 329 * 1.1, 1000, 1300].map(niceCeiling)).toEqual([100, 100, 400, 1000, 1500]);
    const spec = JSON.stringify(paretoSpec(variants.groups, variants.groupedBy));
    expect(spec).toContain('"domain":[0,1500]');
  });

  it("moves a name clear of a close neighbour's, and to the left at the right edge", () => {
    const frame = { width: 500, height: 300, xMax: 1000 };
    const [a, b] = placeLabels(
      [
        { name: "budgeted", cost: 300, accuracy: 1 },
        { name: "full", cost: 320, accuracy: 1 },
      ],
      frame,
    );
    expect(Math.abs(a!.labelY - b!.labelY) * frame.height).toBeGreaterThanOrEqual(13);
    const [edge] = placeLabels([{ name: "order-all", cost: 990, accuracy: 0.5 }], frame);
    expect(edge!.labelX).toBeLessThan(990);
  });

  it("draws a box per group and a circle per session for the cost spread", async () => {
    const svg = await svgOf(costSpec(variants));
    // Each box plot is a box and a median tick, both rects.
    expect(marks(svg, "rect")).toBe(2 * 4);
    expect(marks(svg, "symbol")).toBe(6);
    expect(texts(svg)).toEqual(expect.arrayContaining([COST_AXIS, "Panel variant", "correct", "incorrect"]));
  });

  it("draws one small chart per session of the traced case, a line per hypothesis", async () => {
    const workshop = compare(loadReportInputs([workshopFolder()]).entries);
    const svg = await svgOf(differentialSpec(workshop.trace!));
    expect(texts(svg)).toEqual(expect.arrayContaining(["Ana", "Ben", "Cy", DIFFERENTIAL_AXES.x, DIFFERENTIAL_AXES.y, "Acute appendicitis"]));
    // Each kept the three that led at some round, over three, four and two rounds.
    expect(marks(svg, "line")).toBe(3 * 3);
    expect(marks(svg, "symbol")).toBe(3 * 3 + 3 * 4 + 3 * 2);
  });

  it("draws a single session without facets", async () => {
    const one = compare([entry({})]);
    const spec = differentialSpec(one.trace!);
    expect(spec).not.toHaveProperty("facet");
    expect(marks(await svgOf(spec), "line")).toBe(3);
  });

  it("leaves the differential out when the traced case recorded none", async () => {
    const charts = await reportCharts(compare([entry({ course: {} })]));
    expect(Object.keys(charts)).toEqual(["pareto", "costs"]);
  });
});
