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

/**
 * The worker's answer: the outcome, how long it took (wall clock, and this thread's CPU time,
 * which other processes on a busy machine do not inflate) and the heap in use when it ended.
 */
export interface FuzzAnswer extends Outcome {
  ms: number;
  cpuMs: number;
  heapMb: number;
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.threadCpuUsage(since);
  return (used.user + used.system) / 1000;
};

// Loaded once before the first input is timed: the catalog, the knowledge base, the schemas.
warmUp();
parentPort?.postMessage("ready");

parentPort?.on("message", ({ kind, file }: FuzzTask) => {
  const t0 = performance.now();
  const cpu0 = process.threadCpuUsage();
  const outcome = checkInput(kind, file);
  const answer: FuzzAnswer = { ...outcome, ms: performance.now() - t0, cpuMs: cpuMs(cpu0), heapMb: getHeapStatistics().used_heap_size / 1024 / 1024 };
  parentPort!.postMessage(answer);
});
