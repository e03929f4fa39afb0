import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import type { Knowledge } from "../../agents/view.js";
import type { Case } from "../../core/case.js";
import { DataFileError, formatProblem } from "../../core/data-file.js";
import { type CaseScript, readScriptFile, scriptsByCase } from "../../core/script.js";
import { playScripted } from "../../graph/scripted.js";
import { DiagnosticSession } from "../../graph/session.js";
import { type SessionSettings, SessionSettingsSchema } from "../../core/settings.js";
import { safeMessage } from "../../llm/secrets.js";
import { type OpenedSession, type SessionStore, openSessionStore } from "../../sessions/store.js";
import { type DebriefComparisons, debrief } from "../../teaching/debrief.js";
import { sessionRecord } from "../../teaching/record.js";
import { renderDebrief } from "../../teaching/render.js";
import type { TerminalStreams } from "../../tui/run.js";
import { type LearnerSession, runTeach } from "../../tui/teach/run.js";
import { localDebrief } from "../../tui/teach/debrief-source.js";
import { remoteTeach } from "../remote/commands.js";
import { themeFor } from "../../tui/theme.js";
import { type BrainsFactory, brainsFromChoice, brainsFromFlags } from "../brains.js";
import { branchOf, learnerHistory } from "../debrief-inputs.js";
import { panelAlone } from "../../teaching/panel-alone.js";
import { pickCase } from "../case-arg.js";
import { loadBundledKnowledge } from "../knowledge.js";
import { learnerName, positiveNumber } from "../options.js";

export interface TeachFlags {
  budget?: number;
  brain?: string;
  /** Saved with the session, so exports and reports name the learner. */
  learner?: string;
  script?: string;
  screenReader?: boolean;
}

/** What learner mode takes from `dxsim resume` when it reopens a teach session. */
export interface ResumeTeachFlags {
  screenReader?: boolean;
}

export interface TeachDeps {
  brains?: BrainsFactory;
  /** The bundled knowledge, when the caller has it loaded already. */
  knowledge?: Knowledge;
  streams?: TerminalStreams;
  env?: Readonly<Record<string, string | undefined>>;
  openStore?: () => SessionStore;
  now?: () => Date;
  /** Where `w` writes the debrief. */
  cwd?: string;
}

/** Exit code when learner mode cannot run here (no terminal and no script). */
const NEEDS_TERMINAL = 2;

const IN_MEMORY = ":memory:";

export function registerTeach(program: Command, deps: TeachDeps = {}): void {
  program
    .command("teach")
    .description("learner mode: decide each round before seeing the panel's debate and proposal, then get a debrief")
    .argument("<case>", "a bundled case id (e.g. cp-02) or a case file")
    .option("--budget <usd>", "money cap for the workup in USD", positiveNumber)
    .option("--brain <brain>", "brain of the panel: offline (default), azure, openai or compatible")
    .option("--learner <name>", "the learner's name, saved with the session: `dxsim report` and `dxsim export` name the session by it", learnerName)
    .option("--script <file>", "no console: take the learner's decisions from a script file (rounds not listed follow the panel) and print the debrief")
    .option("--screen-reader", "plain layout: no bars or boxes, every change you may see announced as a line of text")
    .option("--server <url>", "learner mode on a workshop server (`dxsim serve`): the server keeps the case and makes the debrief")
    .action(async (caseArg: string, flags: TeachFlags & { server?: string }) => {
      if (flags.server && (flags.script || flags.budget || flags.brain)) {
        process.stderr.write("dxsim: with --server the workshop sets the budget and the brain, and learner mode runs in a terminal: leave out --script, --budget and --brain.\n");
        process.exitCode = 1;
        return;
      }
      process.exitCode = flags.server ? await remoteTeach(flags.server, caseArg, flags) : await teach(caseArg, flags, deps);
    });
}

const standardStreams = (): TerminalStreams => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });

const failWith =
  (streams: TerminalStreams) =>
  (lines: string[], code = 1): number => {
    for (const line of lines) streams.stderr.write(`${line}\n`);
    return code;
  };

const isTerminal = (streams: TerminalStreams): boolean => Boolean(streams.stdout.isTTY && streams.stdin.isTTY);

const whereSaved = (store: SessionStore): string => (store.path === IN_MEMORY ? "memory only" : store.path);

