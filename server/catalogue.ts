import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import pg from "pg";
import { z } from "zod";
import { SqliteSaver } from "../graph/sqlite-saver.js";

/**
 * What a server must remember of a session beyond its checkpoints: whose it is and which case
 * it plays. Everything that changes as the session goes on is read from the checkpoints, so a
 * row is written once, when the session is created, and any replica can serve any session.
 */
export const ServerSessionSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  learner: z.string(),
  /** Which attempt of this learner at this case (1 for the first): a retry is a new attempt. */
  attempt: z.number().int().positive(),
  createdAt: z.string(),
});
export type ServerSession = z.infer<typeof ServerSessionSchema>;

export interface Catalogue {
  insert(row: ServerSession): Promise<void>;
  get(id: string): Promise<ServerSession | undefined>;
  /** Every session, or one learner's, oldest first. */
  list(learner?: string): Promise<ServerSession[]>;
  /** How many sessions this learner has started on this case. */
  attempts(learner: string, caseId: string): Promise<number>;
}

/** The checkpoints and the catalogue of one server (or of several replicas sharing a database). */
export interface ServerStorage {
  readonly checkpointer: BaseCheckpointSaver;
  readonly catalogue: Catalogue;
  /** Where the state lives, without credentials, for the start-up line. */
  readonly where: string;
  close(): Promise<void>;
}

const TABLE = `CREATE TABLE IF NOT EXISTS dxsim_server_sessions (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  learner TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  created_at TEXT NOT NULL
)`;

const RowSchema = z
  .object({ id: z.string(), case_id: z.string(), learner: z.string(), attempt: z.coerce.number(), created_at: z.string() })
  .transform((r) => ServerSessionSchema.parse({ id: r.id, caseId: r.case_id, learner: r.learner, attempt: r.attempt, createdAt: r.created_at }));
const CountSchema = z.object({ n: z.coerce.number() });

const INSERT = "INSERT INTO dxsim_server_sessions (id, case_id, learner, attempt, created_at) VALUES ";
const rowValues = (r: ServerSession) => [r.id, r.caseId, r.learner, r.attempt, r.createdAt] as const;

/** Opens the storage a `--db` value names: a postgres:// URL, or a SQLite file path. */
export async function openServerStorage(db: string): Promise<ServerStorage> {
  return /^postgres(ql)?:\/\//i.test(db) ? openPostgres(db) : openSqlite(db);
}

function openSqlite(file: string): ServerStorage {
  mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file, { timeout: 5_000 });
  const checkpointer = new SqliteSaver(db);
  db.exec(TABLE);
  const catalogue: Catalogue = {
    insert: async (row) => void db.prepare(`${INSERT}(?, ?, ?, ?, ?)`).run(...rowValues(row)),
    get: async (id) => {
      const row = db.prepare("SELECT * FROM dxsim_server_sessions WHERE id = ?").get(id);
      return row === undefined ? undefined : RowSchema.parse(row);
    },
    list: async (learner) =>
      (learner === undefined
        ? db.prepare("SELECT * FROM dxsim_server_sessions ORDER BY created_at, id").all()
        : db.prepare("SELECT * FROM dxsim_server_sessions WHERE learner = ? ORDER BY created_at, id").all(learner)
      ).map((row) => RowSchema.parse(row)),
    attempts: async (learner, caseId) =>
      CountSchema.parse(db.prepare("SELECT COUNT(*) AS n FROM dxsim_server_sessions WHERE learner = ? AND case_id = ?").get(learner, caseId)).n,
  };
  return { checkpointer, catalogue, where: file, close: async () => checkpointer.close() };
}

async function openPostgres(url: string): Promise<ServerStorage> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const checkpointer = new PostgresSaver(pool);
  // Replicas starting together would race on the migrations: a session-level advisory lock
  // lets one of them set the tables up while the others wait.
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock(7731001)");
    try {
      await checkpointer.setup();
      await client.query(TABLE);
    } finally {
      await client.query("SELECT pg_advisory_unlock(7731001)");
    }
  } finally {
    client.release();
  }
  const catalogue: Catalogue = {
    insert: async (row) => void (await pool.query(`${INSERT}($1, $2, $3, $4, $5)`, [...rowValues(row)])),
    get: async (id) => {
      const { rows } = await pool.query("SELECT * FROM dxsim_server_sessions WHERE id = $1", [id]);
      return rows[0] === undefined ? undefined : RowSchema.parse(rows[0]);
    },
    list: async (learner) =>
      (learner === undefined
        ? await pool.query("SELECT * FROM dxsim_server_sessions ORDER BY created_at, id")
        : await pool.query("SELECT * FROM dxsim_server_sessions WHERE learner = $1 ORDER BY created_at, id", [learner])
      ).rows.map((row) => RowSchema.parse(row)),
    attempts: async (learner, caseId) =>
      CountSchema.parse((await pool.query("SELECT COUNT(*) AS n FROM dxsim_server_sessions WHERE learner = $1 AND case_id = $2", [learner, caseId])).rows[0]).n,
  };
  return { checkpointer, catalogue, where: withoutCredentials(url), close: async () => pool.end() };
}

/** A database URL as it may be shown: the password never. */
export function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    u.password = "";
    u.username = u.username ? u.username : "";
    return u.toString().replace(/:@/, "@");
  } catch {
    return "a database URL";
  }
}
