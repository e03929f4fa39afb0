import type { Writable } from "node:stream";
import { decisionFor } from "../../graph/scripted.js";
import type { ReviewRequest } from "../../graph/state.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderTranscript } from "../../reports/transcript.js";
import { type TerminalStreams, runConsole } from "../../tui/run.js";
import { themeFor } from "../../tui/theme.js";
import { runTeach } from "../../tui/teach/run.js";
import { DebriefSchema } from "../../teaching/debrief.js";
import { safeDeep } from "../../output/safe-text.js";
import { loadBundledKnowledge } from "../knowledge.js";
import { LearnerCase, RemoteSession } from "./session.js";
import type { SessionLookup } from "../../reports/load.js";
import { processIo as reportIo, report } from "../commands/report.js";
import type { PublicSession } from "../../server/public-view.js";
import type { WorkshopRow } from "../../server/service.js";
import { type Credentials, RemoteError, WorkshopClient, credentialsFrom } from "./client.js";

export interface RemoteIo {
  stdout: Pick<Writable, "write">;
  stderr: Pick<Writable, "write">;
  env: Readonly<Record<string, string | undefined>>;
}

const processStreams = (): TerminalStreams => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });

export const processRemoteIo = (): RemoteIo => ({ stdout: process.stdout, stderr: process.stderr, env: process.env });

/** Signs in, runs `work`, and turns a refusal or an unreachable server into one line and exit 1. */
async function withClient(server: string, learner: string | undefined, io: RemoteIo, work: (client: WorkshopClient, credentials: Credentials) => Promise<number>): Promise<number> {
  const credentials = credentialsFrom(learner, io.env);
  if ("missing" in credentials) {
    io.stderr.write(`dxsim: to use ${server}, ${credentials.missing}.\n`);
    return 1;
  }
  try {
    return await work(await WorkshopClient.signIn(server, credentials), credentials);
  } catch (e) {
    if (!(e instanceof RemoteError)) throw e;
    io.stderr.write(`dxsim: ${e.message}\n`);
    return 1;
  }
}

/**
 * Without a terminal, a remote session is played as a local one is: every proposal approved to
 * the verdict, then the transcript, which the server writes (the learner's machine never holds
 * the case).
 */
async function approveToVerdict(client: WorkshopClient, start: PublicSession, io: RemoteIo, stopAfter?: number): Promise<number> {
  let session = start;
  const stopAt = session.review && stopAfter !== undefined ? session.review.round + stopAfter : Infinity;
  while ((session.review && session.review.round < stopAt) || session.planReview) {
    // The panel's treatment plan is approved as every proposal is.
    if (!session.review) {
      session = await client.decidePlan(session.id, { kind: "approve" });
      continue;
    }
    const { proposal } = session.review;
    if (!proposal) {
      io.stderr.write(`dxsim: this workshop hides the panel's proposals, so a session cannot play on its own; open it in a terminal.\n`);
      return 1;
    }
    session = await client.decide(session.id, decisionFor({ ...session.review, proposal } as ReviewRequest, session.values, undefined));
  }
  io.stdout.write(`dxsim played session ${session.id} (case ${session.caseId}) on ${client.base.origin}, approving every proposal.\n\n`);
  io.stdout.write(await client.transcript(session.id, "text"));
  if (session.review) io.stderr.write(`Session ${session.id} waits on the review of round ${session.review.round}; \`npx dxsim resume ${session.id} --server ${client.base.origin}\` continues it.\n`);
  return 0;
}

/**
 * The physician's console on a workshop server: the picker offers the workshop's cases, and the
 * session screen is the one `dxsim play` opens, its steps run by the server.
 */