/** Runs learner mode in a terminal, or plays a learner's script and prints the debrief. */
export async function teach(caseArg: string, flags: TeachFlags, deps: TeachDeps = {}): Promise<number> {
  const streams = deps.streams ?? standardStreams();
  const fail = failWith(streams);
  if (!isTerminal(streams) && !flags.script) {
    return fail([`dxsim: learner mode needs a terminal: each round waits for your decision. Run \`dxsim teach ${caseArg}\` in a terminal, or give the decisions with --script FILE.`], NEEDS_TERMINAL);
  }
  let knowledge: Knowledge;
  let caseFile: Case;
  let caseFilePath: string | undefined;
  let script: CaseScript | undefined;
  try {
    knowledge = deps.knowledge ?? loadBundledKnowledge();
    const picked = pickCase(caseArg, "teach");
    if ("error" in picked) return fail(picked.error);
    for (const warning of picked.warnings) streams.stderr.write(`warning: ${warning}\n`);
    caseFile = picked.caseFile;
    caseFilePath = picked.file;
    if (flags.script) {
      script = scriptsByCase(readScriptFile(flags.script)).get(caseFile.id);
      if (!script) return fail([`dxsim: ${flags.script} has no script for case ${caseFile.id}.`]);
    }
  } catch (e) {
    if (e instanceof DataFileError) return fail(["dxsim: cannot read the input:", ...e.problems.map((p) => `  ${formatProblem(p)}`)]);
    throw e;
  }

  const settings = SessionSettingsSchema.parse(flags.budget ? { budgetUsd: flags.budget } : {});
  const brain = flags.brain ? { brain: flags.brain } : {};
  const brains = deps.brains ?? brainsFromFlags;
  // Made before anything is saved: a brain that cannot be reached (or does not exist) is said at once.
  const brainsOfSession = () => brains(caseFile, knowledge, { ...brain, variant: settings.variant });
  let chosen: Awaited<ReturnType<BrainsFactory>>;
  try {
    chosen = await brainsOfSession();
  } catch (e) {
    return fail([`dxsim: the brain cannot be used: ${safeMessage(e)}`]);
  }

  let store: SessionStore;
  try {
    store = (deps.openStore ?? openSessionStore)();
  } catch (e) {
    streams.stderr.write(`warning: sessions cannot be saved (${safeMessage(e)}); this one is kept in memory only.\n`);
    store = openSessionStore(IN_MEMORY);
  }
  try {
    // Saved like any session, marked "teach", so `dxsim sessions` lists it and `dxsim resume` reopens it here.
    const session = store.createSession({
      caseFile,
      ...(caseFilePath ? { caseFilePath } : {}),
      knowledge,
      settings,
      brain,
      mode: "teach",
      ...(flags.learner ? { learner: flags.learner } : {}),
      now: (deps.now ?? (() => new Date()))(),
      ...chosen,
    });
    streams.stderr.write(`session ${session.threadId} (saved in ${whereSaved(store)})\n`);
    // The panel on its own, for the debrief's comparison: the same brain, in memory, not saved.
    // With the learner's attempt at this case and their other judged sessions, for calibration over sessions.
    const comparisons = async (): Promise<DebriefComparisons> => {
      const saved = store.record(session.threadId);
      return { panel: await panelAlone(caseFile, knowledge, settings, await brainsOfSession()), ...(saved ? await learnerHistory(store, saved, knowledge) : {}) };
    };

    if (script) {
      const learner = await playScripted(session, script);
      const report = debrief({ caseFile, knowledge, learner: sessionRecord(learner.values), ...(await comparisons()), settings });
      streams.stdout.write(renderDebrief(report, { format: "text" }));
      return 0;
    }
    return await runLearner({ session, caseFile, settings, comparisons }, knowledge, store, flags, deps, streams);
  } catch (e) {
    return fail([`dxsim: ${safeMessage(e)}`]);
  } finally {
    store.close();
  }
}

/**
 * Reopens a saved teach session in learner mode, at the review it waits on (or on its debrief
 * when it is finished). The caller owns the store and closes it. Learner mode needs a terminal:
 * without one this says so and returns 2.
 */
