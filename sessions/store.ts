import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { z } from "zod";
import type { Knowledge } from "../agents/view.js";
import { type Case, CaseSchema } from "../core/case.js";
import { loadBundledCases, loadCases } from "../core/case-loader.js";
import { defaultDatabasePath } from "../graph/dxsim-home.js";
import { DiagnosticSession, type SessionOptions } from "../graph/session.js";
import { SessionSettingsSchema } from "../core/settings.js";
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

/**
 * Columns that came after the first catalogues: a file without them gets them. The case's
 * content is kept with its SHA-256 so a session is always judged against the case it began
 * with, however the file is moved or edited; older rows without it find the case as before.
 */
const LATER_COLUMNS: Readonly<Record<string, string>> = {
  learner: "ALTER TABLE sessions ADD COLUMN learner TEXT",
  case_snapshot: "ALTER TABLE sessions ADD COLUMN case_snapshot TEXT",
  case_hash: "ALTER TABLE sessions ADD COLUMN case_hash TEXT",
};

const ColumnSchema = z.object({ name: z.string() });

/**
 * How long to wait for another dxsim process holding the file's write lock. 50 learners starting
 * at once on a busy two-core machine waited past 5 s ("database is locked" for 26 of 50).
 */
const BUSY_TIMEOUT_MS = 30_000;

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
  /** The case as the session began with it, and its SHA-256; null in catalogues from before snapshots. */
  caseSnapshot: CaseSchema.nullable().default(null),
  caseHash: z.string().nullable().default(null),
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
  case_snapshot: z.string().nullable(),
  case_hash: z.string().nullable(),
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
    caseSnapshot: row.case_snapshot === null ? null : JSON.parse(row.case_snapshot),
    caseHash: row.case_hash,
  });

/** A case's content as stored, and the hash that names it. */
const snapshotOf = (caseFile: Case): { text: string; hash: string } => {
  const text = JSON.stringify(caseFile);
  return { text, hash: createHash("sha256").update(text).digest("hex") };
};

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

