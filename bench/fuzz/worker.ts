import { performance } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import { parentPort } from "node:worker_threads";
import type { FuzzKind } from "./inputs.js";
import { type Outcome, checkInput, warmUp } from "./target.js";

/** A task for the worker: read this file as this kind. */
export interface FuzzTask {
  kind: FuzzKind;
  file: string;
}

/** The worker's answer: the outcome, how long it took and the heap in use when it ended. */
export interface FuzzAnswer extends Outcome {
  ms: number;
  heapMb: number;
}

// Loaded once before the first input is timed: the catalog, the knowledge base, the schemas.
warmUp();
parentPort?.postMessage("ready");

parentPort?.on("message", ({ kind, file }: FuzzTask) => {
  const t0 = performance.now();
  const outcome = checkInput(kind, file);
  const answer: FuzzAnswer = { ...outcome, ms: performance.now() - t0, heapMb: getHeapStatistics().used_heap_size / 1024 / 1024 };
  parentPort!.postMessage(answer);
});
