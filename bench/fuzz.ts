import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { parseArgs } from "node:util";
import { packageRoot } from "../core/paths.js";
import { type FuzzInput, type FuzzKind, fuzzInputs } from "./fuzz/inputs.js";
import type { FuzzAnswer } from "./fuzz/worker.js";
import { benchLint, formatLintBench } from "./lint.js";

/**
 * `npm run fuzz`: mutates the bundled cases, physician scripts and brain configs into hostile
 * files and reads each as dxsim would, on worker threads held to the per-input limits: every
 * input must be accepted or refused with a clear error, within 5 s of CPU and 256 MB. A sample also
 * goes through the real `dxsim validate`, whose output must hold no stack trace. Exits 1 when
 * any input breaks a rule. `npm run fuzz -- --seed 7 --count 20000 --jobs 2 --cli-every 250`.
 */
const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "1" },
    count: { type: "string", default: "5000" },
    jobs: { type: "string", default: "2" },
    "cli-every": { type: "string", default: "250" },
  },
});
const seed = Number(values.seed);
const count = Number(values.count);
const jobs = Math.max(1, Number(values.jobs));
const cliEvery = Number(values["cli-every"]);

/** The limits per input: CPU time of the worker thread (a busy machine's other work not counted) and heap. */
const LIMIT_MS = 5000;
const LIMIT_MB = 256;
/** Wall-clock time after which an input is taken for a hang and its worker killed. */
const HANG_MS = 60_000;
const workerFile = new URL("./fuzz/worker.js", import.meta.url);
const dir = mkdtempSync(join(tmpdir(), "dxsim-fuzz-"));

type Tally = Record<"accepted" | "refused" | "unclear" | "crash" | "slow" | "big", number>;
const tally: Tally = { accepted: 0, refused: 0, unclear: 0, crash: 0, slow: 0, big: 0 };
const byKind: Record<FuzzKind, number> = { case: 0, script: 0, config: 0 };
const byMutation = new Map<string, Tally>();
const failures: string[] = [];
let slowest = { cpuMs: 0, ms: 0, input: "" };
let slowestWall = { ms: 0, input: "" };
let largest = { mb: 0, input: "" };
let largestInputMb = 0;

const describe = (input: FuzzInput) => `#${input.index} ${input.kind} from ${input.seed}, ${input.mutation}`;
const count1 = (input: FuzzInput, key: keyof Tally, detail?: string) => {
  tally[key]++;
  const row = byMutation.get(input.mutation) ?? { accepted: 0, refused: 0, unclear: 0, crash: 0, slow: 0, big: 0 };
  row[key]++;
  byMutation.set(input.mutation, row);
  if (key === "unclear" || key === "crash" || key === "slow" || key === "big") failures.push(`${key}: ${describe(input)}${detail ? `\n    ${detail.split("\n").slice(0, 6).join("\n    ")}` : ""}`);
};

/** One worker thread held to the heap limit; replaced when it is killed for time or dies of memory. */
class Lane {
  private worker!: Worker;
  private ready!: Promise<unknown>;
  constructor() {
    this.start();
  }
  private start() {
    this.worker = new Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: LIMIT_MB } });
    this.worker.unref();
    this.ready = new Promise((resolve) => this.worker.once("message", resolve));
  }
  async run(input: FuzzInput, file: string): Promise<void> {
    await this.ready;
    const answer = await new Promise<FuzzAnswer | "slow" | "big">((resolve) => {
      const timer = setTimeout(() => done("slow"), HANG_MS);
      const done = (value: FuzzAnswer | "slow" | "big") => {
        clearTimeout(timer);
        this.worker.removeAllListeners("message").removeAllListeners("error");
        resolve(value);
      };
      this.worker.once("message", (a: FuzzAnswer) => done(a));
      this.worker.once("error", (e: Error & { code?: string }) => done(e.code === "ERR_WORKER_OUT_OF_MEMORY" ? "big" : { verdict: "crash", detail: e.stack ?? String(e), ms: 0, cpuMs: 0, heapMb: 0 }));
      this.worker.postMessage({ kind: input.kind, file });
    });
    if (answer === "slow" || answer === "big") {
      count1(input, answer, answer === "slow" ? `no answer within ${HANG_MS / 1000} s` : `the worker ran out of its ${LIMIT_MB} MB heap`);
      await this.worker.terminate();
      this.start();
      return;
    }
    if (answer.cpuMs > LIMIT_MS) count1(input, "slow", `${answer.cpuMs.toFixed(0)} ms of CPU`);
    else if (answer.heapMb > LIMIT_MB) count1(input, "big", `${answer.heapMb.toFixed(0)} MB`);
    else count1(input, answer.verdict, answer.verdict === "accepted" || answer.verdict === "refused" ? undefined : answer.detail);
    if (answer.cpuMs > slowest.cpuMs) slowest = { cpuMs: answer.cpuMs, ms: answer.ms, input: describe(input) };
    if (answer.ms > slowestWall.ms) slowestWall = { ms: answer.ms, input: describe(input) };
    if (answer.heapMb > largest.mb) largest = { mb: answer.heapMb, input: describe(input) };
  }
  stop = () => this.worker.terminate();
}

