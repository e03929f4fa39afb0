import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import type { RunnableConfig } from "@langchain/core/runnables";
import {
  BaseCheckpointSaver,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointPendingWrite,
  type CheckpointTuple,
  type PendingWrite,
  type SerializerProtocol,
  TASKS,
  WRITES_IDX_MAP,
  compareWritesSortKeys,
  copyCheckpoint,
  getCheckpointId,
  maxChannelVersion,
  writesSortKey,
} from "@langchain/langgraph-checkpoint";
import { z } from "zod";

/**
 * The layout of LangGraph's official SQLite saver (@langchain/langgraph-checkpoint-sqlite):
 * one row per checkpoint, one per pending write. `writes.task_path` is added so pending writes
 * come back in the order live execution applies them (`writesSortKey`).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoints (
  thread_id TEXT NOT NULL,
  checkpoint_ns TEXT NOT NULL DEFAULT '',
  checkpoint_id TEXT NOT NULL,
  parent_checkpoint_id TEXT,
  type TEXT NOT NULL,
  checkpoint BLOB NOT NULL,
  metadata BLOB NOT NULL,
  PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id)
);
CREATE TABLE IF NOT EXISTS writes (
  thread_id TEXT NOT NULL,
  checkpoint_ns TEXT NOT NULL DEFAULT '',
  checkpoint_id TEXT NOT NULL,
  task_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  channel TEXT NOT NULL,
  type TEXT NOT NULL,
  value BLOB NOT NULL,
  task_path TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, task_id, idx)
);
`;

/** Bumped when SCHEMA changes, so an older dxsim refuses a file it cannot read. */
const SCHEMA_VERSION = 1;

/**
 * How long to wait for another dxsim process holding the file's write lock. 50 learners starting
 * at once on a busy two-core machine waited past 5 s ("database is locked" for 26 of 50).
 */
const BUSY_TIMEOUT_MS = 30_000;

const CHECKPOINT_COLUMNS =
  "thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata";

const BlobSchema = z.instanceof(Uint8Array);

const CheckpointRowSchema = z.object({
  thread_id: z.string(),
  checkpoint_ns: z.string(),
  checkpoint_id: z.string(),
  parent_checkpoint_id: z.string().nullable(),
  type: z.string(),
  checkpoint: BlobSchema,
  metadata: BlobSchema,
});
type CheckpointRow = z.infer<typeof CheckpointRowSchema>;

const WriteRowSchema = z.object({
  task_id: z.string(),
  idx: z.number().int(),
  channel: z.string(),
  type: z.string(),
  value: BlobSchema,
  task_path: z.string(),
});

const ThreadRowSchema = z.object({ thread_id: z.string(), first_id: z.string(), latest_id: z.string() });

const UserVersionSchema = z.object({ user_version: z.number().int() });

/** One saved session as a list shows it: the thread's root namespace, newest checkpoint first. */
export interface SavedThread {
  threadId: string;
  latestCheckpointId: string;
  latestMetadata: CheckpointMetadata;
  /** `ts` of the thread's first checkpoint (ISO 8601). */
  createdAt: string;
  /** `ts` of the thread's latest checkpoint (ISO 8601). */
  updatedAt: string;
}

function checkpointConfig(threadId: string, checkpointNs: string, checkpointId: string): RunnableConfig {
  return { configurable: { thread_id: threadId, checkpoint_ns: checkpointNs, checkpoint_id: checkpointId } };
}

function requireString(value: unknown, field: string, action: string): string {
  if (typeof value !== "string" || value === "") {
    throw new Error(`SqliteSaver: cannot ${action}: config.configurable.${field} must be a non-empty string`);
  }
  return value;
}

/** Errors, interrupts, resumes and scheduled marks sit at fixed negative indices, one per task. */
function specialWriteIndex(channel: string): number | undefined {
  return Object.hasOwn(WRITES_IDX_MAP, channel) ? WRITES_IDX_MAP[channel] : undefined;
}

/**
 * A LangGraph checkpoint saver on Node's built-in SQLite (`node:sqlite`), so saved sessions need
 * no native addon. A port of the official SQLite saver: whole checkpoints (no per-channel
 * blobs), pending writes kept beside them, the same list/filter semantics.
 */
