import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Command, type StateSnapshot } from "@langchain/langgraph";
import { type CheckpointMetadata, INTERRUPT, RESUME, emptyCheckpoint, uuid6 } from "@langchain/langgraph-checkpoint";
import { SqliteSaver } from "../../graph/sqlite-saver.js";
import { REVIEW_QUESTION, buildTriageGraph } from "./fixtures/triage-graph.js";

let folder: string;
let file: string;
const open: SqliteSaver[] = [];

function openSaver(): SqliteSaver {
  const saver = SqliteSaver.fromPath(file);
  open.push(saver);
  return saver;
}

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "dxsim-sessions-"));
  file = join(folder, "data", "dxsim", "sessions.sqlite");
});

afterEach(() => {
  for (const saver of open.splice(0)) saver.close();
  rmSync(folder, { recursive: true, force: true });
});

const thread = (threadId: string) => ({ configurable: { thread_id: threadId } });

async function history(graph: ReturnType<typeof buildTriageGraph>, threadId: string): Promise<StateSnapshot[]> {
  const snapshots: StateSnapshot[] = [];
  for await (const snapshot of graph.getStateHistory(thread(threadId))) snapshots.push(snapshot);
  return snapshots;
}

describe("SqliteSaver with a real graph", () => {
  it("resumes a session at its review from a new saver on the same file", async () => {
    const first = openSaver();
    const before = buildTriageGraph(first);
    await before.invoke({ complaint: "chest pain" }, thread("case-1"));
    const waiting = await before.getState(thread("case-1"));
    expect(waiting.next).toEqual(["review"]);
    expect(waiting.tasks.flatMap((task) => task.interrupts.map((i) => i.value))).toEqual([REVIEW_QUESTION]);
    first.close();

    const after = buildTriageGraph(openSaver());
    const final = await after.invoke(new Command({ resume: true }), thread("case-1"));
    expect(final).toEqual({
      complaint: "chest pain",
      log: ["panel proposes troponin", "physician approves"],
      approved: true,
    });

    const steps = await history(after, "case-1");
    expect(steps.map((s) => [s.metadata?.step, s.metadata?.source, s.next])).toEqual([
      [2, "loop", []],
      [1, "loop", ["review"]],
      [0, "loop", ["propose"]],
      [-1, "input", ["__start__"]],
    ]);
    expect(steps.map((s) => s.values.log)).toEqual([
      ["panel proposes troponin", "physician approves"],
      ["panel proposes troponin"],
      [],
      [],
    ]);
  });

  it("goes back to the review on a new branch and resumes it differently", async () => {
    const graph = buildTriageGraph(openSaver());
    await graph.invoke({ complaint: "chest pain" }, thread("case-2"));
    await graph.invoke(new Command({ resume: true }), thread("case-2"));
    const review = (await history(graph, "case-2")).find((s) => s.next.includes("review"));
    const fork = await graph.updateState(review!.config, {}, "propose");
    await graph.invoke(null, fork);
    const final = await graph.invoke(new Command({ resume: false }), thread("case-2"));
    expect(final.log).toEqual(["panel proposes troponin", "physician declines"]);
    expect((await buildTriageGraph(openSaver()).getState(thread("case-2"))).values.approved).toBe(false);
  });

  it("loses no step when the process running the session is killed", async () => {
    const child = spawnSync(
      process.execPath,
      // Type stripping is on by default only from Node 22.18; the flag is harmless after.
      [
        "--experimental-strip-types",
        fileURLToPath(new URL("./fixtures/killed-session.ts", import.meta.url)),
        file,
        "case-killed",
      ],
      { encoding: "utf8" },
    );
    expect(child.signal, child.stderr).toBe("SIGKILL");
    expect(existsSync(`${file}-wal`)).toBe(true);

    const graph = buildTriageGraph(openSaver());
    expect((await graph.getState(thread("case-killed"))).next).toEqual(["review"]);
    const final = await graph.invoke(new Command({ resume: false }), thread("case-killed"));
    expect(final).toEqual({
      complaint: "chest pain",
      log: ["panel proposes troponin", "physician declines"],
      approved: false,
    });
  });
});

