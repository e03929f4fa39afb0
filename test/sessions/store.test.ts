import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, describe, expect, it } from "vitest";
import { loadCaseFile } from "../../core/case-loader.js";
import { bundledCasesDir } from "../../core/paths.js";
import { playScripted } from "../../graph/scripted.js";
import { type SessionStore, openSessionStore } from "../../sessions/store.js";
import { bundled, bundledCase } from "../graph/helpers.js";

const opened: SessionStore[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

const tempDb = () => join(mkdtempSync(join(tmpdir(), "dxsim-store-")), "sessions.sqlite");
const open = (path: string) => {
  const store = openSessionStore(path);
  opened.push(store);
  return store;
};
const knowledge = () => bundled().knowledge;
const at = new Date(2025, 2, 14, 9, 30, 5);

describe("the session catalogue", () => {
  it("names a session by its case, its starting second and a random suffix, never twice, even from two connections", () => {
    const path = tempDb();
    const [one, two] = [open(path), open(path)];
    const ids = Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).createSession({ caseFile: bundledCase("cp-01"), knowledge: knowledge(), mode: "play", now: at }).threadId);
    for (const id of ids) expect(id).toMatch(/^cp-01-20250314-093005-[a-z0-9]{4}$/);
    expect(new Set(ids).size).toBe(20);
  });

  it("lists a session as it goes: not started, awaiting the review of each round, finished with its verdict", async () => {
    const store = open(tempDb());
    const session = store.createSession({ caseFile: bundledCase("abd-01"), knowledge: knowledge(), mode: "teach", settings: { budgetUsd: 3000 }, now: at });
    expect(await store.listSessions()).toEqual([
      { id: session.threadId, caseId: "abd-01", mode: "teach", learner: null, started: at.toISOString(), updated: at.toISOString(), round: 1, status: "not started", verdict: null, parent: null },
    ]);
    await session.start();
    expect(await store.listSessions()).toMatchObject([{ round: 1, status: "awaiting review" }]);
    await session.decide({ kind: "approve" });
    expect(await store.listSessions()).toMatchObject([{ round: 2, status: "awaiting review" }]);
    const end = await playScripted(session);
    const [listed] = await store.listSessions();
    expect(listed).toMatchObject({ status: "finished", round: end.values.diagnosis!.round, verdict: { score: end.values.verdict!.score, correct: end.values.verdict!.correct } });
    expect(store.record(session.threadId)).toMatchObject({ caseId: "abd-01", caseFile: null, mode: "teach", brain: {}, settings: { budgetUsd: 3000 } });
  });

  it("keeps a teach session's learner, trimmed, in its record and its listing", async () => {
    const path = tempDb();
    const session = open(path).createSession({ caseFile: bundledCase("cp-01"), knowledge: knowledge(), mode: "teach", learner: "  Ana Lima ", now: at });
    const again = open(path);
    expect(again.record(session.threadId)).toMatchObject({ mode: "teach", learner: "Ana Lima" });
    expect(await again.summary(session.threadId)).toMatchObject({ mode: "teach", learner: "Ana Lima" });
    expect(() => again.createSession({ caseFile: bundledCase("cp-01"), knowledge: knowledge(), mode: "teach", learner: "   " })).toThrow();
  });

  it("reads a catalogue written before learners were named, and names learners in it from then on", async () => {
    const path = tempDb();
    const old = new DatabaseSync(path);
    old.exec(`CREATE TABLE sessions (id TEXT PRIMARY KEY, case_id TEXT NOT NULL, case_file TEXT, settings TEXT NOT NULL, brain TEXT NOT NULL,
      mode TEXT NOT NULL, parent_id TEXT, fork_round INTEGER, created_at TEXT NOT NULL)`);
    old.prepare("INSERT INTO sessions VALUES ('cp-01-old', 'cp-01', NULL, '{}', '{}', 'teach', NULL, NULL, ?)").run(at.toISOString());
    old.close();
    const store = open(path);
    expect(store.record("cp-01-old")).toMatchObject({ mode: "teach", learner: null });
    const named = store.createSession({ caseFile: bundledCase("cp-01"), knowledge: knowledge(), mode: "teach", learner: "Ben" });
    expect(open(path).record(named.threadId)?.learner).toBe("Ben");
  });

  it("lists the most recently active session first", async () => {
    const store = open(tempDb());
    const older = store.createSession({ caseFile: bundledCase("cp-01"), knowledge: knowledge(), mode: "play", now: new Date(2025, 0, 1) });
    const newer = store.createSession({ caseFile: bundledCase("dys-01"), knowledge: knowledge(), mode: "play", now: new Date(2025, 0, 2) });
    await newer.start();
    await older.start();
    expect((await store.listSessions()).map((s) => s.id)).toEqual([older.threadId, newer.threadId]);
  });
});

