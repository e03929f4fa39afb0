import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { exportSession } from "../../cli/commands/export.js";
import { resume } from "../../cli/commands/resume.js";
import { listSessions } from "../../cli/commands/sessions.js";
import type { CommandIo } from "../../cli/saved-sessions.js";
import { loadCaseFile } from "../../core/case-loader.js";
import { packageRoot } from "../../core/paths.js";
import { playScripted } from "../../graph/scripted.js";
import { openSessionStore } from "../../sessions/store.js";
import { bundled } from "../graph/helpers.js";
import { pipeStreams } from "../support/streams.js";

const CLI = join(packageRoot, "dist/cli/main.js");
let home = "";
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "dxsim-durable-"));
  vi.stubEnv("DXSIM_HOME", home);
});
afterEach(() => vi.unstubAllEnvs());

function captured(): CommandIo & { stdout: () => string; stderr: () => string } {
  let out = "";
  let err = "";
  return { out: (t) => void (out += t), err: (t) => void (err += t), stdout: () => out, stderr: () => err };
}

/** A case file of our own, played to its verdict in the test's DXSIM_HOME; gives the session id and the file. */
async function finishedFromFile(): Promise<{ id: string; file: string }> {
  const file = join(home, "my-case.yaml");
  writeFileSync(file, readFileSync(join(packageRoot, "scenarios/cases/cp-01.yaml"), "utf8"));
  const store = openSessionStore();
  try {
    const session = store.createSession({ caseFile: loadCaseFile(file), caseFilePath: file, knowledge: bundled().knowledge, mode: "play" });
    await playScripted(session);
    return { id: session.threadId, file };
  } finally {
    store.close();
  }
}

describe("a saved session keeps its case", () => {
  it("is judged against the case it began with after its file was edited and moved", async () => {
    const { id, file } = await finishedFromFile();
    writeFileSync(file, readFileSync(file, "utf8").replace("Non-ST-elevation myocardial infarction", "Something else entirely"));
    renameSync(file, join(home, "moved.yaml"));
    const store = openSessionStore();
    try {
      const { caseFile, record } = await store.reopenSession(id, { knowledge: bundled().knowledge });
      expect(caseFile.diagnosis.name).toBe("Non-ST-elevation myocardial infarction");
      expect(record.caseHash).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      store.close();
    }
    const io = captured();
    expect(await exportSession(id, { format: "md" }, io)).toBe(0);
    expect(io.stdout()).toContain("True diagnosis: Non-ST-elevation myocardial infarction");
  });
});

describe("commands that have nothing to do, or must not write", () => {
  it("resume of a finished session says so and exits 1", async () => {
    const { id } = await finishedFromFile();
    const { streams, err } = pipeStreams();
    expect(await resume(id, {}, { streams })).toBe(1);
    expect(err()).toContain(`session ${id} is already finished`);
  });

  it("export refuses to write over an existing file without --force, and never over the sessions database", async () => {
    const { id } = await finishedFromFile();
    const target = join(home, "out.md");
    writeFileSync(target, "keep me");
    const io = captured();
    expect(await exportSession(id, { format: "md", out: target }, io)).toBe(1);
    expect(io.stderr()).toContain("already exists; add --force");
    expect(readFileSync(target, "utf8")).toBe("keep me");
    expect(await exportSession(id, { format: "md", out: target, force: true }, captured())).toBe(0);
    expect(readFileSync(target, "utf8")).toContain("dxsim session");
    const db = join(home, "sessions.sqlite");
    const before = readFileSync(db);
    const again = captured();
    expect(await exportSession(id, { format: "md", out: db, force: true }, again)).toBe(1);
    expect(again.stderr()).toContain("is the sessions database");
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it("sessions skips a row it cannot read, names it, and lists the rest", async () => {
    const { id } = await finishedFromFile();
    const db = new DatabaseSync(join(home, "sessions.sqlite"));
    db.prepare("INSERT INTO sessions (id, case_id, case_file, settings, brain, mode, created_at) VALUES (?, ?, NULL, ?, ?, ?, ?)").run("broken-1", "cp-01", "{not json", "{}", "play", "2025-01-01T00:00:00Z");
    db.close();
    const io = captured();
    expect(await listSessions({}, io)).toBe(1);
    expect(io.stdout()).toContain(id);
    expect(io.stderr()).toMatch(/^warning: skipped session broken-1 cannot be read/);
  });
});

describe.skipIf(!existsSync(CLI))("dxsim run --out", () => {
  it("checks the path before the batch: an unwritable one costs no case", () => {
    const r = spawnSync(process.execPath, [CLI, "run", join(packageRoot, "scenarios/cases/cp-01.yaml"), "--out", join(home, "no-such-folder", "r.jsonl")], { encoding: "utf8", env: { ...process.env, DXSIM_HOME: home } });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: cannot write .*r\.jsonl \(ENOENT\)$/m);
    expect(r.stdout).not.toContain("cp-01");
  });
});