export async function resumeTeach(opened: OpenedSession, store: SessionStore, flags: ResumeTeachFlags = {}, deps: TeachDeps = {}): Promise<number> {
  const streams = deps.streams ?? standardStreams();
  const fail = failWith(streams);
  const { session, record, caseFile } = opened;
  if (!isTerminal(streams)) {
    return fail([`dxsim: session ${record.id} is in learner mode, which needs a terminal: each round waits for your decision. Run \`dxsim resume ${record.id}\` in a terminal, or \`dxsim resume ${record.id} --stop-after N\` to let the panel decide N rounds.`], NEEDS_TERMINAL);
  }
  try {
    const knowledge = deps.knowledge ?? loadBundledKnowledge();
    const started = (await store.summary(record.id)).status !== "not started";
    // A raised budget lives in the session's state, not in its catalogue record.
    const settings = started ? (await session.status()).values.settings : record.settings;
    return await runLearner({ session, caseFile, settings, comparisons: comparisonsOf(store, knowledge, opened, settings) }, knowledge, store, flags, deps, streams);
  } catch (e) {
    if (e instanceof DataFileError) return fail(["dxsim: the bundled knowledge base or catalog has problems:", ...e.problems.map((p) => `  ${formatProblem(p)}`)]);
    return fail([`dxsim: ${safeMessage(e)}`]);
  }
}

/**
 * The debrief's comparisons for a saved session: the panel on its own (with the session's brain),
 * and for a fork the session it came from, once that one is judged.
 */
function comparisonsOf(store: SessionStore, knowledge: Knowledge, { record, caseFile }: OpenedSession, settings: SessionSettings): () => Promise<DebriefComparisons> {
  return async () => {
    const panel = await panelAlone(caseFile, knowledge, settings, await brainsFromChoice(knowledge)(caseFile, record));
    const branch = record.parent ? await branchOf(store, record, record.parent.id, knowledge) : undefined;
    return { panel, ...(branch ? { branch } : {}), ...(await learnerHistory(store, record, knowledge)) };
  };
}

/**
 * Learner mode's fork: a new saved session (in learner mode too) at the review of a round, with
 * the saved brain, its debrief set beside the session it came from once that one is judged.
 */
export function learnerFork(store: SessionStore, knowledge: Knowledge): (sessionId: string, round: number) => Promise<LearnerSession> {
  return async (sessionId, round) => {
    const forked = await store.forkSession(sessionId, round, { knowledge, brains: brainsFromChoice(knowledge) });
    const { settings, id } = forked.record;
    return { session: forked.session, settings, sessionName: id, debriefOf: localDebrief(forked.caseFile, knowledge, comparisonsOf(store, knowledge, forked, settings)) };
  };
}

/**
 * Learner mode on a session, in the terminal, until the learner quits; then where the session
 * on screen (the last fork made, if any) is saved.
 */
async function runLearner(
  on: { session: DiagnosticSession; caseFile: Case; settings: SessionSettings; comparisons: () => Promise<DebriefComparisons> },
  knowledge: Knowledge,
  store: SessionStore,
  flags: ResumeTeachFlags,
  deps: TeachDeps,
  streams: TerminalStreams,
): Promise<number> {
  const { session, caseFile, settings, comparisons } = on;
  const cwd = deps.cwd ?? process.cwd();
  /** The session on screen: learner mode goes on with each fork made. */
  let onScreen = session.threadId;
  const forkIn = learnerFork(store, knowledge);
  // A session kept in memory has nowhere to keep a fork.
  const fork =
    store.path === IN_MEMORY
      ? undefined
      : async (id: string, round: number): Promise<LearnerSession> => {
          const forked = await forkIn(id, round);
          onScreen = forked.sessionName;
          return forked;
        };
  const outcome = await runTeach(
    {
      caseFile,
      knowledge,
      learner: { session, settings, sessionName: session.threadId, debriefOf: localDebrief(caseFile, knowledge, comparisons) },
      fork,
      writeDebrief: (sessionName, markdown) => {
        const file = join(cwd, `dxsim-debrief-${sessionName}.md`);
        writeFileSync(file, markdown);
        return file;
      },
    },
    { theme: themeFor(deps.env ?? process.env), screenReader: Boolean(flags.screenReader) },
    streams,
  );
  if (outcome.kind === "error") return failWith(streams)([`dxsim: ${outcome.message}`]);
  const verdict = outcome.kind === "session" ? outcome.end.values.verdict : null;
  const id = outcome.kind === "session" ? outcome.sessionName : onScreen;
  streams.stdout.write(
    `Session ${id} saved (${whereSaved(store)}).${verdict ? ` Verdict ${verdict.score}/5, ${verdict.correct ? "correct" : "not correct"}: ${caseFile.diagnosis.name}.` : ` \`dxsim resume ${id}\` continues it.`}\n`,
  );
  return 0;
}
