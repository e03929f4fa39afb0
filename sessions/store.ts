import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { z } from "zod";
import type { Knowledge } from "../agents/view.js";
import type { Case } from "../core/case.js";
import { loadBundledCases, loadCases } from "../core/case-loader.js";
import { defaultDatabasePath } from "../graph/dxsim-home.js";
import { DiagnosticSession, type SessionOptions } from "../graph/session.js";
import { SessionSettingsSchema } from "../graph/settings.js";
import { SqliteSaver } from "../graph/sqlite-saver.js";
import type { SessionValues } from "../graph/state.js";
import { LearnerNameSchema } from "../core/learner.js";

/**
 * The catalogue of saved sessions, a `sessions` table in the file that holds their checkpoints.
 * It keeps what the checkpoints cannot tell: where the case came from, the brain and the mode
 * the session was started with, the learner who plays a teach session, and the session it was
 * forked from. Everything that changes as a session goes on (its round, whether it waits on a
 * review or was judged, when it last moved) is read from the checkpoints, so the catalogue never
 * has to be written mid-session and can never disagree with them. A row's id is the graph's
 * thread id.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  case_file TEXT,
  settings TEXT NOT NULL,
  brain TEXT NOT NULL,
  mode TEXT NOT NULL,
  parent_id TEXT,
  fork_round INTEGER,
  created_at TEXT NOT NULL,
  learner TEXT
);
`;

/** The learner column came after the first catalogues: a file without it gets it, its sessions unnamed. */
const ADD_LEARNER = "ALTER TABLE sessions ADD COLUMN learner TEXT";

const ColumnSchema = z.object({ name: z.string() });

/** How long to wait for another dxsim process holding the file's write lock. */
const BUSY_TIMEOUT_MS = 5_000;

/** Why the session was played: at the console, in a teaching session, or by a headless run. */
export const SessionModeSchema = z.enum(["play", "teach", "run"]);
export type SessionMode = z.infer<typeof SessionModeSchema>;

/** The brain the command line asked for. Keys are never stored: they come from the environment again. */
export const BrainChoiceSchema = z.object({
  brain: z.string().optional(),
  /** A brain settings file, as an absolute path. */
  config: z.string().optional(),
});
export type BrainChoice = z.infer<typeof BrainChoiceSchema>;

export const SessionRecordSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  /** The file the case was read from; null when only its bundled id is known. */
  caseFile: z.string().nullable(),
  /** The settings it started with (a physician may raise the budget later, in the state). */
  settings: SessionSettingsSchema,
  brain: BrainChoiceSchema,
  mode: SessionModeSchema,
  /** Who plays a teach session (`dxsim teach --learner`); a fork keeps it. Null when unnamed. */
  learner: LearnerNameSchema.nullable(),
  /** The session and round this one was forked from. */
  parent: z.object({ id: z.string(), round: z.number().int() }).nullable(),
  createdAt: z.string(),
});
export type SessionRecord = z.infer<typeof SessionRecordSchema>;

const RowSchema = z.object({
  id: z.string(),
  case_id: z.string(),
  case_file: z.string().nullable(),
  settings: z.string(),
  brain: z.string(),
  mode: z.string(),
  parent_id: z.string().nullable(),
  fork_round: z.number().int().nullable(),
  created_at: z.string(),
  learner: z.string().nullable(),
});

const recordOf = (row: z.infer<typeof RowSchema>): SessionRecord =>
  SessionRecordSchema.parse({
    id: row.id,
    caseId: row.case_id,
    caseFile: row.case_file,
    settings: JSON.parse(row.settings),
    brain: JSON.parse(row.brain),
    mode: row.mode,
    learner: row.learner,
    parent: row.parent_id === null ? null : { id: row.parent_id, round: row.fork_round },
    createdAt: row.created_at,
  });

export type SessionProgress = "not started" | "awaiting review" | "stopped mid-round" | "finished";

/** One line of `dxsim sessions`. */
export interface SessionSummary {
  id: string;
  caseId: string;
  mode: SessionMode;
  /** A teach session's learner, when named. */
  learner: string | null;
  /** When the session was created (ISO 8601). */
  started: string;
  /** When its last step was saved (ISO 8601). */
  updated: string;
  round: number;
  status: SessionProgress;
  verdict: { score: number; correct: boolean } | null;
  parent: { id: string; round: number } | null;
}

/** The few state values a listing reads straight from the latest checkpoint. */
const SavedProgressSchema = z.object({
  round: z.number().int().default(1),
  diagnosis: z.object({ round: z.number().int() }).nullable().default(null),
  verdict: z.object({ score: z.number().int(), correct: z.boolean() }).nullable().default(null),
});

