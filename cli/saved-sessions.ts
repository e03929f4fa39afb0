import { existsSync } from "node:fs";
import type { Knowledge } from "../agents/view.js";
import { DataFileError, formatProblem } from "../core/data-file.js";
import { defaultDatabasePath } from "../graph/dxsim-home.js";
import { safeMessage } from "../llm/secrets.js";
import { SessionNotFoundError, type SessionStore, openSessionStore } from "../sessions/store.js";
import { loadBundledKnowledge } from "./knowledge.js";

/** Where the session commands write: text for the terminal, errors apart. */
export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processIo: CommandIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * Runs a command on the saved sessions: opens the store (refusing to create one just to read
 * it), loads the bundled knowledge and turns failures into an "error:" line and status 1.
 */
export async function withSessions(io: CommandIo, work: (store: SessionStore, knowledge: () => Knowledge) => Promise<number>): Promise<number> {
  const path = defaultDatabasePath();
  if (!existsSync(path)) {
    io.err(`error: no saved sessions yet (dxsim keeps them in ${path}; set DXSIM_HOME to look elsewhere)\n`);
    return 1;
  }
  let store: SessionStore | undefined;
  try {
    store = openSessionStore(path);
    let knowledge: Knowledge | undefined;
    return await work(store, () => (knowledge ??= loadBundledKnowledge()));
  } catch (e) {
    if (e instanceof SessionNotFoundError) {
      io.err(`error: ${e.message}: \`dxsim sessions\` lists the saved ones\n`);
    } else if (e instanceof DataFileError) {
      io.err(`error: the bundled knowledge base or catalog has problems:\n${e.problems.map((p) => `  ${formatProblem(p)}\n`).join("")}`);
    } else {
      io.err(`error: ${safeMessage(e)}\n`);
    }
    return 1;
  } finally {
    store?.close();
  }
}
