import { performance } from "node:perf_hooks";
import type { Case } from "../core/case.js";
import type { BrainRole } from "../agents/roles.js";
import type { Knowledge } from "../agents/view.js";
import { createOracle } from "../graph/oracle.js";
import { playScripted } from "../graph/scripted.js";
import { DiagnosticSession } from "../graph/session.js";
import { type LlmRuntime, type SessionBrains, createBrains, llmRuntime } from "../llm/brains.js";
import { ConfigFileSchema, resolveLlmConfig } from "../llm/config.js";
import { liveTransport } from "../llm/transport.js";
import type { UsageReport } from "../llm/usage.js";
import { startFakeOpenAI } from "./support/fake-openai-server.js";
import { scriptedPanel } from "./support/scripted-panel.js";

/** Calls that ran side by side: how long the group took against its slowest member. */
export interface ParallelStage {
  round: number;
  stage: "test-chooser ∥ skeptic" | "gatekeeper";
  calls: number;
  wallMs: number;
  slowestCallMs: number;
  /** wallMs / slowestCallMs: 1 when fully concurrent, the number of calls when serial. */
  ratio: number;
}

/** A whole debate round against the sum of its sequential steps' slowest calls. */
export interface RoundTiming {
  round: number;
  wallMs: number;
  criticalPathMs: number;
  ratio: number;
}

export interface LlmBenchReport {
  stages: ParallelStage[];
  rounds: RoundTiming[];
  worstStageRatio: number;
  /** The target: a parallel stage takes at most this times its slowest call. */
  target: number;
  tokensPerCase: number;
  usage: UsageReport;
}

export interface LlmBenchOptions {
  knowledge: Knowledge;
  caseFile: Case;
  /** Latency the local server adds per schema (role), in ms. Uneven on purpose. */
  latencyMs?: Partial<Record<string, number>>;
}

export const DEFAULT_LATENCY_MS: Record<string, number> = {
  hypothesis: 120,
  test_chooser: 200,
  skeptic: 300,
  cost_steward: 80,
  chair: 100,
  gatekeeper: 150,
  judge: 60,
};

interface Timed {
  role: BrainRole;
  round: number;
  startMs: number;
  endMs: number;
}

/**
 * Plays one case with every role, the gatekeeper and the judge on the compatible brain, against
 * the local fake server with injected latency, timing each model call. Shows whether roles that
 * do not depend on each other (test chooser and skeptic; a batch of gatekeeper questions) really
 * call the model at the same time, and the tokens a case takes.
 */
export async function benchLlm({ knowledge, caseFile, latencyMs = DEFAULT_LATENCY_MS }: LlmBenchOptions): Promise<LlmBenchReport> {
  const server = await startFakeOpenAI(scriptedPanel(caseFile, knowledge, { latencyMs }), { estimateUsage: true });
  try {
    const { plan, credentials } = resolveLlmConfig(ConfigFileSchema.parse({}), { DXSIM_BRAIN: "compatible", OPENAI_BASE_URL: server.baseURL, DXSIM_MODEL: "bench-model" });
    const runtime = llmRuntime({ plan, credentials, transport: liveTransport() });
    // The first pass warms up modules, the JIT and the connection; the second is measured.
    await playTimed(runtime, knowledge, caseFile);
    const { timed, brains } = await playTimed(runtime, knowledge, caseFile);

    const rounds = [...new Set(timed.map((t) => t.round))].sort((a, b) => a - b);
    const stages: ParallelStage[] = [];
    const roundTimings: RoundTiming[] = [];
    for (const round of rounds) {
      const of = (...roles: BrainRole[]) => timed.filter((t) => t.round === round && roles.includes(t.role));
      const debate = of("test-chooser", "skeptic");
      if (debate.length > 1) stages.push(stage(round, "test-chooser ∥ skeptic", debate));
      const gatekeeper = of("gatekeeper");
      if (gatekeeper.length > 1) stages.push(stage(round, "gatekeeper", gatekeeper));
      const panel = of("hypothesis", "test-chooser", "skeptic", "cost-steward", "chair");
      if (panel.length === 0) continue;
      const slowest = (calls: Timed[]) => Math.max(0, ...calls.map((t) => t.endMs - t.startMs));
      const criticalPathMs = slowest(of("hypothesis")) + slowest(debate) + slowest(of("cost-steward")) + slowest(of("chair"));
      const wallMs = Math.max(...panel.map((t) => t.endMs)) - Math.min(...panel.map((t) => t.startMs));
      roundTimings.push({ round, wallMs: ms(wallMs), criticalPathMs: ms(criticalPathMs), ratio: ratio(wallMs, criticalPathMs) });
    }
    const usage = brains.usage.report();
    return {
      stages,
      rounds: roundTimings,
      worstStageRatio: Math.max(0, ...stages.map((s) => s.ratio)),
      target: 1.3,
      tokensPerCase: usage.inputTokens + usage.outputTokens,
      usage,
    };
  } finally {
    await server.close();
  }
}

/** Plays the case once on the runtime, timing each model call and noting its round. */
async function playTimed(runtime: LlmRuntime, knowledge: Knowledge, caseFile: Case): Promise<{ timed: Timed[]; brains: SessionBrains }> {
  const timed: Timed[] = [];
  // Panel prompts name their round; the gatekeeper and judge calls that follow belong to it.
  let round = 1;
  const call: LlmRuntime["call"] = async (request) => {
    round = Number(/Round (\d+) of at most/.exec(request.prompt.user)?.[1] ?? round);
    const at = { role: request.site.role, round, startMs: performance.now() };
    const outcome = await runtime.call(request);
    timed.push({ ...at, endMs: performance.now() });
    return outcome;
  };
  const brains = createBrains({ ...runtime, call }, knowledge, caseFile);
  const session = DiagnosticSession.create({ caseFile, knowledge, brains: brains.panel, oracle: createOracle(caseFile, knowledge, brains) });
  await playScripted(session);
  return { timed, brains };
}

function stage(round: number, name: ParallelStage["stage"], calls: Timed[]): ParallelStage {
  const wallMs = Math.max(...calls.map((t) => t.endMs)) - Math.min(...calls.map((t) => t.startMs));
  const slowestCallMs = Math.max(...calls.map((t) => t.endMs - t.startMs));
  return { round, stage: name, calls: calls.length, wallMs: ms(wallMs), slowestCallMs: ms(slowestCallMs), ratio: ratio(wallMs, slowestCallMs) };
}

const ms = (x: number): number => Math.round(x * 10) / 10;
const ratio = (a: number, b: number): number => (b > 0 ? Math.round((a / b) * 100) / 100 : 0);

/** The report as lines for the terminal. */
export function formatLlmBench(r: LlmBenchReport): string {
  return [
    "model brains (local server, injected latency):",
    ...r.stages.map((s) => `  round ${s.round} ${s.stage}: ${s.calls} calls in ${s.wallMs} ms, slowest ${s.slowestCallMs} ms → ${s.ratio}x`),
    ...r.rounds.map((t) => `  round ${t.round} debate: ${t.wallMs} ms against a critical path of ${t.criticalPathMs} ms → ${t.ratio}x`),
    `  worst parallel stage ${r.worstStageRatio}x (target ≤ ${r.target}x) ${r.worstStageRatio <= r.target ? "ok" : "MISSED"}`,
    `  tokens per case ${r.tokensPerCase} (${r.usage.inputTokens} in, ${r.usage.outputTokens} out, ${r.usage.requests} requests; estimated at 4 characters a token)`,
  ].join("\n");
}