/** A catalogue row that cannot be read back: its id, and why. */
export class UnreadableSessionError extends Error {
  constructor(
    readonly id: string,
    cause: unknown,
  ) {
    super(`session ${id} cannot be read (${cause instanceof Error ? cause.message.split("\n")[0] : String(cause)})`);
  }
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Four random letters or digits: 1.7 million to one against two sessions of a second sharing them. */
const randomSuffix = (): string => [...randomBytes(4)].map((b) => LETTERS[b % LETTERS.length]).join("");

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
    this.addLaterColumns();
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
    const record = {
      caseId: engine.caseFile.id,
      caseFile: caseFilePath ?? null,
      settings,
      brain,
      mode,
      learner: learner ?? null,
      parent: null,
      createdAt: now.toISOString(),
      caseSnapshot: engine.caseFile,
      caseHash: snapshotOf(engine.caseFile).hash,
    };
    const id = this.insertFresh(record, now);
    return DiagnosticSession.create({ ...engine, settings, checkpointer: this.saver, threadId: id });
  }

  record(id: string): SessionRecord | undefined {
    const row = this.db.prepare("SELECT * FROM sessions WHERE id = ?").get(id);
    if (row === undefined) return undefined;
    try {
      return recordOf(RowSchema.parse(row));
    } catch (error) {
      throw new UnreadableSessionError(id, error);
    }
  }

  /**
   * Rebuilds a saved session on its own thread: the same case (its snapshot; in an older
   * catalogue, read again from its file or the bundled case with its id), settings and brain. `start()` continues where the
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

  /**
   * Every catalogued session, the most recently active first. A row that cannot be read (edited
   * by hand, a damaged checkpoint) is left out and handed to `onUnreadable`, so one bad row
   * never hides the others.
   */
  async listSessions(onUnreadable: (problem: UnreadableSessionError) => void = () => {}): Promise<SessionSummary[]> {
    const ids = this.db.prepare("SELECT id FROM sessions").all().map((row) => String((row as { id: unknown }).id));
    const summaries: SessionSummary[] = [];
    for (const id of ids) {
      try {
        summaries.push(await this.summarise(this.record(id)!));
      } catch (error) {
        onUnreadable(error instanceof UnreadableSessionError ? error : new UnreadableSessionError(id, error));
      }
    }
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
    const fields = { ...source.record, caseSnapshot: source.caseFile, caseHash: snapshotOf(source.caseFile).hash, settings: values.settings, parent: { id, round }, createdAt: now.toISOString() };
    const record: SessionRecord = { ...fields, id: this.insertFresh(fields, now) };
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

  /**
   * Catalogues a new session under a fresh id and gives the id back. Another process may take
   * the same id between the look and the insert; then another is drawn.
   */
  private insertFresh(record: Omit<SessionRecord, "id">, now: Date): string {
    for (let attempt = 0; ; attempt++) {
      const id = this.freshId(record.caseId, now);
      try {
        this.insert(SessionRecordSchema.parse({ ...record, id }));
        return id;
      } catch (error) {
        if (attempt >= 5 || !/UNIQUE constraint failed/.test(String(error))) throw error;
      }
    }
  }

  private insert(record: SessionRecord): void {
    this.db
      .prepare(
        `INSERT INTO sessions (id, case_id, case_file, settings, brain, mode, parent_id, fork_round, created_at, learner, case_snapshot, case_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
        record.caseSnapshot ? snapshotOf(record.caseSnapshot).text : null,
        record.caseHash,
      );
  }

  /** Under the write lock, so two dxsim processes opening an old file add each column once. */
  private addLaterColumns(): void {
    const missing = () => {
      const have = new Set(this.db.prepare("PRAGMA table_info(sessions)").all().map((c) => ColumnSchema.parse(c).name));
      return Object.keys(LATER_COLUMNS).filter((name) => !have.has(name));
    };
    if (missing().length === 0) return;
    this.db.exec("BEGIN IMMEDIATE");
    try {
      for (const name of missing()) this.db.exec(LATER_COLUMNS[name]!);
      this.db.exec("COMMIT");
    } catch (error) {
      this.db.exec("ROLLBACK");
      throw error;
    }
  }

  /**
   * The case, the second it started and four random letters ("cp-01-20250314-093005-k3qz"):
   * readable, and unique however many sessions start in the same second in other processes.
   */
  private freshId(caseId: string, now: Date): string {
    const pad = (n: number) => String(n).padStart(2, "0");
    const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
    const taken = (id: string) => this.db.prepare("SELECT 1 FROM sessions WHERE id = ?").get(id) !== undefined;
    for (;;) {
      const id = `${caseId}-${stamp}-${randomSuffix()}`;
      if (!taken(id)) return id;
    }
  }
}

/** Opens (creating it if needed) the sessions file, `$DXSIM_HOME/sessions.sqlite` by default. */
export const openSessionStore = (path: string = defaultDatabasePath()): SessionStore => SessionStore.open(path);

/**
 * The case a session is judged against: its snapshot; in a catalogue from before snapshots, its
 * file while that still holds it, else the bundled case with its id.
 */
function findCase(record: SessionRecord): Case {
  if (record.caseSnapshot) return record.caseSnapshot;
  if (record.caseFile && existsSync(record.caseFile)) {
    const found = loadCases([record.caseFile]).cases.find((c) => c.case.id === record.caseId);
    if (found) return found.case;
  }
  const bundled = loadBundledCases().cases.find((c) => c.case.id === record.caseId);
  if (bundled) return bundled.case;
  const where = record.caseFile ? `${record.caseFile} no longer holds it and ` : "";
  throw new Error(`session ${record.id}: cannot find case ${record.caseId}: ${where}no bundled case has that id`);
}
