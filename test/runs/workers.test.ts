import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { bundledCasesDir, packageRoot } from "../../core/paths.js";
import { runBatch, settleCase } from "../../runs/batch.js";
import type { CaseOutcome, CaseTask } from "../../runs/workers.js";
import { bundled } from "../graph/helpers.js";

const cli = join(packageRoot, "dist/cli/main.js");
const compiledWorkers = join(packageRoot, "dist/runs/workers.js");

/** `dxsim run` with its records, case lines and exit code. */
function run(args: string[]) {
  const out = join(mkdtempSync(join(tmpdir(), "dxsim-run-")), "results.jsonl");
  const done = spawnSync(process.execPath, [cli, "run", ...args, "--out", out], { encoding: "utf8" });
  return { records: readFileSync(out, "utf8"), stdout: done.stdout, status: done.status };
}

// A worker thread loads the compiled worker, so these go through dist/.
describe.skipIf(!existsSync(cli) || !existsSync(compiledWorkers))("cases on worker threads (skipped until `npm run build` has made dist/)", () => {
  it("dxsim run --jobs 2 writes the same records and case lines, in case order, as one job", () => {
    const one = run([bundledCasesDir, "--repeat", "3"]);
    const two = run([bundledCasesDir, "--repeat", "3", "--jobs", "2"]);
    expect(one.status).toBe(0);
    expect(one.records.split("\n").filter(Boolean)).toHaveLength(3 * bundled().cases.size);
    expect(two.records).toBe(one.records);
    expect(two.stdout).toBe(one.stdout);
    // Six runs of every bundled case in child processes: its time grows with the case count.
  }, 240_000);

  it("a worker plays the cases it is handed as this thread does, and a failing case fails with the same message", async () => {
    const { runOnWorker } = (await import(pathToFileURL(compiledWorkers).href)) as typeof import("../../runs/workers.js");
    const { knowledge, cases } = bundled();
    const fev = cases.get("fev-01")!;
    const tasks: CaseTask[] = [
      { file: "fev-01.yaml", case: fev, run: 0 },
      { file: "broken.yaml", case: { ...fev, id: "broken", key_tests: ["no_such_test"] }, run: 0 },
      { file: "cp-02.yaml", case: cases.get("cp-02")!, run: 1 },
    ];
    const here = await Promise.all(tasks.map((t) => settleCase(t, knowledge, { settings: {} })));
    const there: CaseOutcome[] = [];
    let next = 0;
    await runOnWorker({ tasks, knowledge, settings: {} }, () => (next < tasks.length ? next++ : undefined), (index, outcome) => (there[index] = outcome));
    expect(there[1]).toEqual({ file: "broken.yaml", caseId: "broken", message: expect.stringContaining("no_such_test") });
    expect(JSON.stringify(there)).toBe(JSON.stringify(here));
  });

  it("a worker started ahead of its batch plays it as a new one does, and one the batch does not need is stopped", async () => {
    const { runOnWorker, startWorker } = (await import(pathToFileURL(compiledWorkers).href)) as typeof import("../../runs/workers.js");
    const { knowledge, cases } = bundled();
    const tasks: CaseTask[] = [{ file: "fev-01.yaml", case: cases.get("fev-01")!, run: 0 }];
    const here = await settleCase(tasks[0]!, knowledge, { settings: {} });
    const there: CaseOutcome[] = [];
    let next = 0;
    const ahead = startWorker();
    await runOnWorker({ tasks, knowledge, settings: {} }, () => (next < tasks.length ? next++ : undefined), (index, outcome) => (there[index] = outcome), undefined, ahead);
    expect(ahead.threadId).toBe(-1);
    expect(JSON.stringify(there)).toEqual(JSON.stringify([here]));
    // One case on two jobs needs no worker: the one started for it is stopped, not left loading.
    const unused = startWorker();
    const exited = once(unused, "exit");
    const { results } = await runBatch([{ file: "fev-01.yaml", case: cases.get("fev-01")! }], knowledge, { settings: {}, jobs: 2, workers: true, started: [unused] });
    expect(results).toHaveLength(1);
    await exited;
    expect(unused.threadId).toBe(-1);
  });

  it("stops a worker still loading once the batch has no case left for it", async () => {
    const { runOnWorker } = (await import(pathToFileURL(compiledWorkers).href)) as typeof import("../../runs/workers.js");
    const { knowledge, cases } = bundled();
    const allTaken = new AbortController();
    let asked = 0;
    const take = () => {
      asked++;
      return undefined;
    };
    const stopped = runOnWorker({ tasks: [{ file: "fev-01.yaml", case: cases.get("fev-01")!, run: 0 }], knowledge, settings: {} }, take, () => {}, allTaken.signal);
    allTaken.abort();
    await stopped;
    expect(asked).toBe(0);
  });
});
