import { Worker } from "node:worker_threads";
import type { CaseScript } from "../core/script.js";
import type { Knowledge } from "../agents/view.js";
import type { SessionSettings } from "../core/settings.js";
import type { LoadedCase } from "../core/case-loader.js";
import type { CaseResult, RunFailure } from "./result.js";
import { bundledVocabularyFiles } from "../core/vocabulary-loader.js";
import type { VocabularyFile } from "../core/vocabulary.js";

/** One case to play, and which of its repeats this is. */
export interface CaseTask extends LoadedCase {
  run: number;
}

/** A case's result, or the failure that stopped it. */
export type CaseOutcome = CaseResult | RunFailure;

/** What a worker starts with: the whole batch, and its own copy of the knowledge. */
export interface WorkerSetup {
  tasks: readonly CaseTask[];
  knowledge: Knowledge;
  settings: Partial<SessionSettings>;
  scripts?: ReadonlyMap<string, CaseScript>;
}

/** What a worker says: that it has loaded and can take cases, or how a case (by index) ended. */
export type WorkerMessage = { kind: "ready" } | { kind: "settled"; index: number; outcome: CaseOutcome };

/** What a worker is sent: its batch (first), a case to play (by index), or the bundled vocabulary files as this thread read them. */
export type WorkerRequest = { kind: "setup"; setup: WorkerSetup } | { kind: "play"; index: number } | { kind: "vocabulary"; files: VocabularyFile[] };

/** This thread's bundled vocabulary files; none when they cannot be read (each case then fails on its own thread with the reason). */
function vocabularyToShare(): VocabularyFile[] | undefined {
  try {
    return bundledVocabularyFiles();
  } catch {
    return undefined;
  }
}

const workerFile = new URL("./case-worker.js", import.meta.url);

/**
 * Starts a worker before its batch is ready, so that it loads the engine (some 700 modules,
 * about half a second of a core) while this thread still prepares the batch: `dxsim run`
 * starts its workers while it reads the knowledge and checks and codes the cases, and hands
 * them to runBatch. It is unreferenced until runOnWorker takes it, so one that is never used
 * keeps no process alive.
 */
export function startWorker(): Worker {
  const worker = new Worker(workerFile);
  worker.unref();
  // One that fails before it is taken is not used: runOnWorker starts another in its place,
  // and that one's failure is reported with the cases it held.
  worker.on("error", () => {});
  return worker;
}

/** Cases a worker holds at once: the next is already there when one ends, so it never waits on us. */
const IN_FLIGHT = 2;

/**
 * Plays cases on a worker thread until `take` has none left. The worker asks for cases only
 * once it has loaded (about half a second), so a batch this thread finishes first never waits
 * on it: once `allTaken` aborts (`take` found none left), a worker holding no case is stopped,
 * loaded or not. A worker that dies fails the cases it held, with the reason, and is replaced;
 * each death costs a case, so this always ends. `started` (startWorker) is used first, if it
 * is still running; one not needed is stopped.
 */
export function runOnWorker(
  setup: WorkerSetup,
  take: () => number | undefined,
  settle: (index: number, outcome: CaseOutcome) => void,
  allTaken?: AbortSignal,
  started?: Worker,
): Promise<void> {
  return new Promise((resolve) => {
    const start = () => {
      const early = started?.threadId === -1 ? undefined : started;
      started = undefined;
      if (allTaken?.aborted) {
        void early?.terminate();
        return resolve();
      }
      const worker = early ?? new Worker(workerFile);
      worker.ref();
      // The worker reads its batch once it has loaded, and says "ready" only then.
      worker.postMessage({ kind: "setup", setup } satisfies WorkerRequest);
      const held = new Set<number>();
      const stopIfIdle = () => {
        if (held.size === 0) void worker.terminate();
      };
      allTaken?.addEventListener("abort", stopIfIdle);
      const feed = () => {
        while (held.size < IN_FLIGHT) {
          const index = take();
          if (index === undefined) break;
          held.add(index);
          worker.postMessage({ kind: "play", index } satisfies WorkerRequest);
        }
        stopIfIdle();
      };
      let reason: string | undefined;
      worker.on("message", (message: WorkerMessage) => {
        if (message.kind === "settled") {
          held.delete(message.index);
          settle(message.index, message.outcome);
        } else {
          // Sent before its first case: the files this thread has already parsed for its own cases.
          const files = vocabularyToShare();
          if (files) worker.postMessage({ kind: "vocabulary", files } satisfies WorkerRequest);
        }
        feed();
      });
      worker.on("error", (e) => {
        reason = `the worker running it failed: ${e.message}`;
      });
      worker.on("exit", (code) => {
        allTaken?.removeEventListener("abort", stopIfIdle);
        if (held.size === 0) return resolve();
        for (const index of held) {
          const task = setup.tasks[index]!;
          settle(index, { file: task.file, caseId: task.case.id, message: reason ?? `the worker running it stopped (exit code ${code})` });
        }
        start();
      });
    };
    start();
  });
}
