import { performance } from "node:perf_hooks";
import { join } from "node:path";
import { scenariosDir } from "../core/paths.js";
import { loadBundledCases } from "../core/case-loader.js";
import { loadBundledKnowledge } from "../cli/knowledge.js";
import { nodeTooOld } from "../cli/node-version.js";
import type { Knowledge } from "../agents/view.js";
import { PanelVariantSchema } from "../core/settings.js";
import { runBatch } from "../runs/batch.js";
import { startWorker } from "../runs/workers.js";
import { prepareBatch } from "../runs/prepare.js";
import { summarise, type RunSummary } from "../runs/summary.js";
import type { CaseResult } from "../runs/result.js";
import { benchAgentClinicAccuracy, benchDiagnosisCoverage } from "./agentclinic-coverage.js";
import { playDirect } from "./direct.js";
import { benchLint, formatLintBench } from "./lint.js";
import { benchPlainText, DEVTEXT, formatPlainTextBench, HELDOUT } from "./plain-text.js";
import { benchLlm, formatLlmBench } from "./llm.js";
import { benchTreatment } from "./treatment.js";
import { formatOrderBench } from "./orders.js";
import { formatCoderLine, formatCoderScore, formatDisagreements, scoreCoder } from "./coding.js";
import { strippedRun } from "./stripped.js";
import { benchTui, formatTuiBench } from "./tui.js";
import { benchWorkshop, formatWorkshopLoad } from "./workshop.js";
import { benchJudge, formatJudgeBench } from "./judge.js";
import { benchCalibration } from "./calibration.js";
import { explainRoleDifferences } from "./roles.js";
import { benchGraphCost, formatGraphCost } from "./graph-cost.js";
import { benchCommandThroughput } from "./command-throughput.js";

/**
 * `npm run bench`: the numbers issues name as targets, measured in one run so that ratios
 * compare like with like on this machine. A benchmark prints; it never fails the build.
 * `npm run bench -- throughput overhead` runs only the parts named.
 */
const PARTS = ["variants", "throughput", "overhead", "llm", "tui", "workshop", "judge", "lint", "heldout", "devtext", "treatment", "orders", "coding", "coding-disagreements", "coverage", "calibration"];
const named = process.argv.slice(2);
if (named.some((part) => !PARTS.includes(part))) {
  console.error(`usage: npm run bench [-- part...]; parts: ${PARTS.join(", ")} (all when none is named)`);
  process.exit(2);
}
const runs = (part: string) => named.length === 0 || named.includes(part);

// The figures are Node's as much as dxsim's: on an older Node than dxsim needs the bench would
// still run, and print slower figures without a word.
const refusal = nodeTooOld(process.versions.node, "in the dxsim folder run `npm run bench`, which uses the Node that npm install put there.");
if (refusal) {
  process.stderr.write(`${refusal}\n`);
  process.exit(1);
}

const knowledge = loadBundledKnowledge();
const { cases } = loadBundledCases();

