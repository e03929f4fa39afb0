import { writeSync } from "node:fs";
import type { Worker } from "node:worker_threads";
import { type Command, Option } from "commander";
import type { z } from "zod";
import { loadCases } from "../../core/case-loader.js";
import { coverageLine } from "../../coding/auto.js";
import { DataFileError, formatProblem } from "../../core/data-file.js";
import { readScriptFile, scriptsByCase } from "../../core/script.js";
import { bundledCasesDir } from "../../core/paths.js";
import { PanelVariantSchema } from "../../core/settings.js";
import { type BatchOptions, runBatch } from "../../runs/batch.js";
import { startWorker } from "../../runs/workers.js";
import { prepareBatch } from "../../runs/prepare.js";
import type { CaseResult } from "../../runs/result.js";
import { summarise } from "../../runs/summary.js";
import { type LlmCliFlags, addBrainOptions, brainsForCases, llmRuntimeFromCli } from "../../llm/cli.js";
import { LlmConfigError } from "../../llm/config.js";
import { RecordingFileError } from "../../llm/recording.js";
import { redactSecrets } from "../../llm/secrets.js";
import { loadBundledKnowledge } from "../knowledge.js";
import { positiveInt, positiveNumber } from "../options.js";
import { formatCaseLine, formatSummary } from "../report-text.js";
import { progressBar } from "../progress.js";
import { closeFile, openForWriting } from "../output-file.js";
import { jsonText } from "../../output/safe-text.js";
import { allModelCallsFailed, repeatsIdentical } from "../../runs/honesty.js";

interface RunFlags extends LlmCliFlags {
  budget?: number;
  maxRounds?: number;
  script?: string;
  panel: z.infer<typeof PanelVariantSchema>;
  jobs: number;
  repeat: number;
  out?: string;
  json?: boolean;
  mcq?: boolean;
  strict?: boolean;
}
export function registerRun(program: Command): void {
  const command = program
    .command("run")
    .description("play cases headless with the panel; a line per case, then a summary")
    .argument("[cases...]", "case files or folders", [bundledCasesDir])
    .option("--budget <usd>", "money cap per case in USD", positiveNumber)
    .option("--max-rounds <n>", "rounds before a diagnosis is forced", positiveInt)
    .option("--script <file>", "physician decisions per case and round (YAML)")
    .addOption(new Option("--panel <variant>", "panel variant").choices(PanelVariantSchema.options).default("full"))
    .option("--jobs <n>", "cases in flight at once (offline: this thread and n - 1 worker threads)", positiveInt, 1)
    .option("--repeat <n>", "runs per case", positiveInt, 1)
    .option("--out <file>", "write one JSON record per case (JSON Lines)")
    .option("--json", "print the summary as one JSON object on stdout")
    .option("--mcq", "multiple choice: the panel must name one of each case's options (cases imported with options, e.g. from DiagnosisArena)")
    .option("--strict", "exit 1 when every model call failed and the offline brain answered in their place");
  addBrainOptions(command).action(async (paths: string[], flags: RunFlags) => {
    process.exitCode = await run(paths, flags);
  });
}

async function run(paths: string[], flags: RunFlags): Promise<number> {
  const log = flags.json ? (line: string) => process.stderr.write(`${line}\n`) : (line: string) => process.stdout.write(`${line}\n`);
  let failed = 0;
  let scripts: ReturnType<typeof scriptsByCase> | undefined;
  if (flags.script) {
    try {
      scripts = scriptsByCase(readScriptFile(flags.script));
    } catch (e) {
      if (!(e instanceof DataFileError)) throw e;
      for (const p of e.problems) process.stderr.write(`error: ${formatProblem(p)}\n`);
      return 1;
    }
  }
  const { cases, problems } = loadCases(paths);
  for (const p of problems) {
    process.stderr.write(`error: ${formatProblem(p)}\n`);
    failed++;
  }
  // Brain settings are checked before any case runs, so a bad one costs no request.
  let runtime;
  try {
    runtime = llmRuntimeFromCli(flags);
  } catch (e) {
    if (!(e instanceof LlmConfigError || e instanceof RecordingFileError)) throw e;
    for (const line of e.message.split("\n")) process.stderr.write(`error: ${redactSecrets(line)}\n`);
    return 1;
  }
  // The results file is opened before the batch, so a path that cannot be written costs no case.
  let out: number | undefined;
  if (flags.out) {
    const opened = openForWriting(flags.out);
    if ("error" in opened) {
      process.stderr.write(`error: ${opened.error}\n`);
      return 1;
    }
    out = opened.fd;
  }
  try {
    return await runOpened({ cases, scripts, runtime, out, failed, log }, flags);
  } finally {
    if (out !== undefined) closeFile(out);
  }
}