describe("SqliteSaver storage", () => {
  it("creates the database's parent folders and keeps it in WAL mode", () => {
    openSaver();
    const raw = new DatabaseSync(file);
    expect(raw.prepare("PRAGMA journal_mode").get()).toEqual({ journal_mode: "wal" });
    raw.close();
  });

  it("refuses a database written with a newer schema", () => {
    openSaver().close();
    const raw = new DatabaseSync(file);
    raw.exec("PRAGMA user_version = 99");
    raw.close();
    expect(() => openSaver()).toThrow(/uses schema 99, newer than this dxsim reads \(1\)/);
  });

  it("returns pending writes in the order live execution applies them", async () => {
    const saver = openSaver();
    const config = await saver.put(thread("t"), emptyCheckpoint(), { source: "loop", step: 0, parents: {} }, {});
    await saver.putWrites(config, [["log", "second task"]], "task-b", "~__pregel_pull, 0000000002");
    await saver.putWrites(config, [["log", "first task, 1"], ["log", "first task, 2"]], "task-z", "~__pregel_pull, 0000000001");
    await saver.putWrites(config, [["complaint", "input"]], "task-a");
    expect((await saver.getTuple(config))?.pendingWrites).toEqual([
      ["task-a", "complaint", "input"],
      ["task-z", "log", "first task, 1"],
      ["task-z", "log", "first task, 2"],
      ["task-b", "log", "second task"],
    ]);
  });

  it("lets a resume replace a task's interrupt but never overwrites a regular write", async () => {
    const saver = openSaver();
    const config = await saver.put(thread("t"), emptyCheckpoint(), { source: "loop", step: 0, parents: {} }, {});
    await saver.putWrites(config, [["log", "first"]], "review");
    await saver.putWrites(config, [["log", "rerun"]], "review");
    await saver.putWrites(config, [[INTERRUPT, "asked"]], "review");
    await saver.putWrites(config, [[INTERRUPT, "asked again"]], "review");
    await saver.putWrites(config, [[RESUME, true]], "review");
    // Special writes sit at fixed negative indices: RESUME -4, INTERRUPT -3.
    expect((await saver.getTuple(config))?.pendingWrites).toEqual([
      ["review", RESUME, true],
      ["review", INTERRUPT, "asked again"],
      ["review", "log", "first"],
    ]);
  });

  it("filters listed checkpoints on an exact metadata key, dots included", async () => {
    const saver = openSaver();
    type RoundMetadata = CheckpointMetadata<{ "dxsim.round": number }>;
    const opening: RoundMetadata = { source: "input", step: -1, parents: {}, "dxsim.round": 1 };
    const next: RoundMetadata = { source: "loop", step: 0, parents: {}, "dxsim.round": 2 };
    const config = await saver.put(thread("t"), { ...emptyCheckpoint(), id: uuid6(0) }, opening, {});
    await saver.put(config, { ...emptyCheckpoint(), id: uuid6(1) }, next, {});
    const steps = async (filter: Record<string, unknown>) => {
      const found: unknown[] = [];
      for await (const tuple of saver.list(thread("t"), { filter })) found.push(tuple.metadata?.step);
      return found;
    };
    expect(await steps({ "dxsim.round": 2 })).toEqual([0]);
    expect(await steps({ source: "input" })).toEqual([-1]);
    expect(await steps({ source: "input", "dxsim.round": 2 })).toEqual([]);
  });
});

describe("SqliteSaver.listThreads", () => {
  it("lists saved sessions, most recently updated first, with their latest metadata", async () => {
    const saver = openSaver();
    const graph = buildTriageGraph(saver);
    await graph.invoke({ complaint: "chest pain" }, thread("older"));
    await graph.invoke({ complaint: "fever" }, thread("newer"));
    await graph.invoke(new Command({ resume: true }), thread("older"));

    const threads = await saver.listThreads();
    expect(threads.map((t) => [t.threadId, t.latestMetadata.step, t.latestMetadata.source])).toEqual([
      ["older", 2, "loop"],
      ["newer", 1, "loop"],
    ]);
    const older = threads[0]!;
    const latest = await saver.getTuple(thread("older"));
    expect(older.latestCheckpointId).toBe(latest?.checkpoint.id);
    expect(older.updatedAt).toBe(latest?.checkpoint.ts);
    const snapshots = await history(graph, "older");
    expect(older.createdAt).toBe(snapshots.at(-1)?.createdAt);
    expect(Date.parse(older.createdAt)).toBeLessThanOrEqual(Date.parse(older.updatedAt));
  });

  it("forgets a deleted session", async () => {
    const saver = openSaver();
    const graph = buildTriageGraph(saver);
    await graph.invoke({ complaint: "chest pain" }, thread("kept"));
    await graph.invoke({ complaint: "fever" }, thread("dropped"));
    await saver.deleteThread("dropped");
    expect((await saver.listThreads()).map((t) => t.threadId)).toEqual(["kept"]);
    expect(await saver.getTuple(thread("dropped"))).toBeUndefined();
  });
});