// Some inputs also go through the real command: exit 0 or 1, and no stack trace on either stream.
const cli = join(packageRoot, "dist", "cli", "main.js");
const cliExits = new Map<number, number>();
let cliTraces = 0;
const throughCli = (input: FuzzInput, file: string) => {
  const args = input.kind === "case" ? ["validate", file] : input.kind === "script" ? ["run", "--script", file, "cp-01", "--out", join(dir, "out.jsonl")] : ["run", "--config", file, "cp-01", "--out", join(dir, "out.jsonl")];
  const done = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", timeout: 60_000, env: { ...process.env, DXSIM_DEBUG: "" } });
  cliExits.set(done.status ?? -1, (cliExits.get(done.status ?? -1) ?? 0) + 1);
  if (/^\s+at .+:\d+:\d+\)?$/m.test(done.stderr + done.stdout) || (done.status !== 0 && done.status !== 1)) {
    cliTraces++;
    failures.push(`CLI: ${describe(input)}: exit ${done.status}\n    ${(done.stderr || done.stdout).split("\n").slice(0, 6).join("\n    ")}`);
  }
};

const started = Date.now();
const lanes = Array.from({ length: jobs }, () => new Lane());
const inputs = fuzzInputs(seed, count);
const cliSample: { input: FuzzInput; file: string }[] = [];
await Promise.all(
  lanes.map(async (lane) => {
    for (let next = inputs.next(); !next.done; next = inputs.next()) {
      const input = next.value;
      const sub = join(dir, String(input.index));
      mkdirSync(sub);
      const file = join(sub, input.name);
      writeFileSync(file, input.bytes);
      largestInputMb = Math.max(largestInputMb, input.bytes.length / 1024 / 1024);
      byKind[input.kind]++;
      await lane.run(input, file);
      if ((input.index + 1) % 500 === 0) process.stderr.write(`${input.index + 1} inputs: ${JSON.stringify(tally)}\n`);
      if (cliEvery > 0 && input.index % cliEvery === 0) cliSample.push({ input, file });
      else rmSync(sub, { recursive: true, force: true });
    }
  }),
);
await Promise.all(lanes.map((lane) => lane.stop()));
for (const { input, file } of cliSample) throughCli(input, file);
rmSync(dir, { recursive: true, force: true });

const seconds = (Date.now() - started) / 1000;
console.log(`dxsim fuzz: seed ${seed}, ${count} inputs (${byKind.case} case files, ${byKind.script} physician scripts, ${byKind.config} brain configs), ${jobs} worker threads, ${seconds.toFixed(0)} s`);
console.log(`limits per input: ${LIMIT_MS / 1000} s of the worker thread's CPU time (killed as hung after ${HANG_MS / 1000} s of wall clock) and ${LIMIT_MB} MB of heap; largest input ${largestInputMb.toFixed(1)} MB; load average at the end ${loadavg()[0]!.toFixed(1)}`);
console.log(`accepted ${tally.accepted}, refused with a clear error ${tally.refused}, unclear errors ${tally.unclear}, stack traces (uncaught errors) ${tally.crash}, over ${LIMIT_MS / 1000} s ${tally.slow}, over ${LIMIT_MB} MB ${tally.big}`);
console.log(`slowest input ${slowest.cpuMs.toFixed(0)} ms of CPU, ${slowest.ms.toFixed(0)} ms of wall clock (${slowest.input}); slowest by wall clock ${slowestWall.ms.toFixed(0)} ms (${slowestWall.input})`);
console.log(`largest heap in use after an input ${largest.mb.toFixed(0)} MB (${largest.input}); the ${LIMIT_MB} MB limit itself is the worker's heap limit`);
console.log(`through the real dxsim command: ${cliSample.length} inputs, exit codes ${[...cliExits].map(([code, n]) => `${code}: ${n}`).join(", ") || "none"}, stack traces or other exits ${cliTraces}`);
console.log("\nby mutation (accepted / refused / unclear / stack traces / slow / big):");
for (const [mutation, t] of [...byMutation].sort(([a], [b]) => a.localeCompare(b)))
  console.log(`  ${mutation.padEnd(24)} ${[t.accepted, t.refused, t.unclear, t.crash, t.slow, t.big].map((n) => String(n).padStart(5)).join(" ")}`);
console.log(`\n${formatLintBench(benchLint())}`);
if (failures.length > 0) console.log(`\n${failures.length} inputs broke a rule:\n${failures.slice(0, 30).join("\n")}`);
const broken = tally.unclear + tally.crash + tally.slow + tally.big + cliTraces;
console.log(`\n${broken === 0 ? "every input was accepted or refused clearly, within the limits" : `${broken} inputs broke a rule`}`);
process.exitCode = broken === 0 ? 0 : 1;
