import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Knowledge } from "../agents/view.js";
import { importDiagnosisArena } from "../core/import/diagnosisarena.js";
import { packageRoot } from "../core/paths.js";
import type { LoadedCase } from "../core/case-loader.js";
import { runBatch } from "../runs/batch.js";
import { summarise } from "../runs/summary.js";

/**
 * Issue 16's figures: every bundled case ends with a scored plan and the mean plan score is at
 * least 0.8; the DiagnosisArena importer takes at least 99% of a file's lines (the team's
 * sample, test/fixtures/diagnosisarena-sample.jsonl), and how fast.
 */
export async function benchTreatment(knowledge: Knowledge, cases: readonly LoadedCase[]): Promise<string> {
  const { results, failures } = await runBatch(cases, knowledge, { settings: {}, jobs: 2, workers: true });
  const { treatment } = summarise(results, failures.length);
  const sample = readFileSync(join(packageRoot, "test/fixtures/diagnosisarena-sample.jsonl"), "utf8");
  const lines = sample.split("\n").filter((l) => l.trim() !== "").length;
  const t0 = performance.now();
  const imported = importDiagnosisArena(sample, { catalog: knowledge.catalog });
  const ms = performance.now() - t0;
  const share = imported.cases.length / lines;
  const met = (ok: boolean) => (ok ? "met" : "NOT met");
  return [
    `treatment plans: ${treatment.scored} of ${cases.length} bundled cases scored, mean plan score ${treatment.meanScore.toFixed(3)} (target every case, at least 0.8) — ${met(treatment.scored === cases.length && treatment.meanScore >= 0.8)}`,
    `DiagnosisArena import: ${imported.cases.length} of ${lines} sample lines (${(share * 100).toFixed(1)}%, target 99%) — ${met(share >= 0.99)}; ${(ms / lines).toFixed(2)} ms a line`,
  ].join("\n");
}
