import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import type { Knowledge } from "../../agents/view.js";
import type { Case } from "../../core/case.js";
import { DataFileError, formatProblem } from "../../core/data-file.js";
import { oracleCost } from "../../core/ledger.js";
import { playScripted } from "../../graph/scripted.js";
import { SessionSettingsSchema } from "../../core/settings.js";
import { renderTranscript } from "../../reports/transcript.js";
import { type SessionStore, openSessionStore } from "../../sessions/store.js";
import type { AppOutcome, PreparedSession } from "../../tui/app.js";
import { type TerminalStreams, runConsole } from "../../tui/run.js";
import { themeFor } from "../../tui/theme.js";
import { type BrainsFactory, brainsFromChoice, brainsFromFlags } from "../brains.js";
import { pickCases } from "../case-arg.js";
import { autoCode, coverageLine } from "../../coding/auto.js";
import { loadBundledKnowledge } from "../knowledge.js";
import { learnerName, positiveInt, positiveNumber } from "../options.js";
import { remotePlay } from "../remote/commands.js";

export interface PlayFlags {
  budget?: number;
  brain?: string;
  screenReader?: boolean;
  stopAfter?: number;
  server?: string;
  learner?: string;
}

export interface PlayDeps {
  brains?: BrainsFactory;
  streams?: TerminalStreams;
  env?: Readonly<Record<string, string | undefined>>;
  openStore?: () => SessionStore;
  now?: () => Date;
  /** Where `w` writes transcripts. */
  cwd?: string;
}

/** The case a run without a terminal plays, when none is named: a classic, quick to read. */
const DEMO_CASE_ID = "cp-01";

const IN_MEMORY = ":memory:";

function defaultStore(): SessionStore {
  try {
    return openSessionStore();
  } catch (e) {
    process.stderr.write(`warning: sessions cannot be saved (${e instanceof Error ? e.message : String(e)}); this one is kept in memory only.\n`);
    return openSessionStore(IN_MEMORY);
  }
}

const whereSaved = (store: SessionStore): string => (store.path === IN_MEMORY ? "memory only" : store.path);

export function registerPlay(program: Command, deps: PlayDeps = {}): void {
  program
    .command("play", { isDefault: true })
    .description("open the physician's console: pick a case, then watch, approve or override the panel round by round")
    .argument("[case]", "a bundled case id (e.g. cp-01) or a case file")
    .option("--budget <usd>", "money cap for the workup in USD", positiveNumber)
    .option("--brain <brain>", "brain of the panel: offline (default), azure, openai or compatible")
    .option("--screen-reader", "plain layout: no bars or boxes, every change announced as a line of text")
    .option("--stop-after <rounds>", "no console: approve the panel's proposals for that many rounds, then stop, keeping the session for `dxsim resume`", positiveInt)
    .option("--server <url>", "play on a workshop server (`dxsim serve`) instead of this machine")
    .option("--learner <name>", "with --server: your name in the workshop (the join code comes from DXSIM_JOIN_CODE)", learnerName)
    .action(async (caseArg: string | undefined, flags: PlayFlags) => {
      process.exitCode = flags.server ? await remotePlay(flags.server, caseArg, flags) : await play(caseArg, flags, deps);
    });
}