describe("reopening a saved session", () => {
  it("continues, from a fresh connection to the file, where the last one stopped: the same pending review, then the same ending as an unbroken run", async () => {
    const path = tempDb();
    const first = open(path);
    const session = first.createSession({ caseFile: bundledCase("cp-01"), knowledge: knowledge(), mode: "play" });
    await session.start();
    const round2 = await session.decide({ kind: "approve" });
    first.close();

    const again = await open(path).reopenSession(session.threadId, { knowledge: knowledge() });
    const status = await again.session.status();
    expect(status.review).toEqual(round2.review);
    expect(status.values.trail).toEqual(round2.values.trail);
    // start() on a saved thread raises the pending review again instead of starting over.
    const restarted = await again.session.start();
    expect(restarted.review).toEqual(round2.review);
    expect(restarted.values.debate).toHaveLength(round2.values.debate.length);

    const resumed = await playScripted(again.session);
    const unbroken = await playScripted(open(tempDb()).createSession({ caseFile: bundledCase("cp-01"), knowledge: knowledge(), mode: "play" }));
    expect(resumed.values.trail).toEqual(unbroken.values.trail);
    expect(resumed.values.verdict).toEqual(unbroken.values.verdict);
    expect(resumed.values.ledger).toEqual(unbroken.values.ledger);
  });

  it("keeps the case it began with, whatever becomes of the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dxsim-case-"));
    const file = join(dir, "mine.yaml");
    copyFileSync(join(bundledCasesDir, "cp-01.yaml"), file);
    writeFileSync(file, readFileSync(file, "utf8").replace(/^title: .*$/m, "title: My own copy of the chest pain case"));
    const store = open(tempDb());
    const session = store.createSession({ caseFile: loadCaseFile(file), caseFilePath: file, knowledge: knowledge(), mode: "play" });
    await session.start();
    expect((await store.reopenSession(session.threadId, { knowledge: knowledge() })).caseFile.title).toBe("My own copy of the chest pain case");
    rmSync(file);
    expect((await store.reopenSession(session.threadId, { knowledge: knowledge() })).caseFile.title).toBe("My own copy of the chest pain case");
  });

  it("says so when the session does not exist", async () => {
    await expect(open(tempDb()).reopenSession("cp-01-nope", { knowledge: knowledge() })).rejects.toThrow('no saved session "cp-01-nope"');
  });
});

describe("forking a session", () => {
  it("starts a new session at the review of a past round and leaves the original's history untouched", async () => {
    const store = open(tempDb());
    const original = store.createSession({ caseFile: bundledCase("cp-01"), knowledge: knowledge(), mode: "play", now: at });
    const first = await original.start();
    await original.decide({ kind: "approve" });
    const finished = await playScripted(original);
    const history = async () => {
      const ids: string[] = [];
      for await (const t of store.saver.list({ configurable: { thread_id: original.threadId } })) ids.push(t.checkpoint.id);
      return ids;
    };
    const before = await history();

    const fork = await store.forkSession(original.threadId, 1, { knowledge: knowledge(), now: new Date(2025, 2, 15) });
    const forked = await fork.session.status();
    expect(forked.review).toEqual(first.review);
    expect(forked.values.trail).toEqual([]);
    expect(forked.values.debate).toEqual(first.values.debate);
    expect(fork.record).toMatchObject({ parent: { id: original.threadId, round: 1 }, caseId: "cp-01", mode: "play", learner: null });

    // The fork goes its own way: the physician orders something else in round 1.
    const other = await fork.session.decide({ kind: "replace", action: { kind: "ask", questions: ["Does the pain change with breathing?"] } });
    expect(other.values.trail).toEqual([expect.objectContaining({ round: 1, decidedBy: "physician" })]);

    expect(await history()).toEqual(before);
    const reopened = await store.reopenSession(original.threadId, { knowledge: knowledge() });
    expect((await reopened.session.status()).values).toEqual(finished.values);
    const listed = await store.listSessions();
    expect(listed.find((s) => s.id === fork.record.id)).toMatchObject({ parent: { id: original.threadId, round: 1 }, status: "awaiting review", round: 2 });
    expect(listed.find((s) => s.id === original.threadId)).toMatchObject({ status: "finished" });
  });

  it("keeps the learner of a teach session in its fork", async () => {
    const path = tempDb();
    const store = open(path);
    const original = store.createSession({ caseFile: bundledCase("cp-01"), knowledge: knowledge(), mode: "teach", learner: "Ana" });
    await playScripted(original);
    const fork = await store.forkSession(original.threadId, 2, { knowledge: knowledge() });
    expect(open(path).record(fork.record.id)).toMatchObject({ mode: "teach", learner: "Ana", parent: { id: original.threadId, round: 2 } });
  });

  it("refuses a round the session never reached", async () => {
    const store = open(tempDb());
    const session = store.createSession({ caseFile: bundledCase("cp-01"), knowledge: knowledge(), mode: "play" });
    await session.start();
    await expect(store.forkSession(session.threadId, 4, { knowledge: knowledge() })).rejects.toThrow(/has no review of round 4: its rounds run from 1 to 1/);
    expect((await store.listSessions()).map((s) => s.id)).toEqual([session.threadId]);
  });
});
