import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { oracleCost } from "../../core/ledger.js";
import { playScripted } from "../../graph/scripted.js";
import { renderTranscript } from "../../reports/transcript.js";
import type { SessionStore } from "../../sessions/store.js";
import { type TerminalStreams, runConsole } from "../../tui/run.js";
import { themeFor } from "../../tui/theme.js";
import { learnerName, positiveInt } from "../options.js";
import { remoteResume } from "../remote/commands.js";
import { brainsFromChoice } from "../brains.js";
import { resumeTeach } from "./teach.js";
import { type CommandIo, withSessions } from "../saved-sessions.js";

export interface ResumeFlags {
  stopAfter?: number;
  screenReader?: boolean;
  server?: string;
  learner?: string;
}

export interface ResumeDeps {
  streams?: TerminalStreams;
  env?: Readonly<Record<string, string | undefined>>;
  /** Where `w` writes transcripts. */
  cwd?: string;
}

export function registerResume(program: Command, deps: ResumeDeps = {}): void {
  program
    .command("resume")
    .description("continue a saved session where it stopped: in the console, or without a terminal approving every proposal")
    .argument("<id>", "a saved session's id (dxsim sessions lists them)")
    .option("--stop-after <rounds>", "no console: approve the panel's proposals for that many rounds, then stop, keeping the session", positiveInt)
    .option("--screen-reader", "plain layout: no bars or boxes, every change announced as a line of text")
    .option("--server <url>", "a session on a workshop server (`dxsim serve`)")
    .option("--learner <name>", "with --server: your name in the workshop (the join code comes from DXSIM_JOIN_CODE)", learnerName)
    .action(async (id: string, flags: ResumeFlags) => {
      process.exitCode = flags.server ? await remoteResume(flags.server, id, flags) : await resume(id, flags, deps);
    });
}

/**
 * Reopens the session and continues it: in the console when there is a terminal, else (or with
 * --stop-after) approving each proposal and printing the transcript, as `dxsim play` does.
 */
export async function resume(id: string, flags: ResumeFlags, deps: ResumeDeps = {}): Promise<number> {
  const streams = deps.streams ?? { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  const io: CommandIo = { out: (text) => void streams.stdout.write(text), err: (text) => void streams.stderr.write(text) };
  return withSessions(io, async (store, knowledge) => {
    const { session, record, caseFile } = await store.reopenSession(id, { knowledge: knowledge(), brains: brainsFromChoice(knowledge()) });
    const oracleCostUsd = oracleCost(caseFile.key_tests, knowledge().catalog, caseFile.case_tests);
    const before = await store.summary(id);
    const interactive = Boolean(streams.stdout.isTTY && streams.stdin.isTTY);
    // Nothing left to run is said, with a status that a script can see, and never replayed. A
    // learner's finished session in a terminal still opens: its debrief is what they come back for.
    if (before.status === "finished" && !(record.mode === "teach" && interactive && flags.stopAfter === undefined)) {
      io.err(`error: session ${id} is already finished (${before.verdict ? `verdict ${before.verdict.score}/5` : "judged"}): there is nothing left to resume; \`dxsim export ${id}\` shows it, \`dxsim fork ${id} --round <n>\` plays a round again\n`);
      return 1;
    }

    // A learner's session goes on in learner mode; only --stop-after lets the panel decide for them.
    if (record.mode === "teach" && flags.stopAfter === undefined) {
      return resumeTeach({ session, record, caseFile }, store, flags, { streams, knowledge: knowledge(), ...(deps.env ? { env: deps.env } : {}), ...(deps.cwd ? { cwd: deps.cwd } : {}) });
    }
    if (!interactive || flags.stopAfter !== undefined) {
      const status = await playScripted(session, undefined, undefined, flags.stopAfter !== undefined ? { rounds: flags.stopAfter } : {});
      const how = `dxsim continued session ${id} on its own, approving every proposal${interactive ? "" : " (no terminal here; run `dxsim resume` in a terminal for the console)"}.`;
      io.out(`${how}\n\n${renderTranscript(caseFile, status.values, { format: "text", sessionName: id, oracleCostUsd })}`);
      if (status.review) io.err(`Session ${id} waits on the review of round ${status.review.round}; \`dxsim resume ${id}\` continues it.\n`);
      else if (!status.finished) {
        io.err(`error: session ${id} stopped without a verdict and has nothing left to run: its saved steps end before the panel reached a decision\n`);
        return 1;
      }
      return 0;
    }

    const settings = before.status === "not started" ? record.settings : (await session.status()).values.settings;
    const cwd = deps.cwd ?? process.cwd();
    const outcome = await runConsole(
      {
        cases: [caseFile],
        caseId: caseFile.id,
        knowledge: knowledge(),
        display: { theme: themeFor(deps.env ?? process.env), screenReader: Boolean(flags.screenReader) },
        prepare: async () => ({ session, settings, sessionName: id, oracleCostUsd }),
        fork: (sessionId, round) => store.forkSession(sessionId, round, { knowledge: knowledge(), brains: brainsFromChoice(knowledge()) }),
        writeTranscript: (c, values, name) => {
          const file = join(cwd, `dxsim-${name}.md`);
          writeFileSync(file, renderTranscript(c, values, { format: "markdown", sessionName: name, oracleCostUsd }));
          return file;
        },
      },
      streams,
    );
    return reportOutcome(outcome, store, io);
  });
}

function reportOutcome(outcome: Awaited<ReturnType<typeof runConsole>>, store: SessionStore, io: CommandIo): number {
  if (outcome.kind === "error") {
    io.err(`error: ${outcome.message}\n`);
    return 1;
  }
  if (outcome.kind === "session") {
    const verdict = outcome.end.values.verdict;
    const judged = verdict ? ` Verdict ${verdict.score}/5, ${verdict.correct ? "correct" : "not correct"}: ${outcome.caseFile.diagnosis.name}.` : "";
    io.out(`Session ${outcome.sessionName} saved (${store.path}).${judged}\n`);
  }
  return 0;
}
