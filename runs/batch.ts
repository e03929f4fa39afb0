import type { Case } from "../core/case.js";
import { oracleCost } from "../core/ledger.js";
import type { CaseScript } from "../core/script.js";
import type { Knowledge } from "../agents/view.js";
import { createOracle } from "../graph/oracle.js";
import { playScripted } from "../graph/scripted.js";
import { DiagnosticSession } from "../graph/session.js";
import type { SessionSettings } from "../graph/settings.js";
import type { SessionBrains } from "../llm/brains.js";
import { runEnsemble } from "./ensemble.js";
import { type CaseResult, caseResult } from "./result.js";

export interface LoadedCase {
  file: string;
  case: Case;
}

export interface RunFailure {
  file: string;
  caseId?: string;
  message: string;
}

export interface BatchOptions {
  settings: Partial<SessionSettings>;
  scripts?: ReadonlyMap<string, CaseScript>;
  /** Cases in flight at once; results come back in input order whatever the value. */
  jobs?: number;
  repeat?: number;
  onResult?: (result: CaseResult) => void;
  onFailure?: (failure: RunFailure) => void;
  /** Model brains per case and run (llm/); the offline engine when absent. */
  brainsFor?: (caseFile: Case, run: number) => SessionBrains;
}

/** Plays one case headless to its verdict and turns the session into a result record. */
export async function runCase(loaded: LoadedCase, knowledge: Knowledge, settings: Partial<SessionSettings>, script: CaseScript | undefined, run = 0, brainsFor?: BatchOptions["brainsFor"]): Promise<CaseResult> {
  const meta = { file: loaded.file, run, oracleCostUsd: oracleCost(loaded.case.key_tests, knowledge.catalog, loaded.case.case_tests) };
  if (settings.variant === "ensemble") return runEnsemble(loaded.case, knowledge, settings, script, meta);
  const brains = brainsFor?.(loaded.case, run);
  const onModels = brains ? { brains: brains.panel, oracle: createOracle(loaded.case, knowledge, brains) } : {};
  const session = DiagnosticSession.create({ caseFile: loaded.case, knowledge, settings, threadId: `${loaded.case.id}#${run}`, ...onModels });
  const status = await playScripted(session, script);
  return caseResult(loaded.case, status.values, { ...meta, ...(brains ? { llm: brains.usage.caseUsage() } : {}) });
}

/** Runs every case (times repeat), `jobs` at a time; a failing case is reported, never fatal. */
export async function runBatch(cases: readonly LoadedCase[], knowledge: Knowledge, options: BatchOptions): Promise<{ results: CaseResult[]; failures: RunFailure[] }> {
  const repeat = Math.max(1, options.repeat ?? 1);
  const tasks = cases.flatMap((c) => Array.from({ length: repeat }, (_, run) => ({ c, run })));
  const slots: (CaseResult | RunFailure)[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      const { c, run } = tasks[index]!;
      try {
        const result = await runCase(c, knowledge, options.settings, options.scripts?.get(c.case.id), run, options.brainsFor);
        slots[index] = result;
        options.onResult?.(result);
      } catch (e) {
        const failure = { file: c.file, caseId: c.case.id, message: e instanceof Error ? e.message : String(e) };
        slots[index] = failure;
        options.onFailure?.(failure);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs ?? 1) }, worker));
  return {
    results: slots.filter((s): s is CaseResult => "verdict" in s),
    failures: slots.filter((s): s is RunFailure => !("verdict" in s)),
  };
}
