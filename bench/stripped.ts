import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import type { Knowledge } from "../agents/view.js";
import type { Case } from "../core/case.js";
import { type LoadedCase, loadCases } from "../core/case-loader.js";
import { autoCode } from "../coding/auto.js";
import { runBatch } from "../runs/batch.js";
import { summarise } from "../runs/summary.js";

/** A case with every `kb` key removed: what a teacher's plain-text case gives the offline brain. */
export function stripCodes(c: Case): Case {
  return {
    ...c,
    presentation: { ...c.presentation, kb: [] },
    findings: c.findings.map((f) => ({ ...f, kb: [] })),
    tests: Object.fromEntries(Object.entries(c.tests).map(([id, t]) => [id, { ...t, kb: [] }])),
  };
}

/**
 * `dxsim run` on a copy of the cases with their codes stripped: written to a temporary folder,
 * loaded back, coded at load as `run` codes them, and played by the offline panel.
 */
export async function strippedRun(cases: readonly LoadedCase[], knowledge: Knowledge, workers: boolean): Promise<{ accuracy: number; cases: number; meanReadable: number }> {
  const dir = mkdtempSync(join(tmpdir(), "dxsim-stripped-"));
  try {
    for (const { case: c } of cases) writeFileSync(join(dir, `${c.id}.yaml`), stringify(stripCodes(c)));
    const loaded = loadCases([dir]).cases.map((c) => ({ ...c, coded: autoCode(c.case, knowledge.kb) }));
    const { results, failures } = await runBatch(loaded.map((c) => ({ ...c, case: c.coded.case })), knowledge, { settings: {}, jobs: workers ? 2 : 1, workers });
    const summary = summarise(results, failures.length);
    const share = loaded.reduce((sum, c) => sum + c.coded.coverage.readable / Math.max(1, c.coded.coverage.facts), 0) / Math.max(1, loaded.length);
    return { accuracy: summary.accuracy, cases: results.length, meanReadable: share };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