async function remoteConsole(client: WorkshopClient, caseId: string | undefined, flags: { screenReader?: boolean }, streams: TerminalStreams, io: RemoteIo): Promise<number> {
  const learnerCases = new Map((await client.cases()).map((card) => [card.id, new LearnerCase(card)]));
  if (caseId !== undefined && !learnerCases.has(caseId)) throw new RemoteError(`no case "${caseId}" in this workshop (it offers ${[...learnerCases.keys()].join(", ")})`);
  const knowledge = loadBundledKnowledge();
  const outcome = await runConsole(
    {
      cases: [...learnerCases.values()].map((l) => l.caseFile),
      ...(caseId ? { caseId } : {}),
      knowledge,
      display: { theme: themeFor(io.env), screenReader: Boolean(flags.screenReader) },
      prepare: async (caseFile) => {
        const learnerCase = learnerCases.get(caseFile.id)!;
        learnerCase.caseFile = caseFile;
        const started = await client.create(caseFile.id);
        return { session: new RemoteSession(client, started, learnerCase), settings: started.values.settings, sessionName: started.id, oracleCostUsd: () => learnerCase.oracleCostUsd };
      },
      writeTranscript: (caseFile, values, name) => {
        const file = join(process.cwd(), `dxsim-${name}.md`);
        writeFileSync(file, renderTranscript(caseFile, values, { format: "markdown", sessionName: name, oracleCostUsd: learnerCases.get(caseFile.id)?.oracleCostUsd ?? 0 }));
        return file;
      },
    },
    streams,
  );
  if (outcome.kind === "error") throw new RemoteError(outcome.message);
  if (outcome.kind === "session") {
    const verdict = outcome.end.values.verdict;
    io.stdout.write(`Session ${outcome.sessionName} saved on ${client.base.origin}.${verdict ? ` Verdict ${verdict.score}/5, ${verdict.correct ? "correct" : "not correct"}: ${outcome.caseFile.diagnosis.name}.` : ""}\n`);
  }
  return 0;
}

export function remotePlay(server: string, caseId: string | undefined, flags: { learner?: string; stopAfter?: number; screenReader?: boolean }, io: RemoteIo = processRemoteIo(), streams: TerminalStreams = processStreams()): Promise<number> {
  return withClient(server, flags.learner, io, async (client, credentials) => {
    if (streams.stdout.isTTY && streams.stdin.isTTY && flags.stopAfter === undefined) {
      // A workshop in learner mode opens the learner's console, where the learner decides first.
      if ((await client.workshop()).mode === "teach") {
        if (caseId === undefined) throw new RemoteError(`this workshop is in learner mode: name the case to open (it offers ${(await client.cases()).map((c) => c.id).join(", ")})`);
        return learnerConsole(client, caseId, flags, streams, io);
      }
      return remoteConsole(client, caseId, flags, streams, io);
    }
    const chosen = caseId ?? (await client.cases())[0]?.id;
    if (!chosen) throw new RemoteError("the server offers no cases");
    const session = await client.create(chosen, "learner" in credentials ? undefined : flags.learner);
    io.stderr.write(`session ${session.id} (saved on ${client.base.origin})\n`);
    return approveToVerdict(client, session, io, flags.stopAfter);
  });
}

/**
 * Learner mode on a workshop server: the learner decides each round before the panel's work is
 * shown (the console hides it until then), the server carries the learner's decision out, and
 * the debrief, which needs the hidden case, is made by the server once the verdict is given.
 */
export function remoteTeach(server: string, caseId: string, flags: { learner?: string; screenReader?: boolean }, io: RemoteIo = processRemoteIo(), streams: TerminalStreams = processStreams()): Promise<number> {
  return withClient(server, flags.learner, io, async (client) => {
    if (!(streams.stdout.isTTY && streams.stdin.isTTY)) {
      io.stderr.write(`dxsim: learner mode needs a terminal: each round waits for your decision. Run \`dxsim teach ${caseId} --server ${client.base.origin}\` in a terminal.\n`);
      return 2;
    }
    return learnerConsole(client, caseId, flags, streams, io);
  });
}

