import { existsSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { formatProblem } from "../../core/data-file.js";
import { reportCharts } from "../../reports/charts.js";
import { type Comparison, compare } from "../../reports/comparison.js";
import { percent, reportHtml } from "../../reports/html.js";
import { type SessionLookup, loadReportInputs } from "../../reports/load.js";
import { UnfinishedSessionError, sessionExport } from "../../sessions/export.js";
import { openSessionStore } from "../../sessions/store.js";
import { defaultDatabasePath } from "../../graph/dxsim-home.js";
import { loadBundledKnowledge } from "../knowledge.js";
import { formatSummary } from "../report-text.js";
import { usd } from "../../output/money.js";
import type { RunSummary } from "../../runs/summary.js";

interface ReportFlags {
  html?: string;
  case?: string;
  title: string;
}

export interface ReportIo {
  /** Finds saved sessions by id, for the inputs that are not files or folders. */
  lookupSessions?: (ids: readonly string[]) => Promise<Map<string, SessionLookup>>;
  out: (text: string) => void;
  err: (text: string) => void;
  writeFile: (file: string, text: string) => void;
  now: () => Date;
}

export const processIo: ReportIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  writeFile: (file, text) => writeFileSync(file, text),
  now: () => new Date(),
  lookupSessions: lookupSavedSessions,
};

/**
 * The results records of saved sessions (`dxsim sessions`), as `dxsim export --format json`
 * writes them; an unfinished session is named with the reason it has none.
 */
export async function lookupSavedSessions(ids: readonly string[]): Promise<Map<string, SessionLookup>> {
  const found = new Map<string, SessionLookup>();
  const path = defaultDatabasePath();
  if (ids.length === 0 || !existsSync(path)) return found;
  const store = openSessionStore(path);
  try {
    const knowledge = loadBundledKnowledge();
    for (const id of ids) {
      if (!store.record(id)) continue;
      const { session, record, caseFile } = await store.reopenSession(id, { knowledge });
      try {
        found.set(id, sessionExport({ record, caseFile, values: (await session.status()).values }, knowledge.catalog));
      } catch (e) {
        if (!(e instanceof UnfinishedSessionError)) throw e;
        found.set(id, { problem: e.message });
      }
    }
  } finally {
    store.close();
  }
  return found;
}

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("compare sessions: accuracy against cost per panel variant or learner, cost spread, a case's differential over rounds")
    .argument("<inputs...>", "results files (.jsonl), learners' exports (.json), folders of them, saved session ids")
    .option("--html <file>", "also write a self-contained HTML report (opens offline)")
    .option("--case <id>", "case whose differential is drawn round by round (default: the first case)")
    .option("--title <text>", "title of the HTML report", "dxsim report")
    .action(async (inputs: string[], flags: ReportFlags) => {
      process.exitCode = await report(inputs, flags);
    });
}

/**
 * Reads the inputs, prints the summary and writes the HTML. Exit status 1 when some input was
 * skipped (the report still covers the rest) or nothing could be reported.
 */
export async function report(inputs: readonly string[], flags: ReportFlags, io: ReportIo = processIo): Promise<number> {
  const paths = inputs.filter((i) => !existsSync(i));
  const sessions = io.lookupSessions && paths.length ? await io.lookupSessions(paths) : undefined;
  const { entries, problems } = loadReportInputs(inputs, sessions ? { resolveSession: (id) => sessions.get(id) } : {});
  for (const p of problems) io.err(`error: ${formatProblem(p)}\n`);
  if (entries.length === 0) {
    io.err("error: no results to report\n");
    return 1;
  }
  const caseIds = new Set(entries.map((e) => e.result.caseId));
  if (flags.case !== undefined && !caseIds.has(flags.case)) {
    io.err(`error: --case ${flags.case}: no session of that case here (cases: ${[...caseIds].sort().join(", ")})\n`);
    return 1;
  }
  const comparison = compare(entries, flags.case !== undefined ? { traceCase: flags.case } : {});
  io.out(`${formatComparison(comparison)}\n`);
  if (flags.html) {
    const charts = await reportCharts(comparison);
    try {
      io.writeFile(flags.html, reportHtml(comparison, charts, { title: flags.title, generatedAt: io.now(), problems }));
    } catch (e) {
      io.err(`error: ${flags.html}: cannot write the report (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
      return 1;
    }
    io.out(`report written to ${flags.html}\n`);
  }
  return problems.length > 0 ? 1 : 0;
}

/** Brier of the stated confidence beside the panel's, on the same diagnoses, when one was stated. */
const brierBeside = (s: RunSummary): string =>
  s.calibration.n ? `  Brier ${s.calibration.brier.toFixed(3)} (panel ${s.panelCalibration.n ? s.panelCalibration.brier.toFixed(3) : "n/a"})` : "";

/** The run summary, then a line per learner or variant, with the accuracy–cost frontier starred. */
export function formatComparison(c: Comparison): string {
  const width = Math.max(...c.groups.map((g) => g.name.length), 8);
  const lines = [formatSummary(c.overall).replace(/^\n/, ""), `by ${c.groupedBy}:`];
  for (const g of c.groups) {
    const s = g.summary;
    lines.push(
      `${g.frontier ? "*" : " "} ${g.name.padEnd(width)}  n ${String(s.n).padStart(3)}  accuracy ${percent(s.accuracy).padStart(6)} ` +
        `(95% CI ${percent(s.accuracyCi95[0])}–${percent(s.accuracyCi95[1])})  mean cost ${usd(s.meanCostUsd)}  median ${usd(s.medianCostUsd)}  points ${s.meanPoints.toFixed(0)}` +
        `${s.harmfulOrders ? `  harmful orders ${s.harmfulOrders}` : ""}${brierBeside(s)}`,
    );
  }
  lines.push("* on the accuracy–cost frontier: no other is at least as accurate for no more money");
  return lines.join("\n");
}