/** Wall time, and the process's CPU time: on a shared machine the second is the steadier measure of work. */
const timed = async <T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; cpuSeconds: number }> => {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const value = await work();
  const cpu = process.cpuUsage(cpu0);
  return { value, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
};
const usd = (x: number) => `$${x.toFixed(0)}`;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const verdict = (ok: boolean) => (ok ? "met" : "NOT met");

console.log(`dxsim bench: ${cases.length} bundled cases, offline brain, Node ${process.version}`);

// 1. Every panel variant: accuracy against cost.
if (runs("variants")) {
  const summaries = new Map<string, RunSummary>();
  const byVariant = new Map<string, CaseResult[]>();
  console.log("\nvariant      accuracy  mean cost  test spend  cost/oracle  rounds  cases/s");
  for (const variant of PanelVariantSchema.options) {
    const { value, seconds } = await timed(() => runBatch(cases, knowledge, { settings: { variant }, jobs: 2, workers: true }));
    const s = summarise(value.results, value.failures.length);
    summaries.set(variant, s);
    byVariant.set(variant, value.results);
    const testSpend = value.results.reduce((sum, r) => sum + r.ledger.entries.filter((e) => e.kind === "test").reduce((a, e) => a + e.usd, 0), 0) / Math.max(1, value.results.length);
    console.log(
      `${variant.padEnd(12)} ${pct(s.accuracy).padStart(8)} ${usd(s.meanCostUsd).padStart(10)} ${usd(testSpend).padStart(11)} ${s.meanCostOverOracle.toFixed(2).padStart(11)}x ${s.meanRounds.toFixed(1).padStart(7)} ${(value.results.length / seconds).toFixed(1).padStart(8)}`,
    );
  }
  const full = summaries.get("full")!;
  const orderAll = summaries.get("order-all")!;
  const single = summaries.get("single")!;
  console.log(`\ntarget: full panel at least as accurate as order-all: ${pct(full.accuracy)} vs ${pct(orderAll.accuracy)} — ${verdict(full.accuracy >= orderAll.accuracy)}`);
  console.log(`target: full panel at no more than 40% of order-all's mean cost: ${pct(full.meanCostUsd / orderAll.meanCostUsd)} — ${verdict(full.meanCostUsd <= 0.4 * orderAll.meanCostUsd)}`);
  console.log(`target: full panel more accurate than single: ${pct(full.accuracy)} vs ${pct(single.accuracy)} — ${verdict(full.accuracy > single.accuracy)}`);
  console.log(`\n${explainRoleDifferences(byVariant)}`);
}

if (runs("calibration")) console.log(`\n${await benchCalibration(cases, knowledge)}`);

// The engine keeps its rankings per knowledge-base object; a copy starts with none, as a new
// `dxsim run` process does, so the timings below owe nothing to the runs before them.
const fresh = (): Knowledge => ({ kb: { ...knowledge.kb }, catalog: { ...knowledge.catalog } });
const repeat = 5;

// 2. Throughput of `dxsim run --jobs 2`: this thread and one worker thread. The verdict is the
// batch as `dxsim run` plays it (cli/commands/run.ts): its worker starts first and loads the
// engine while this thread reads the knowledge (from disk again here, as the command does) and
// checks and codes the cases (prepareBatch), and the batch is timed from its first case to its
// last. Beside it, the stricter figure of a worker started only with the batch, its whole
// start-up inside the timing. Once over the bundled cases, and with --repeat 5, enough to measure.
if (runs("throughput")) {
  // CPU time is both threads' (the worker's start-up included): steadier than the rate on a shared machine.
  const rate = async (times: number, asTheCommandDoes: boolean) => {
    const started = asTheCommandDoes ? [startWorker()] : undefined;
    const read = asTheCommandDoes ? loadBundledKnowledge() : fresh();
    const { runnable } = prepareBatch(cases, read);
    const { value, seconds, cpuSeconds } = await timed(() => runBatch(runnable, read, { settings: {}, jobs: 2, workers: true, repeat: times, ...(started ? { started } : {}) }));
    return { perSecond: value.results.length / seconds, cpuMs: (cpuSeconds * 1000) / value.results.length };
  };
  const once = await rate(1, true);
  const repeated = await rate(repeat, true);
  const coldOnce = await rate(1, false);
  const coldRepeated = await rate(repeat, false);
  console.log(
    `\nthroughput, full panel, --jobs 2, the batch as dxsim run plays it: ${repeated.perSecond.toFixed(1)} cases/s with --repeat ${repeat}, ${once.perSecond.toFixed(1)} cases/s once over the ${cases.length} cases (target 100) — ${verdict(repeated.perSecond >= 100)}`,
  );
  console.log(`  with the worker started only with the batch: ${coldRepeated.perSecond.toFixed(1)} cases/s with --repeat ${repeat}, ${coldOnce.perSecond.toFixed(1)} cases/s once`);
  console.log(`  in CPU time: ${repeated.cpuMs.toFixed(1)} ms a case with --repeat ${repeat}, ${once.cpuMs.toFixed(1)} ms once (worker started with the batch: ${coldRepeated.cpuMs.toFixed(1)} and ${coldOnce.cpuMs.toFixed(1)} ms)`);
  // The figures above play on a thread that has run the batch before; a user's command starts cold.
  const command = await benchCommandThroughput(join(scenariosDir, "cases"), repeat, 2);
  console.log(
    `  the command itself, spawned cold (dxsim run --repeat ${repeat} --jobs 2): ${command.perSecond.toFixed(1)} cases/s from its first case line to its last (target 100) — ${verdict(command.perSecond >= 100)}; ${command.firstLineSeconds.toFixed(1)} s to its first case line, ${command.totalSeconds.toFixed(1)} s in all for ${command.cases} cases`,
  );
}

// 3. Graph overhead: the same decisions through LangGraph against the roles called directly,
// on this thread, each from fresh knowledge.
if (runs("overhead")) {
  const perCase = (seconds: number) => ((seconds * 1000) / (repeat * cases.length)).toFixed(1);
  // The verdict: passes over the cases, each from fresh knowledge, so the engine works every case
  // out in full as `dxsim run` does over distinct cases.
  const directFresh = await timed(async () => {
    for (let i = 0; i < repeat; i++) {
      const k = fresh();
      for (const c of cases) await playDirect(c.case, k);
    }
  });
  const graphFresh = await timed(async () => {
    for (let i = 0; i < repeat; i++) await runBatch(cases, fresh(), { settings: {}, jobs: 1 });
  });
  const ratio = graphFresh.seconds / directFresh.seconds;
  console.log(
    `\ngraph overhead: ${perCase(graphFresh.seconds)} ms a case through the graph, ${perCase(directFresh.seconds)} ms direct, ${repeat} passes each from fresh knowledge: ${ratio.toFixed(2)}x (target at most 2x) — ${verdict(ratio <= 2)}`,
  );
  console.log(`  in CPU time: ${perCase(graphFresh.cpuSeconds)} ms against ${perCase(directFresh.cpuSeconds)} ms: ${(graphFresh.cpuSeconds / directFresh.cpuSeconds).toFixed(2)}x`);
  // With --repeat, a repeat finds the engine's rankings and the gatekeeper's replies kept from the
  // run before it and the graph's work never: what is left is close to the graph's fixed cost.
  const directKnowledge = fresh();
  const direct = await timed(async () => {
    for (let i = 0; i < repeat; i++) for (const c of cases) await playDirect(c.case, directKnowledge);
  });
  const graph = await timed(() => runBatch(cases, fresh(), { settings: {}, jobs: 1, repeat }));
  console.log(
    `  with --repeat ${repeat} (repeats served from memory): ${perCase(graph.seconds)} ms a case through the graph, ${perCase(direct.seconds)} ms direct: ${(graph.seconds / direct.seconds).toFixed(2)}x (CPU ${(graph.cpuSeconds / direct.cpuSeconds).toFixed(2)}x)`,
  );
  console.log(formatGraphCost(await benchGraphCost(cases, fresh())));
}

// 4. Model-backed roles against a local OpenAI-compatible server with injected latency.
if (runs("llm")) {
  const llm = await benchLlm({ knowledge, caseFile: cases[0]!.case });
  console.log(`\n${formatLlmBench(llm)}`);
}

// 5. The console: start-up to the first frame, and keypress to the answering frame.
if (runs("tui")) {
  const tui = await benchTui({ knowledge, caseFile: cases[0]!.case });
  console.log(`\n${formatTuiBench(tui)}`);
}

// 6. The workshop server. Latency: 200 scripted learners on one `dxsim serve`, each pausing
// 5-15 s before a step as a learner reads the round (real learners take longer). Scaling: 40
// learners with no pause, against one server and against two replicas on the same database.
if (runs("workshop")) {
  const paced = await benchWorkshop({ learners: 200, replicas: 1, thinkMs: [5_000, 15_000] });
  const one = await benchWorkshop({ learners: 40, replicas: 1 });
  const two = await benchWorkshop({ learners: 40, replicas: 2 });
  console.log(`\n${formatWorkshopLoad(paced, one, two)}`);
}
// 6. The offline judge against the labelled pairs (issue 13).
if (runs("judge")) console.log(`\n${formatJudgeBench(benchJudge(knowledge.kb))}`);
// 6. Case lints on hostile 1 MB fields: every pattern must stay linear.
if (runs("lint")) console.log(`\n${formatLintBench(benchLint())}`);
// 6. The held-out plain-text cases nobody tunes on (test/fixtures/heldout/README.md), and the
// development set written the same way, which the engine's developers calibrate on.
if (runs("heldout")) console.log(`\n${formatPlainTextBench(HELDOUT, await benchPlainText(fresh(), HELDOUT))}`);
if (runs("devtext")) console.log(`\n${formatPlainTextBench(DEVTEXT, await benchPlainText(fresh(), DEVTEXT))}`);
// 6. Treatment plans and the DiagnosisArena importer (issue 16).
if (runs("treatment")) console.log(`\n${await benchTreatment(knowledge, cases)}`);
// 6. The order matcher on clinicians' orders, and the catalog's reach over AgentClinic's tests.
if (runs("orders")) console.log(`\n${formatOrderBench(knowledge.catalog)}`);

// 7. The automatic coder against the hand codes, and `dxsim run` on the bundled cases with every kb key removed.
if (runs("coding")) {
  console.log(`\n${formatCoderScore(scoreCoder(cases, knowledge))}`);
  console.log(formatCoderLine(scoreCoder(cases, knowledge, { linkedOnly: true }), "the same, links only (no absence of a finding a case links nowhere counted)"));
  console.log(formatCoderScore(scoreCoder(cases, knowledge, { asWritten: true }), "the same, codes as written (neither a normal result's implied absences nor the gatekeeper's absences of unlinked findings filled in)"));
  const stripped = await strippedRun(cases, fresh(), true);
  console.log(`run with every kb key removed, coded at load: ${pct(stripped.accuracy)} of ${stripped.cases} cases (target 85%, 29% before coding at load) — ${verdict(stripped.accuracy >= 0.85)}; mean share of facts readable ${pct(stripped.meanReadable)}`);
}
// 7. The coder's disagreements with the hand codes, links only, fact by fact: what to read when the coder's figures move.
if (named.includes("coding-disagreements")) console.log(`\nthe automatic coder's disagreements with the hand codes, links only:\n${formatDisagreements(scoreCoder(cases, knowledge, { linkedOnly: true }))}`);
// 6. Knowledge-base breadth: AgentClinic diagnoses the knowledge base holds.
if (runs("coverage")) console.log(`\n${[...benchDiagnosisCoverage(knowledge.kb, knowledge.catalog), ...(await benchAgentClinicAccuracy(fresh()))].join("\n")}`);