/** Runs the console in a terminal; elsewhere prints the transcript of an auto-approved run. */
export async function play(caseArg: string | undefined, flags: PlayFlags, deps: PlayDeps = {}): Promise<number> {
  const streams = deps.streams ?? { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  const fail = (lines: string[]): number => {
    for (const line of lines) streams.stderr.write(`${line}\n`);
    return 1;
  };
  let knowledge: Knowledge;
  try {
    knowledge = loadBundledKnowledge();
  } catch (e) {
    if (e instanceof DataFileError) return fail(["dxsim: the bundled knowledge base or catalog has problems:", ...e.problems.map((p) => `  ${formatProblem(p)}`)]);
    throw e;
  }
  const picked = pickCases(caseArg, "play");
  if ("error" in picked) return fail(picked.error);
  for (const warning of picked.warnings) streams.stderr.write(`warning: ${warning}\n`);

  const settings = SessionSettingsSchema.parse(flags.budget ? { budgetUsd: flags.budget } : {});
  const brains = deps.brains ?? brainsFromFlags;
  const now = deps.now ?? (() => new Date());
  const interactive = Boolean(streams.stdout.isTTY && streams.stdin.isTTY) && flags.stopAfter === undefined;
  const store = (deps.openStore ?? defaultStore)();
  // Every session is saved as it goes, in the catalogue `dxsim sessions` lists.
  // An uncoded fact is coded at load, so the offline brain reads what it can; a thin case is said to be one.
  const createSession = async (written: Case) => {
    const { case: caseFile, coverage } = autoCode(written, knowledge.kb);
    const line = coverageLine(written.id, coverage);
    if (line.startsWith("warning:")) streams.stderr.write(`${line}\n`);
    return store.createSession({
      caseFile,
      ...(picked.file ? { caseFilePath: picked.file } : {}),
      knowledge,
      settings,
      brain: brainFlag(flags),
      mode: "play",
      now: now(),
      ...(await brains(caseFile, knowledge, { ...brainFlag(flags), variant: settings.variant })),
    });
  };

  if (!interactive) {
    const caseFile = picked.caseId ? picked.cases.find((c) => c.id === picked.caseId)! : (picked.cases.find((c) => c.id === DEMO_CASE_ID) ?? picked.cases[0]!);
    try {
      const session = await createSession(caseFile);
      streams.stderr.write(`session ${session.threadId} (saved in ${whereSaved(store)})\n`);
      const status = await playScripted(session, undefined, undefined, flags.stopAfter !== undefined ? { rounds: flags.stopAfter } : {});
      const how =
        flags.stopAfter === undefined
          ? `No terminal here, so dxsim played case ${caseFile.id} on its own, approving every proposal. Run \`dxsim play\` in a terminal for the console.`
          : `dxsim played up to ${flags.stopAfter} round${flags.stopAfter === 1 ? "" : "s"} of case ${caseFile.id} on its own, approving every proposal.`;
      streams.stdout.write(`${how}\n\n`);
      streams.stdout.write(renderTranscript(caseFile, status.values, { format: "text", sessionName: session.threadId, oracleCostUsd: oracleCost(caseFile.key_tests, knowledge.catalog, caseFile.case_tests) }));
      if (status.review) streams.stderr.write(`Session ${session.threadId} waits on the review of round ${status.review.round}; \`dxsim resume ${session.threadId}\` continues it.\n`);
      return 0;
    } catch (e) {
      return fail([`dxsim: ${e instanceof Error ? e.message : String(e)}`]);
    } finally {
      store.close();
    }
  }

  const cwd = deps.cwd ?? process.cwd();
  const prepare = async (caseFile: Case): Promise<PreparedSession> => {
    const session = await createSession(caseFile);
    return { session, settings, sessionName: session.threadId, oracleCostUsd: oracleCost(caseFile.key_tests, knowledge.catalog, caseFile.case_tests) };
  };
  let outcome: AppOutcome;
  try {
    outcome = await runConsole(
      {
        cases: picked.cases,
        ...(picked.caseId ? { caseId: picked.caseId } : {}),
        knowledge,
        display: { theme: themeFor(deps.env ?? process.env), screenReader: Boolean(flags.screenReader) },
        prepare,
        // A session kept in memory only cannot be resumed, so it is not offered a fork either.
        fork: store.path === IN_MEMORY ? undefined : (id, round) => store.forkSession(id, round, { knowledge, brains: brainsFromChoice(knowledge) }),
        writeTranscript: (caseFile, values, name) => {
          const file = join(cwd, `dxsim-${name}.md`);
          writeFileSync(file, renderTranscript(caseFile, values, { format: "markdown", sessionName: name, oracleCostUsd: oracleCost(caseFile.key_tests, knowledge.catalog, caseFile.case_tests) }));
          return file;
        },
      },
      streams,
    );
  } finally {
    store.close();
  }
  if (outcome.kind === "error") return fail([`dxsim: ${outcome.message}`]);
  if (outcome.kind === "session") {
    const { end } = outcome;
    const verdict = end.values.verdict;
    streams.stdout.write(
      `Session ${outcome.sessionName} saved (${whereSaved(store)}).${verdict ? ` Verdict ${verdict.score}/5, ${verdict.correct ? "correct" : "not correct"}: ${outcome.caseFile.diagnosis.name}.` : ""}\n`,
    );
  }
  return 0;
}

const brainFlag = (flags: PlayFlags): { brain?: string } => (flags.brain ? { brain: flags.brain } : {});
