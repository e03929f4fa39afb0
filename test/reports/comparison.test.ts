import { describe, expect, it } from "vitest";
import { MAX_TRACED_SESSIONS, type ReportEntry, compare, costSpread, onFrontier, tracePoints } from "../../reports/comparison.js";
import { loadReportInputs } from "../../reports/load.js";
import { CLIMB, type SessionSpec, sessionResult, workshopFolder } from "./fixture.js";

const entry = (spec: SessionSpec, learner?: string): ReportEntry => ({
  result: sessionResult(spec),
  ...(learner ? { learner } : {}),
  source: "fixture",
});

describe("comparing sessions", () => {
  it("groups by panel variant when no session names a learner, summarised by the run summary", () => {
    const c = compare([
      entry({ variant: "oracle", costUsd: 100 }),
      entry({ variant: "full", costUsd: 300, caseId: "cp-01" }),
      entry({ variant: "full", costUsd: 500, score: 3 }),
    ]);
    expect(c.groupedBy).toBe("variant");
    expect(c.groups.map((g) => [g.name, g.summary.n, g.summary.accuracy, g.summary.meanCostUsd])).toEqual([
      ["full", 2, 0.5, 400],
      ["oracle", 1, 1, 100],
    ]);
    expect(c.overall).toMatchObject({ n: 3, correct: 2, meanCostUsd: 300 });
    expect(c.caseIds).toEqual(["abd-01", "cp-01"]);
    expect(c.sessions.map((s) => `${s.result.caseId} ${s.group}`)).toEqual(["abd-01 full", "abd-01 oracle", "cp-01 full"]);
  });

  it("groups a workshop by learner", () => {
    const c = compare(loadReportInputs([workshopFolder()]).entries);
    expect(c.groupedBy).toBe("learner");
    expect(c.groups.map((g) => [g.name, g.summary.accuracy, g.summary.meanCostUsd, g.frontier])).toEqual([
      ["Ana", 1, 250, true],
      ["Ben", 1, 900, false],
      ["Cy", 0, 150, true],
    ]);
  });

  it("marks panel variants as such when learners are mixed in", () => {
    const c = compare([entry({}, "full"), entry({ variant: "full" })]);
    expect(c.groupedBy).toBe("learner or variant");
    expect(c.groups.map((g) => g.name)).toEqual(["full", "panel full"]);
  });

  it("puts on the frontier only what nothing beats on both accuracy and cost", () => {
    expect(
      onFrontier([
        { accuracy: 0.9, meanCostUsd: 300 },
        { accuracy: 0.9, meanCostUsd: 300 },
        { accuracy: 0.8, meanCostUsd: 300 },
        { accuracy: 0.9, meanCostUsd: 350 },
        { accuracy: 0.5, meanCostUsd: 100 },
        { accuracy: 1, meanCostUsd: 900 },
      ]),
    ).toEqual([true, true, false, false, true, true]);
  });

  it("spreads costs into quartiles as the box plot draws them", () => {
    expect(costSpread([400, 100, 300, 200])).toEqual({ min: 100, q1: 175, median: 250, q3: 325, max: 400 });
    expect(costSpread([70])).toEqual({ min: 70, q1: 70, median: 70, q3: 70, max: 70 });
  });

  it("follows the first case round by round unless another is asked for", () => {
    const entries = [entry({ caseId: "cp-01", variant: "oracle" }), entry({ caseId: "abd-01", variant: "full" }), entry({ caseId: "abd-01", variant: "oracle" })];
    expect(compare(entries).trace).toMatchObject({ caseId: "abd-01", truth: "Acute appendicitis", notDrawn: 0 });
    expect(compare(entries).trace?.sessions.map((s) => s.label)).toEqual(["full", "oracle"]);
    expect(compare(entries, { traceCase: "cp-01" }).trace?.sessions.map((s) => s.label)).toEqual(["oracle"]);
  });

  it("keeps the hypotheses that led at some round, and the final answer even when it never led", () => {
    const course = { ...CLIMB, cholecystitis: [0.01, 0.01, 0.01] };
    const points = tracePoints(sessionResult({ course, answer: "cholecystitis", score: 1 }));
    expect([...new Set(points.map((p) => p.hypothesis))].sort()).toEqual([
      "Acute appendicitis",
      "Acute cholecystitis",
      "Acute gastroenteritis",
      "Non-specific abdominal pain",
    ]);
    expect(points.filter((p) => p.hypothesis === "Acute appendicitis")).toEqual([
      { round: 1, hypothesis: "Acute appendicitis", p: 0.3 },
      { round: 2, hypothesis: "Acute appendicitis", p: 0.6 },
      { round: 3, hypothesis: "Acute appendicitis", p: 0.9 },
    ]);
  });

  it("labels repeats by run and two exports of one learner apart", () => {
    const trace = compare([entry({ run: 0 }), entry({ run: 1 }), entry({}, "Ana"), entry({}, "Ana")]).trace;
    expect(trace?.sessions.map((s) => s.label)).toEqual(["Ana", "Ana (2)", "panel full run 1", "panel full run 2"]);
  });

  it(`draws at most ${MAX_TRACED_SESSIONS} sessions of the case and counts the rest`, () => {
    const many = Array.from({ length: MAX_TRACED_SESSIONS + 3 }, (_, i) => entry({}, `learner ${String(i).padStart(2, "0")}`));
    const trace = compare(many).trace;
    expect(trace?.sessions).toHaveLength(MAX_TRACED_SESSIONS);
    expect(trace?.notDrawn).toBe(3);
  });
});
