import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Knowledge } from "../agents/view.js";
import { loadCases } from "../core/case-loader.js";
import { packageRoot } from "../core/paths.js";
import { runBatch } from "../runs/batch.js";
import { type RunSummary, summarise } from "../runs/summary.js";

/**
 * The held-out plain-text cases (test/fixtures/heldout/README.md): written without looking at
 * the knowledge base, never used to tune the engine. The honest accuracy figure.
 */
export const heldoutCasesDir = join(packageRoot, "test", "fixtures", "heldout");

/**
 * Summary fields that not every version of the run summary has (abstentions, questions asked,
 * calibration): printed when present, left out when not.
 */
const OptionalFiguresSchema = z.object({
  abstained: z.number().optional(),
  meanQuestions: z.number().optional(),
  calibration: z.object({ brier: z.number(), ece: z.number() }).optional(),
});

export interface HeldoutBench {
  summary: RunSummary;
  failedToLoad: number;
}

/** The full offline panel over every held-out case, as `dxsim run test/fixtures/heldout` plays them. */
export async function benchHeldout(knowledge: Knowledge): Promise<HeldoutBench | undefined> {
  if (!existsSync(heldoutCasesDir)) return undefined;
  const { cases, problems } = loadCases([heldoutCasesDir]);
  const { results, failures } = await runBatch(cases, knowledge, { settings: { variant: "full" }, jobs: 2, workers: true });
  return { summary: summarise(results, failures.length), failedToLoad: problems.length };
}

export function formatHeldoutBench(bench: HeldoutBench | undefined): string {
  if (!bench) return `held-out cases: skipped, ${heldoutCasesDir} is absent`;
  const { summary: s, failedToLoad } = bench;
  const optional = OptionalFiguresSchema.parse(s);
  const figures = [
    `accuracy ${(s.accuracy * 100).toFixed(1)}% (${s.correct}/${s.n}, 95% CI ${(s.accuracyCi95[0] * 100).toFixed(0)}-${(s.accuracyCi95[1] * 100).toFixed(0)}%)`,
    `mean cost $${s.meanCostUsd.toFixed(0)}`,
    ...(optional.abstained === undefined ? [] : [`abstained ${optional.abstained}`]),
    ...(optional.meanQuestions === undefined ? [] : [`mean questions ${optional.meanQuestions.toFixed(1)}`]),
    ...(optional.calibration === undefined ? [] : [`Brier ${optional.calibration.brier.toFixed(3)}`, `ECE ${optional.calibration.ece.toFixed(3)}`]),
  ];
  const trouble = [
    ...(failedToLoad > 0 ? [`${failedToLoad} load problem(s)`] : []),
    ...(s.failed > 0 ? [`${s.failed} case(s) failed to run`] : []),
  ];
  return `held-out plain-text cases, full panel, offline: ${figures.join(", ")}${trouble.length ? ` — ${trouble.join(", ")}` : ""}`;
}
