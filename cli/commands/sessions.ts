import type { Command } from "commander";
import { existsSync } from "node:fs";
import { defaultDatabasePath } from "../../graph/dxsim-home.js";
import type { SessionSummary } from "../../sessions/store.js";
import { type CommandIo, processIo, withSessions } from "../saved-sessions.js";
import { learnerName } from "../options.js";
import { remoteSessions } from "../remote/commands.js";

export function registerSessions(program: Command): void {
  program
    .command("sessions")
    .description("list saved sessions: id, case, mode (with a teach session's learner), when started, round reached, and whether each waits on a review or is finished")
    .option("--json", "print the list as JSON")
    .option("--server <url>", "the sessions on a workshop server (`dxsim serve`): a learner's own with --learner, all with DXSIM_INSTRUCTOR_TOKEN")
    .option("--learner <name>", "with --server: your name in the workshop (the join code comes from DXSIM_JOIN_CODE)", learnerName)
    .action(async (flags: { json?: boolean; server?: string; learner?: string }) => {
      process.exitCode = flags.server ? await remoteSessions(flags.server, flags) : await listSessions(flags, processIo);
    });
}

/**
 * Lists the saved sessions. None saved is an empty list, not an error; a row that cannot be
 * read is skipped, named on stderr, and makes the status 1 once the others are listed.
 */
export async function listSessions(flags: { json?: boolean }, io: CommandIo = processIo): Promise<number> {
  const print = (sessions: readonly SessionSummary[]) => {
    if (flags.json) io.out(`${JSON.stringify(sessions, null, 2)}\n`);
    else io.out(sessions.length === 0 ? "No saved sessions.\n" : formatSessions(sessions));
  };
  if (!existsSync(defaultDatabasePath())) {
    print([]);
    return 0;
  }
  return withSessions(io, async (store) => {
    let unreadable = 0;
    const sessions = await store.listSessions((problem) => {
      unreadable++;
      io.err(`warning: skipped ${problem.message}\n`);
    });
    print(sessions);
    return unreadable > 0 ? 1 : 0;
  });
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Local time to the minute: "2025-03-14 09:30". */
const minute = (iso: string): string => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

const statusText = (s: SessionSummary): string => {
  const verdict = s.verdict ? `, ${s.verdict.score}/5 ${s.verdict.correct ? "correct" : "not correct"}` : "";
  const fork = s.parent ? ` (fork of ${s.parent.id} at round ${s.parent.round})` : "";
  return `${s.status}${verdict}${fork}`;
};

/** The mode, with the learner who plays a teach session: "teach (Ana)". */
const modeText = (s: SessionSummary): string => (s.learner ? `${s.mode} (${s.learner})` : s.mode);

/** One aligned line per session, under a header. */
export function formatSessions(sessions: readonly SessionSummary[]): string {
  const rows = [["ID", "CASE", "MODE", "STARTED", "ROUND", "STATUS"], ...sessions.map((s) => [s.id, s.caseId, modeText(s), minute(s.started), String(s.round), statusText(s)])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ")).join("\n") + "\n";
}