/** The brains (and oracle) to rebuild a saved session with; the offline defaults when empty. */
export type BrainsFor = (caseFile: Case, record: SessionRecord) => Promise<Pick<SessionOptions, "brains" | "oracle">>;

export interface NewSession extends Omit<SessionOptions, "checkpointer" | "threadId"> {
  /** Where the case was read from; a bundled case is found again by its id when this is absent. */
  caseFilePath?: string;
  brain?: BrainChoice;
  mode: SessionMode;
  /** Who plays it (a teach session), trimmed; unnamed when absent. */
  learner?: string;
  /** When it starts, for its id and the catalogue. */
  now?: Date;
}

export interface ReopenOptions {
  knowledge: Knowledge;
  brains?: BrainsFor;
}

/** A saved session rebuilt: the engine on its thread, its catalogue record and its case. */
export interface OpenedSession {
  session: DiagnosticSession;
  record: SessionRecord;
  caseFile: Case;
}

export class SessionNotFoundError extends Error {}

/**
 * Saved sessions: the SQLite file with the graph's checkpoints (SqliteSaver) and the catalogue
 * beside them, over one connection.
 */
export class SessionStore {
  readonly saver: SqliteSaver;

  private constructor(
    private readonly db: DatabaseSync,
    readonly path: string,
  ) {
    this.saver = new SqliteSaver(db);
    db.exec(SCHEMA);
    this.addLearnerColumn();
  }