export class SqliteSaver extends BaseCheckpointSaver {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync, serde?: SerializerProtocol) {
    super(serde);
    this.db = db;
    // A session must survive a SIGKILL with no step lost. In WAL mode a commit returns only
    // after its frames are written to the WAL file, so a killed process (even synchronous =
    // NORMAL) loses nothing that committed. FULL also fsyncs the WAL on every commit, so the
    // last steps survive a power cut or OS crash too; its price, one fsync per superstep, is
    // small beside a model call.
    db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
    const { user_version: version } = UserVersionSchema.parse(db.prepare("PRAGMA user_version").get());
    if (version > SCHEMA_VERSION) {
      const where = db.location() ?? "the database";
      throw new Error(`SqliteSaver: ${where} uses schema ${version}, newer than this dxsim reads (${SCHEMA_VERSION})`);
    }
    this.transaction(() => {
      db.exec(SCHEMA);
      db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    });
  }

  /** Opens (creating it and its parent folders if needed) the database file at `file`. */
  static fromPath(file: string, serde?: SerializerProtocol): SqliteSaver {
    mkdirSync(dirname(file), { recursive: true });
    const db = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS });
    try {
      return new SqliteSaver(db, serde);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Closes the database; later calls on this saver throw. Safe to call twice. */
  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const threadId = config.configurable?.thread_id;
    if (threadId === undefined) return undefined;
    const checkpointNs = config.configurable?.checkpoint_ns ?? "";
    const checkpointId = getCheckpointId(config);
    const row = checkpointId
      ? this.db
          .prepare(
            `SELECT ${CHECKPOINT_COLUMNS} FROM checkpoints
             WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id = ?`,
          )
          .get(threadId, checkpointNs, checkpointId)
      : this.db
          .prepare(
            `SELECT ${CHECKPOINT_COLUMNS} FROM checkpoints
             WHERE thread_id = ? AND checkpoint_ns = ? ORDER BY checkpoint_id DESC LIMIT 1`,
          )
          .get(threadId, checkpointNs);
    return row === undefined ? undefined : this.toTuple(CheckpointRowSchema.parse(row));
  }

  async *list(config: RunnableConfig, options: CheckpointListOptions = {}): AsyncGenerator<CheckpointTuple> {
    const { limit, before, filter } = options;
    const conditions: string[] = [];
    const params: SQLInputValue[] = [];
    const where = (condition: string, ...values: SQLInputValue[]) => {
      conditions.push(condition);
      params.push(...values);
    };
    const { thread_id: threadId, checkpoint_ns: checkpointNs, checkpoint_id: checkpointId } = config.configurable ?? {};
    if (threadId) where("thread_id = ?", threadId);
    if (checkpointNs !== undefined && checkpointNs !== null) where("checkpoint_ns = ?", checkpointNs);
    if (checkpointId) where("checkpoint_id = ?", checkpointId);
    if (before?.configurable?.checkpoint_id) where("checkpoint_id < ?", before.configurable.checkpoint_id);
    // Metadata is serialized JSON; `->` with a bare key reads that exact top-level key.
    for (const [key, value] of Object.entries(filter ?? {})) {
      if (value !== undefined) where("CAST(metadata AS TEXT) -> ? = ?", key, JSON.stringify(value));
    }
    let sql = `SELECT ${CHECKPOINT_COLUMNS} FROM checkpoints`;
    if (conditions.length > 0) sql += ` WHERE ${conditions.join(" AND ")}`;
    sql += " ORDER BY checkpoint_id DESC";
    if (limit !== undefined) {
      sql += " LIMIT ?";
      params.push(Math.max(0, Math.floor(limit)));
    }
    const rows = this.db.prepare(sql).all(...params);
    for (const row of rows) yield await this.toTuple(CheckpointRowSchema.parse(row));
  }

  /** Stores the whole checkpoint, so `_newVersions` (which channels changed) is not needed. */
  async put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
    _newVersions: ChannelVersions,
  ): Promise<RunnableConfig> {
    const threadId = requireString(config.configurable?.thread_id, "thread_id", "save a checkpoint");
    const checkpointNs: string = config.configurable?.checkpoint_ns ?? "";
    const parentId: string | undefined = config.configurable?.checkpoint_id || undefined;
    const [[type, checkpointBytes], [metadataType, metadataBytes]] = await Promise.all([
      this.serde.dumpsTyped(copyCheckpoint(checkpoint)),
      this.serde.dumpsTyped(metadata),
    ]);
    if (type !== metadataType) {
      throw new Error(`SqliteSaver: the serializer wrote the checkpoint as ${type} but its metadata as ${metadataType}`);
    }
    this.db
      .prepare(`INSERT OR REPLACE INTO checkpoints (${CHECKPOINT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(threadId, checkpointNs, checkpoint.id, parentId ?? null, type, checkpointBytes, metadataBytes);
    return checkpointConfig(threadId, checkpointNs, checkpoint.id);
  }

  async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string, taskPath = ""): Promise<void> {
    const threadId = requireString(config.configurable?.thread_id, "thread_id", "save writes");
    const checkpointId = requireString(config.configurable?.checkpoint_id, "checkpoint_id", "save writes");
    const checkpointNs: string = config.configurable?.checkpoint_ns ?? "";
    const rows = await Promise.all(
      writes.map(async ([channel, value], position) => {
        const [type, bytes] = await this.serde.dumpsTyped(value);
        const special = specialWriteIndex(channel);
        return { special: special !== undefined, idx: special ?? position, channel, type, bytes };
      }),
    );
    // A special write (an interrupt, later its resume) replaces the task's previous one; a
    // regular write is stored once, so a task re-run never overwrites what is already saved.
    const insert = (conflict: "REPLACE" | "IGNORE") =>
      this.db.prepare(
        `INSERT OR ${conflict} INTO writes
         (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, value, task_path)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
    const replace = insert("REPLACE");
    const keep = insert("IGNORE");
    this.transaction(() => {
      for (const row of rows) {
        (row.special ? replace : keep).run(
          threadId,
          checkpointNs,
          checkpointId,
          taskId,
          row.idx,
          row.channel,
          row.type,
          row.bytes,
          taskPath,
        );
      }
    });
  }

  async deleteThread(threadId: string): Promise<void> {
    this.transaction(() => {
      this.db.prepare("DELETE FROM checkpoints WHERE thread_id = ?").run(threadId);
      this.db.prepare("DELETE FROM writes WHERE thread_id = ?").run(threadId);
    });
  }

  /** Every saved thread, most recently updated first. */
  async listThreads(): Promise<SavedThread[]> {
    const rows = this.db
      .prepare(
        `SELECT thread_id, MIN(checkpoint_id) AS first_id, MAX(checkpoint_id) AS latest_id
         FROM checkpoints WHERE checkpoint_ns = '' GROUP BY thread_id ORDER BY latest_id DESC`,
      )
      .all()
      .map((row) => ThreadRowSchema.parse(row));
    return Promise.all(
      rows.map(async ({ thread_id: threadId, first_id: firstId, latest_id: latestId }) => {
        const first = this.readRow(threadId, firstId);
        const latest = this.readRow(threadId, latestId);
        const firstCheckpoint: Checkpoint = await this.serde.loadsTyped(first.type, first.checkpoint);
        const latestCheckpoint: Checkpoint = await this.serde.loadsTyped(latest.type, latest.checkpoint);
        return {
          threadId,
          latestCheckpointId: latestId,
          latestMetadata: await this.serde.loadsTyped(latest.type, latest.metadata),
          createdAt: firstCheckpoint.ts,
          updatedAt: latestCheckpoint.ts,
        };
      }),
    );
  }

  private readRow(threadId: string, checkpointId: string): CheckpointRow {
    return CheckpointRowSchema.parse(
      this.db
        .prepare(
          `SELECT ${CHECKPOINT_COLUMNS} FROM checkpoints
           WHERE thread_id = ? AND checkpoint_ns = '' AND checkpoint_id = ?`,
        )
        .get(threadId, checkpointId),
    );
  }

  private async toTuple(row: CheckpointRow): Promise<CheckpointTuple> {
    const checkpoint: Checkpoint = await this.serde.loadsTyped(row.type, row.checkpoint);
    const parentId = row.parent_checkpoint_id;
    if (checkpoint.v < 4 && parentId !== null) {
      await this.migratePendingSends(checkpoint, row.thread_id, row.checkpoint_ns, parentId);
    }
    const tuple: CheckpointTuple = {
      config: checkpointConfig(row.thread_id, row.checkpoint_ns, row.checkpoint_id),
      checkpoint,
      metadata: await this.serde.loadsTyped(row.type, row.metadata),
      pendingWrites: await this.pendingWrites(row.thread_id, row.checkpoint_ns, row.checkpoint_id),
    };
    if (parentId !== null) tuple.parentConfig = checkpointConfig(row.thread_id, row.checkpoint_ns, parentId);
    return tuple;
  }

  /** A checkpoint's pending writes, in the order live execution applies them. */
  private async pendingWrites(
    threadId: string,
    checkpointNs: string,
    checkpointId: string,
  ): Promise<CheckpointPendingWrite[]> {
    const rows = this.db
      .prepare(
        `SELECT task_id, idx, channel, type, value, task_path FROM writes
         WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id = ?`,
      )
      .all(threadId, checkpointNs, checkpointId)
      .map((row) => WriteRowSchema.parse(row));
    rows.sort((a, b) =>
      compareWritesSortKeys(writesSortKey(a.task_path, a.task_id, a.idx), writesSortKey(b.task_path, b.task_id, b.idx)),
    );
    return Promise.all(
      rows.map(async (row): Promise<CheckpointPendingWrite> => [
        row.task_id,
        row.channel,
        await this.serde.loadsTyped(row.type, row.value),
      ]),
    );
  }

  /**
   * Checkpoints before format v4 kept pending sends as writes to TASKS on their parent;
   * v4 holds them in the TASKS channel, so old ones are lifted there on read.
   */
  private async migratePendingSends(
    checkpoint: Checkpoint,
    threadId: string,
    checkpointNs: string,
    parentId: string,
  ): Promise<void> {
    const sends = (await this.pendingWrites(threadId, checkpointNs, parentId))
      .filter(([, channel]) => channel === TASKS)
      .map(([, , value]) => value);
    const versions = Object.values(checkpoint.channel_versions ?? {});
    checkpoint.channel_values = { ...checkpoint.channel_values, [TASKS]: sends };
    checkpoint.channel_versions = {
      ...checkpoint.channel_versions,
      [TASKS]: versions.length > 0 ? maxChannelVersion(...versions) : this.getNextVersion(undefined),
    };
  }

  /** Runs `work` as one transaction, taking the write lock up front. */
  private transaction(work: () => void): void {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      work();
      this.db.exec("COMMIT");
    } catch (error) {
      this.db.exec("ROLLBACK");
      throw error;
    }
  }
}
