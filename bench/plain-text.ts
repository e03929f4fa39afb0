import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Knowledge } from "../agents/view.js";
import { loadCases } from "../core/case-loader.js";
import { autoCode } from "../coding/auto.js";
import { packageRoot } from "../core/paths.js";
import { runBatch } from "../runs/batch.js";
import { eceInterval } from "../runs/calibration.js";
import { forecasts, type RunSummary, summarise } from "../runs/summary.js";

/** A set of plain-text cases written without the knowledge base, as the bench reports it. */
export interface PlainTextSet {
  dir: string;
  /** How the bench's line names the set. */
  title: string;
}

/**
 * The held-out plain-text cases (test/fixtures/heldout/README.md): written without looking at
 * the knowledge base, never used to tune the engine. The honest accuracy figure.
 */
export const HELDOUT: PlainTextSet = { dir: join(packageRoot, "test", "fixtures", "heldout"), title: "held-out plain-text cases" };

/**
 * The development plain-text cases (test/fixtures/devtext/README.md): written the same way by
 * other hands, but open to the engine's developers, who calibrate on them instead.
 */
export const DEVTEXT: PlainTextSet = { dir: join(packageRoot, "test", "fixtures", "devtext"), title: "development plain-text cases" };

export interface PlainTextBench {
  summary: RunSummary;
  /** 95% bootstrap interval of the summary's ECE. */
  eceCi95: [number, number];
  failedToLoad: number;
}

/** The full offline panel over every case of a set, as `dxsim run <dir>` plays them. */
export async function benchPlainText(knowledge: Knowledge, set: PlainTextSet): Promise<PlainTextBench | undefined> {
  if (!existsSync(set.dir)) return undefined;
  const { cases, problems } = loadCases([set.dir]);
  // `dxsim run` codes a case's uncoded facts when it loads it (cli/commands/run.ts); so does this.
  const coded = cases.map((c) => ({ ...c, case: autoCode(c.case, knowledge.kb).case }));
  const { results, failures } = await runBatch(coded, knowledge, { settings: { variant: "full" }, jobs: 2, workers: true });
  return { summary: summarise(results, failures.length), eceCi95: eceInterval(forecasts(results)), failedToLoad: problems.length };
}

export function formatPlainTextBench(set: PlainTextSet, bench: PlainTextBench | undefined): string {
  if (!bench) return `${set.title}: skipped, ${set.dir} is absent`;
  const { summary: s, eceCi95, failedToLoad } = bench;
  const figures = [
    `accuracy ${(s.accuracy * 100).toFixed(1)}% (${s.correct}/${s.n}, 95% CI ${(s.accuracyCi95[0] * 100).toFixed(0)}-${(s.accuracyCi95[1] * 100).toFixed(0)}%)`,
    `mean cost $${s.meanCostUsd.toFixed(0)}`,
    `abstained ${s.abstained}`,
    `mean questions ${s.meanQuestions.toFixed(1)}`,
    `Brier ${s.calibration.brier.toFixed(3)}`,
    `ECE ${s.calibration.ece.toFixed(3)} (95% bootstrap CI ${eceCi95[0].toFixed(3)}-${eceCi95[1].toFixed(3)}, over ${s.calibration.n} stated probabilities)`,
  ];
  const trouble = [
    ...(failedToLoad > 0 ? [`${failedToLoad} load problem(s)`] : []),
    ...(s.failed > 0 ? [`${s.failed} case(s) failed to run`] : []),
  ];
  return `${set.title}, full panel, offline: ${figures.join(", ")}${trouble.length ? ` — ${trouble.join(", ")}` : ""}`;
}
