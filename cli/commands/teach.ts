import { existsSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import type { Knowledge } from "../../agents/view.js";
import type { Case } from "../../core/case.js";
import { loadCases } from "../../core/case-loader.js";
import { DataFileError, formatProblem, readDataFile } from "../../core/data-file.js";
import { bundledCasesDir } from "../../core/paths.js";
import { type CaseScript, ScriptFileSchema, scriptsByCase } from "../../core/script.js";
import { playScripted } from "../../graph/scripted.js";
import { DiagnosticSession } from "../../graph/session.js";
import { SessionSettingsSchema } from "../../graph/settings.js";
import { type SessionStore, openSessionStore } from "../../sessions/store.js";
import { debrief } from "../../teaching/debrief.js";
import { sessionRecord } from "../../teaching/record.js";
import { renderDebrief } from "../../teaching/render.js";
import type { TerminalStreams } from "../../tui/run.js";
import { runTeach } from "../../tui/teach/run.js";
import { themeFor } from "../../tui/theme.js";
import { loadBundledKnowledge } from "../knowledge.js";
import { positiveNumber } from "../options.js";

export interface TeachFlags {
  budget?: number;
  script?: string;
  screenReader?: boolean;
}

export interface TeachDeps {
  streams?: TerminalStreams;
  env?: Readonly<Record<string, string | undefined>>;
  openStore?: () => SessionStore;
  now?: () => Date;
  /** Where `w` writes the debrief. */
  cwd?: string;
}

/** Exit code when learner mode cannot run here (no terminal and no script). */
const NEEDS_TERMINAL = 2;

export function registerTeach(program: Command, deps: TeachDeps = {}): void {
  program
    .command("teach")
    .description("learner mode: decide each round before seeing the panel's debate and proposal, then get a debrief")
    .argument("<case>", "a bundled case id (e.g. cp-02) or a case file")
    .option("--budget <usd>", "money cap for the workup in USD", positiveNumber)
    .option("--script <file>", "no console: take the learner's decisions from a script file (rounds not listed follow the panel) and print the debrief")
    .option("--screen-reader", "plain layout: no colours")
    .action(async (caseArg: string, flags: TeachFlags) => {
      process.exitCode = await teach(caseArg, flags, deps);
    });
}

/** Runs learner mode in a terminal, or plays a learner's script and prints the debrief. */
export async function teach(caseArg: string, flags: TeachFlags, deps: TeachDeps = {}): Promise<number> {
  const streams = deps.streams ?? { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  const fail = (lines: string[], code = 1): number => {
    for (const line of lines) streams.stderr.write(`${line}\n`);
    return code;
  };
  const interactive = Boolean(streams.stdout.isTTY && streams.stdin.isTTY);
  if (!interactive && !flags.script) {
    return fail([`dxsim: learner mode needs a terminal: each round waits for your decision. Run \`dxsim teach ${caseArg}\` in a terminal, or give the decisions with --script FILE.`], NEEDS_TERMINAL);
  }
  let knowledge: Knowledge;
  let caseFile: Case;
  let script: CaseScript | undefined;
  try {
    knowledge = loadBundledKnowledge();
    const found = findCase(caseArg);
    if ("error" in found) return fail([found.error]);
    caseFile = found.caseFile;
    if (flags.script) {
      script = scriptsByCase(readDataFile(flags.script, ScriptFileSchema)).get(caseFile.id);
      if (!script) return fail([`dxsim: ${flags.script} has no script for case ${caseFile.id}.`]);
    }
  } catch (e) {
    if (e instanceof DataFileError) return fail(["dxsim: cannot read the input:", ...e.problems.map((p) => `  ${formatProblem(p)}`)]);
    throw e;
  }

  const settings = SessionSettingsSchema.parse(flags.budget ? { budgetUsd: flags.budget } : {});
  let store: SessionStore;
  try {
    store = (deps.openStore ?? openSessionStore)();
  } catch (e) {
    streams.stderr.write(`warning: sessions cannot be saved (${e instanceof Error ? e.message : String(e)}); this one is kept in memory only.\n`);
    store = openSessionStore(":memory:");
  }
  try {
    // Saved like any session, marked "teach", so `dxsim sessions` lists it and `dxsim resume` continues it.
    const session = store.createSession({ caseFile, knowledge, settings, mode: "teach", now: (deps.now ?? (() => new Date()))() });
    streams.stderr.write(`session ${session.threadId} (saved in ${store.path})\n`);

    if (script) {
      const learner = await playScripted(session, script);
      // The panel on its own, for the debrief's comparison: offline, in memory, not saved.
      const panel = await playScripted(DiagnosticSession.create({ caseFile, knowledge, settings }));
      const report = debrief({ caseFile, knowledge, learner: sessionRecord(learner.values), panel: sessionRecord(panel.values), settings });
      streams.stdout.write(renderDebrief(report, { format: "text" }));
      return 0;
    }

    const cwd = deps.cwd ?? process.cwd();
    const outcome = await runTeach(
      {
        session,
        caseFile,
        knowledge,
        settings,
        sessionName: session.threadId,
        writeDebrief: (markdown) => {
          const file = join(cwd, `dxsim-debrief-${session.threadId}.md`);
          writeFileSync(file, markdown);
          return file;
        },
      },
      { theme: themeFor(flags.screenReader ? { NO_COLOR: "1" } : (deps.env ?? process.env)), screenReader: Boolean(flags.screenReader) },
      streams,
    );
    if (outcome.kind === "error") return fail([`dxsim: ${outcome.message}`]);
    const verdict = outcome.end.values.verdict;
    streams.stdout.write(`Session ${session.threadId} saved (${store.path}).${verdict ? ` Verdict ${verdict.score}/5, ${verdict.correct ? "correct" : "not correct"}: ${caseFile.diagnosis.name}.` : ""}\n`);
    return 0;
  } catch (e) {
    return fail([`dxsim: ${e instanceof Error ? e.message : String(e)}`]);
  } finally {
    store.close();
  }
}

/** One case: a case file, or a bundled case by id. */
function findCase(caseArg: string): { caseFile: Case } | { error: string } {
  const isFile = existsSync(caseArg) || /\.(ya?ml|json)$/i.test(caseArg);
  const { cases, problems } = loadCases([isFile ? resolve(caseArg) : bundledCasesDir]);
  if (isFile) {
    const first = cases[0];
    return problems.length || !first ? { error: [`dxsim: cannot teach ${caseArg}:`, ...problems.map((p) => `  ${formatProblem(p)}`)].join("\n") } : { caseFile: first.case };
  }
  const found = cases.find((c) => c.case.id === caseArg);
  return found ? { caseFile: found.case } : { error: `dxsim: no bundled case "${caseArg}". Cases: ${cases.map((c) => c.case.id).join(", ")}; or give a case file.` };
}