  static open(path: string = defaultDatabasePath()): SessionStore {
    mkdirSync(dirname(path), { recursive: true });
    const db = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS });
    try {
      return new SessionStore(db, path);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  close(): void {
    this.saver.close();
  }

  /** A new session on the store's saver, catalogued before its first step. Start it with `start()`. */
  createSession(options: NewSession): DiagnosticSession {
    const { caseFilePath, brain = {}, mode, learner, now = new Date(), ...engine } = options;
    const settings = SessionSettingsSchema.parse(engine.settings ?? {});
    const id = this.freshId(engine.caseFile.id, now);
    const record = { id, caseId: engine.caseFile.id, caseFile: caseFilePath ?? null, settings, brain, mode, learner: learner ?? null, parent: null, createdAt: now.toISOString() };
    this.insert(SessionRecordSchema.parse(record));
    return DiagnosticSession.create({ ...engine, settings, checkpointer: this.saver, threadId: id });
  }

  record(id: string): SessionRecord | undefined {
    const row = this.db.prepare("SELECT * FROM sessions WHERE id = ?").get(id);
    return row === undefined ? undefined : recordOf(RowSchema.parse(row));
  }

  /**
   * Rebuilds a saved session on its own thread: the same case (read again from its file, or
   * the bundled case with its id), the same settings and brain. `start()` continues where the
   * checkpoints stopped and `status()` gives the review it waits on.
   */
  async reopenSession(id: string, options: ReopenOptions): Promise<OpenedSession> {
    const record = this.record(id);
    if (!record) throw new SessionNotFoundError(`no saved session "${id}"`);
    const caseFile = findCase(record);
    const chosen = options.brains ? await options.brains(caseFile, record) : {};
    const session = DiagnosticSession.create({ caseFile, knowledge: options.knowledge, settings: record.settings, checkpointer: this.saver, threadId: id, ...chosen });
    return { session, record, caseFile };
  }

  /** Where a session stands, as `dxsim sessions` lists it. */
  async summary(id: string): Promise<SessionSummary> {
    const record = this.record(id);
    if (!record) throw new SessionNotFoundError(`no saved session "${id}"`);
    return this.summarise(record);
  }

  /** Every catalogued session, the most recently active first. */
  async listSessions(): Promise<SessionSummary[]> {
    const records = this.db.prepare("SELECT * FROM sessions").all().map((row) => recordOf(RowSchema.parse(row)));
    const summaries = await Promise.all(records.map((r) => this.summarise(r)));
    return summaries.sort((a, b) => b.updated.localeCompare(a.updated) || b.id.localeCompare(a.id));
  }

  /**
   * A new session that begins at the review of `round` in session `id`, before that round's
   * action was carried out; the original is left as it is. The review's state is written to a
   * new thread as the chair's update (LangGraph's updateState), so the new thread's first step
   * is that review, which is raised at once.
   */
  async forkSession(id: string, round: number, options: ReopenOptions & { now?: Date }): Promise<OpenedSession> {
    const source = await this.reopenSession(id, options);
    const review = await source.session.reviewCheckpoint(round);
    if (!review) {
      const reached = (await source.session.status()).values.round;
      throw new RangeError(`session ${id} has no review of round ${round}: its rounds run from 1 to ${reached}`);
    }
    const values = review.values as SessionValues;
    const now = options.now ?? new Date();
    const record: SessionRecord = {
      ...source.record,
      id: this.freshId(source.record.caseId, now),
      settings: values.settings,
      parent: { id, round },
      createdAt: now.toISOString(),
    };
    this.insert(record);
    try {
      const chosen = options.brains ? await options.brains(source.caseFile, record) : {};
      const session = DiagnosticSession.create({ caseFile: source.caseFile, knowledge: options.knowledge, settings: record.settings, checkpointer: this.saver, threadId: record.id, ...chosen });
      await session.graph.updateState({ configurable: { thread_id: record.id } }, values, "chair");
      await session.start();
      return { session, record, caseFile: source.caseFile };
    } catch (error) {
      await this.saver.deleteThread(record.id);
      this.db.prepare("DELETE FROM sessions WHERE id = ?").run(record.id);
      throw error;
    }
  }

  private async summarise(record: SessionRecord): Promise<SessionSummary> {
    const base = { id: record.id, caseId: record.caseId, mode: record.mode, learner: record.learner, started: record.createdAt, parent: record.parent };
    const latest = await this.saver.getTuple({ configurable: { thread_id: record.id, checkpoint_ns: "" } });
    if (!latest) return { ...base, updated: record.createdAt, round: 1, status: "not started", verdict: null };
    const progress = SavedProgressSchema.parse(latest.checkpoint.channel_values);
    const waiting = (latest.pendingWrites ?? []).some(([, channel]) => channel === "__interrupt__");
    const status: SessionProgress = progress.verdict ? "finished" : waiting ? "awaiting review" : "stopped mid-round";
    return {
      ...base,
      updated: latest.checkpoint.ts,
      round: progress.verdict && progress.diagnosis ? progress.diagnosis.round : progress.round,
      status,
      verdict: progress.verdict,
    };
  }

  private insert(record: SessionRecord): void {
    this.db
      .prepare(
        `INSERT INTO sessions (id, case_id, case_file, settings, brain, mode, parent_id, fork_round, created_at, learner)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.id,
        record.caseId,
        record.caseFile,
        JSON.stringify(record.settings),
        JSON.stringify(record.brain),
        record.mode,
        record.parent?.id ?? null,
        record.parent?.round ?? null,
        record.createdAt,
        record.learner,
      );
  }

  /** Under the write lock, so two dxsim processes opening an old file add the column once. */
  private addLearnerColumn(): void {
    const hasLearner = () => this.db.prepare("PRAGMA table_info(sessions)").all().some((c) => ColumnSchema.parse(c).name === "learner");
    if (hasLearner()) return;
    this.db.exec("BEGIN IMMEDIATE");
    try {
      if (!hasLearner()) this.db.exec(ADD_LEARNER);
      this.db.exec("COMMIT");
    } catch (error) {
      this.db.exec("ROLLBACK");
      throw error;
    }
  }

  /** The case and the second it started ("cp-01-20250314-093005"), with "-2", "-3"… when taken. */
  private freshId(caseId: string, now: Date): string {
    const pad = (n: number) => String(n).padStart(2, "0");
    const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
    const base = `${caseId}-${stamp}`;
    const taken = (id: string) => this.db.prepare("SELECT 1 FROM sessions WHERE id = ?").get(id) !== undefined;
    let id = base;
    for (let n = 2; taken(id); n++) id = `${base}-${n}`;
    return id;
  }
}

/** Opens (creating it if needed) the sessions file, `$DXSIM_HOME/sessions.sqlite` by default. */
export const openSessionStore = (path: string = defaultDatabasePath()): SessionStore => SessionStore.open(path);

/** The case a record names: from its file while that still holds it, else the bundled case with its id. */
function findCase(record: SessionRecord): Case {
  if (record.caseFile && existsSync(record.caseFile)) {
    const found = loadCases([record.caseFile]).cases.find((c) => c.case.id === record.caseId);
    if (found) return found.case;
  }
  const bundled = loadBundledCases().cases.find((c) => c.case.id === record.caseId);
  if (bundled) return bundled.case;
  const where = record.caseFile ? `${record.caseFile} no longer holds it and ` : "";
  throw new Error(`session ${record.id}: cannot find case ${record.caseId}: ${where}no bundled case has that id`);
}