async function learnerConsole(client: WorkshopClient, caseId: string, flags: { screenReader?: boolean }, streams: TerminalStreams, io: RemoteIo): Promise<number> {
  const card = (await client.cases()).find((c) => c.id === caseId);
  if (!card) throw new RemoteError(`no case "${caseId}" in this workshop`);
  const learnerCase = new LearnerCase(card);
  const started = await client.create(caseId);
  io.stderr.write(`session ${started.id} (saved on ${client.base.origin})\n`);
  const outcome = await runTeach(
    {
      caseFile: learnerCase.caseFile,
      knowledge: loadBundledKnowledge(),
      learner: {
        session: new RemoteSession(client, started, learnerCase),
        settings: started.values.settings,
        sessionName: started.id,
        // What the server sends is sanitised and checked before the screen draws it.
        debriefOf: async () => ({ report: DebriefSchema.parse(safeDeep(await client.debrief(started.id))) }),
      },
      writeDebrief: (name, markdown) => {
        const file = join(process.cwd(), `dxsim-debrief-${name}.md`);
        writeFileSync(file, markdown);
        return file;
      },
    },
    { theme: themeFor(io.env), screenReader: Boolean(flags.screenReader) },
    streams,
  );
  if (outcome.kind === "error") throw new RemoteError(outcome.message);
  const verdict = outcome.kind === "session" ? outcome.end.values.verdict : null;
  io.stdout.write(`Session ${started.id} saved on ${client.base.origin}.${verdict ? ` Verdict ${verdict.score}/5, ${verdict.correct ? "correct" : "not correct"}: ${learnerCase.caseFile.diagnosis.name}.` : ""}\n`);
  return 0;
}

export function remoteResume(server: string, id: string, flags: { learner?: string; stopAfter?: number }, io: RemoteIo = processRemoteIo()): Promise<number> {
  return withClient(server, flags.learner, io, async (client) => approveToVerdict(client, await client.session(id), io, flags.stopAfter));
}

export function remoteSessions(server: string, flags: { learner?: string; json?: boolean }, io: RemoteIo = processRemoteIo()): Promise<number> {
  return withClient(server, flags.learner, io, async (client) => {
    const rows = await client.sessions();
    io.stdout.write(flags.json ? `${JSON.stringify(rows, null, 2)}\n` : rows.length === 0 ? "No sessions on this server yet.\n" : workshopTable(rows));
    return 0;
  });
}

export function workshopStatus(server: string, flags: { json?: boolean }, io: RemoteIo = processRemoteIo()): Promise<number> {
  return withClient(server, undefined, io, async (client) => {
    const rows = await client.status();
    io.stdout.write(flags.json ? `${JSON.stringify(rows, null, 2)}\n` : rows.length === 0 ? "No learner has started a session yet.\n" : workshopTable(rows));
    return 0;
  });
}

/**
 * The cohort report of a served workshop: the judged sessions are fetched from the server and
 * reported as `dxsim report` reports saved sessions, grouped by learner.
 */
export function workshopReport(server: string, flags: { html?: string; title: string }, io: RemoteIo = processRemoteIo()): Promise<number> {
  return withClient(server, undefined, io, async (client) => {
    const records = await client.results();
    const lookups = new Map<string, SessionLookup>(records.map((r) => [r.session ?? r.caseId, r]));
    if (records.length === 0) {
      io.stderr.write("dxsim: no session on this server has reached a verdict yet, so there is nothing to report.\n");
      return 1;
    }
    return report([...lookups.keys()], { ...(flags.html ? { html: flags.html } : {}), title: flags.title }, {
      ...reportIo,
      out: (text) => void io.stdout.write(text),
      err: (text) => void io.stderr.write(text),
      lookupSessions: async () => lookups,
    });
  });
}

/** Learner, case, attempt, round, spend and status, one aligned line a session. */
export function workshopTable(rows: readonly WorkshopRow[]): string {
  const cells = [
    ["LEARNER", "CASE", "ATTEMPT", "ROUND", "SPENT", "HARMFUL", "STATUS", "ID"],
    ...rows.map((r) => [
      r.learner,
      r.caseId,
      String(r.attempt),
      String(r.round),
      `$${r.spentUsd.toFixed(2)}`,
      String(r.harmfulOrders),
      r.score === null ? r.status : `${r.status}, ${r.score}/5, ${r.points ?? 0} points`,
      r.id,
    ]),
  ];
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return `${cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ")).join("\n")}\n`;
}
