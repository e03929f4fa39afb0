import { performance } from "node:perf_hooks";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import type { Knowledge } from "../agents/view.js";
import type { LoadedCase } from "../core/case-loader.js";
import { runBatch } from "../runs/batch.js";

export interface GraphCost {
  /** LangGraph runnable calls (each node, state writer, edge and streamed chunk) a case. */
  callsPerCase: number;
  callsPerRound: number;
  /** One call's fixed cost with tracing off: callback set-up and the run context it is stored in. */
  microsPerCall: number;
}

/**
 * Where the graph's own time goes: every runnable LangGraph calls to run a node (the node, its
 * state writer and mapper, the control branch every node gets, its edge) and to stream a chunk
 * goes through @langchain/core's runWithConfig, which builds a LangSmith run tree with a
 * crypto-random id even with tracing off, unless graph/lean-context.ts stands in for it (it
 * does whenever nothing traces). Counted over one headless pass of the cases.
 */
export async function benchGraphCost(cases: readonly LoadedCase[], knowledge: Knowledge): Promise<GraphCost> {
  const provider = AsyncLocalStorageProviderSingleton;
  const original = provider.runWithConfig;
  let calls = 0;
  provider.runWithConfig = function (this: typeof provider, ...args: Parameters<typeof original>) {
    calls++;
    return original.apply(this, args);
  } as typeof original;
  let rounds = 0;
  try {
    const { results } = await runBatch(cases, knowledge, { settings: {} });
    rounds = results.reduce((sum, r) => sum + r.rounds, 0);
  } finally {
    provider.runWithConfig = original;
  }
  const n = 20_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) provider.runWithConfig({}, () => i);
  const microsPerCall = ((performance.now() - t0) * 1000) / n;
  return { callsPerCase: calls / cases.length, callsPerRound: calls / Math.max(1, rounds), microsPerCall };
}

export const formatGraphCost = (c: GraphCost): string =>
  `graph anatomy: ${c.callsPerCase.toFixed(0)} LangGraph runnable calls a case (${c.callsPerRound.toFixed(0)} a round), ${c.microsPerCall.toFixed(1)} µs each with tracing off: ${((c.callsPerCase * c.microsPerCall) / 1000).toFixed(1)} ms a case before any node runs`;