/** What a run has checked before its first case: inputs, brains and the open results file. */
interface Prepared {
  cases: ReturnType<typeof loadCases>["cases"];
  scripts: ReturnType<typeof scriptsByCase> | undefined;
  runtime: ReturnType<typeof llmRuntimeFromCli>;
  /** The results file's descriptor, with --out. */
  out: number | undefined;
  /** Inputs that failed to load. */
  failed: number;
  log: (line: string) => void;
}

async function runOpened(prepared: Prepared, flags: RunFlags): Promise<number> {
  // The offline engine's worker threads (all jobs but this one) load while the knowledge is read
  // and the cases are checked and coded; model brains play on this thread.
  const workers = prepared.runtime ? 0 : Math.min(flags.jobs, prepared.cases.length * flags.repeat) - 1;
  const started = Array.from({ length: Math.max(0, workers) }, startWorker);
  try {
    return await playPrepared(prepared, flags, started);
  } finally {
    for (const worker of started) void worker.terminate();
  }
}

async function playPrepared({ cases, scripts, runtime, out, log, ...before }: Prepared, flags: RunFlags, started: Worker[]): Promise<number> {
  let failed = before.failed;
  const knowledge = loadBundledKnowledge();
  const { runnable, coverage, broken } = prepareBatch(cases, knowledge);
  for (const p of broken) process.stderr.write(`error: ${formatProblem(p)}\n`);
  failed += new Set(broken.map((p) => p.file)).size;
  const withCoverage = (r: CaseResult): CaseResult => ({ ...r, coverage: coverage.get(r.caseId) });
  for (const [caseId, covered] of coverage) {
    const line = coverageLine(caseId, covered);
    if (line.startsWith("warning:")) process.stderr.write(`${line}\n`);
  }
  const total = runnable.length * flags.repeat;
  const bar = process.stderr.isTTY ? progressBar(total, process.stderr) : undefined;
  const options: BatchOptions = {
    settings: {
      variant: flags.panel,
      ...(flags.budget ? { budgetUsd: flags.budget } : {}),
      ...(flags.maxRounds ? { maxRounds: flags.maxRounds } : {}),
      ...(flags.mcq ? { mcq: true } : {}),
    },
    ...(scripts ? { scripts } : {}),
    jobs: flags.jobs,
    repeat: flags.repeat,
    onResult: (played: CaseResult) => {
      const r = withCoverage(played);
      // Each record is on disk as its case finishes: a run stopped halfway keeps what it did.
      if (out !== undefined) writeSync(out, `${redactSecrets(jsonText(r))}\n`);
      bar?.clear();
      log(formatCaseLine(r));
      bar?.tick();
    },
    onFailure: (f) => {
      bar?.clear();
      process.stderr.write(`error: ${f.file}: case ${f.caseId ?? "?"}: ${redactSecrets(f.message)}\n`);
      bar?.tick();
    },
  };
  // The offline engine is CPU-bound, so its jobs go to worker threads; model calls mostly wait
  // on the network, and their usage and recordings live here, so they stay on this thread.
  const { results: played, failures } = await runBatch(runnable, knowledge, runtime ? { ...options, brainsFor: brainsForCases(runtime, knowledge, flags.panel) } : { ...options, workers: true, started });
  bar?.clear();
  const results = played.map(withCoverage);
  failed += failures.length;
  const warnings: string[] = [];
  const noModel = allModelCallsFailed(results);
  if (noModel) warnings.push(noModel);
  // Copies of one run are not independent samples: the summary counts each case once.
  const copies = flags.repeat > 1 && repeatsIdentical(results);
  if (copies) warnings.push(`the ${flags.repeat} repeats of every case took exactly the same course (the offline brain is deterministic), so each case is counted once and no spread across repeats is given`);
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const summary = summarise(copies ? results.filter((r) => r.run === 0) : results, failed);
  const told = warnings.length ? { ...summary, warnings } : summary;
  if (flags.json) process.stdout.write(`${redactSecrets(jsonText(told))}\n`);
  else log(formatSummary(told));
  return failed > 0 || (flags.strict && noModel) ? 1 : 0;
}
