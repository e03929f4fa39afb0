import { setImmediate as nextTurn } from "node:timers/promises";
import type { Worker } from "node:worker_threads";
import type { Case } from "../core/case.js";
import type { LoadedCase } from "../core/case-loader.js";
import { oracleCost } from "../core/ledger.js";
import type { CaseScript } from "../core/script.js";
import type { Knowledge } from "../agents/view.js";
import { createOracle } from "../graph/oracle.js";
import { playHeadless } from "../graph/headless.js";
import type { SessionSettings } from "../core/settings.js";
import type { SessionBrains } from "../llm/brains.js";
import { dealTasks } from "./deal.js";
import { runEnsemble } from "./ensemble.js";
import { type CaseResult, type RunFailure, caseResult } from "./result.js";
import { scriptedReviewer } from "../graph/scripted.js";
import { type CaseOutcome, type CaseTask, type WorkerSetup, runOnWorker } from "./workers.js";

export interface BatchOptions {
  settings: Partial<SessionSettings>;
  scripts?: ReadonlyMap<string, CaseScript>;
  /** Cases in flight at once; results are reported and returned in input order whatever the value. */
  jobs?: number;
  /**
   * Run all jobs but one on worker threads, so the offline engine uses that many cores. Needs
   * the compiled worker (dist/); model brains (brainsFor) always stay on this thread.
   */
  workers?: boolean;
  /** Worker threads started ahead (startWorker), used before any new one; those not needed are stopped. */
  started?: readonly Worker[];
  repeat?: number;
  onResult?: (result: CaseResult) => void;
  onFailure?: (failure: RunFailure) => void;
  /** Model brains per case and run (llm/); the offline engine when absent. */
  brainsFor?: (caseFile: Case, run: number) => SessionBrains;
}

export interface BatchOutcome {
  results: CaseResult[];
  failures: RunFailure[];
}

/** Plays one case headless to its verdict and turns the session into a result record. */
export async function runCase(loaded: LoadedCase, knowledge: Knowledge, settings: Partial<SessionSettings>, script: CaseScript | undefined, run = 0, brainsFor?: BatchOptions["brainsFor"]): Promise<CaseResult> {
  const meta = { file: loaded.file, run, oracleCostUsd: oracleCost(loaded.case.key_tests, knowledge.catalog, loaded.case.case_tests) };
  if (settings.variant === "ensemble") return runEnsemble(loaded.case, knowledge, settings, script, meta);
  const brains = brainsFor?.(loaded.case, run);
  const onModels = brains ? { brains: brains.panel, oracle: createOracle(loaded.case, knowledge, brains) } : {};
  // Nobody reopens, resumes or rewinds a batch run's session: it is played with no checkpoints.
  const values = await playHeadless({ caseFile: loaded.case, knowledge, settings, ...onModels }, scriptedReviewer(script));
  return caseResult(loaded.case, values, { ...meta, ...(brains ? { llm: brains.usage.caseUsage() } : {}) });
}

/** A case's result, or the failure that stopped it: one case never stops the batch. */
export async function settleCase(task: CaseTask, knowledge: Knowledge, options: Pick<BatchOptions, "settings" | "scripts" | "brainsFor">): Promise<CaseOutcome> {
  try {
    return await runCase(task, knowledge, options.settings, options.scripts?.get(task.case.id), task.run, options.brainsFor);
  } catch (e) {
    return { file: task.file, caseId: task.case.id, message: e instanceof Error ? e.message : String(e) };
  }
}

export const isFailure = (outcome: CaseOutcome): outcome is RunFailure => !("verdict" in outcome);

/**
 * Runs every case (times repeat), `jobs` at a time: on this thread, or with `workers` on this
 * thread and jobs - 1 worker threads, each job playing one case's repeats (deal.ts). A failing
 * case is reported, never fatal.
 */
export async function runBatch(cases: readonly LoadedCase[], knowledge: Knowledge, options: BatchOptions): Promise<BatchOutcome> {
  const repeat = Math.max(1, options.repeat ?? 1);
  const tasks = cases.flatMap((c) => Array.from({ length: repeat }, (_, run) => ({ file: c.file, case: c.case, run })));
  const slots: (CaseOutcome | undefined)[] = new Array(tasks.length).fill(undefined);
  let reported = 0;
  // Once a job finds no task left, a worker still loading has nothing to play: it is stopped, not waited for.
  const allTaken = new AbortController();
  const deal = dealTasks(cases.map(() => repeat));
  const taker = () => {
    const take = deal();
    return (): number | undefined => {
      const index = take();
      if (index === undefined) allTaken.abort();
      return index;
    };
  };
  // Reported in input order, so the output is the same whichever job finishes first.
  const settle = (index: number, outcome: CaseOutcome) => {
    slots[index] = outcome;
    for (let ready = slots[reported]; ready; ready = slots[reported]) {
      reported++;
      if (isFailure(ready)) options.onFailure?.(ready);
      else options.onResult?.(ready);
    }
  };
  const here = async () => {
    const take = taker();
    for (let index = take(); index !== undefined; index = take()) {
      settle(index, await settleCase(tasks[index]!, knowledge, options));
      // Lets the workers' finished cases in between: an offline case never waits on I/O.
      await nextTurn();
    }
  };
  const jobs = Math.max(1, options.jobs ?? 1);
  const onWorkers = options.workers && !options.brainsFor ? Math.max(0, Math.min(jobs, tasks.length) - 1) : 0;
  for (const unused of options.started?.slice(onWorkers) ?? []) void unused.terminate();
  const setup: WorkerSetup = { tasks, knowledge: { kb: knowledge.kb, catalog: knowledge.catalog }, settings: options.settings, ...(options.scripts ? { scripts: options.scripts } : {}) };
  await Promise.all([
    ...Array.from({ length: jobs - onWorkers }, here),
    ...Array.from({ length: onWorkers }, (_, i) => runOnWorker(setup, taker(), settle, allTaken.signal, options.started?.[i])),
  ]);
  return {
    results: slots.filter((s): s is CaseResult => s !== undefined && !isFailure(s)),
    failures: slots.filter((s): s is RunFailure => s !== undefined && isFailure(s)),
  };
}
