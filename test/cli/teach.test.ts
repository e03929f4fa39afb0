import { spawnSync } from "node:child_process";
import { Console } from "node:console";
import { EventEmitter } from "node:events";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { resume } from "../../cli/commands/resume.js";
import { playScripted } from "../../graph/scripted.js";
import { resumeTeach, teach } from "../../cli/commands/teach.js";
import { loadBundledCases } from "../../core/case-loader.js";
import { loadBundledKnowledge } from "../../cli/knowledge.js";
import { openSessionStore } from "../../sessions/store.js";
import type { TerminalStreams } from "../../tui/run.js";
import { pipeStreams } from "../support/streams.js";

const tempHome = () => mkdtempSync(join(tmpdir(), "dxsim-teach-"));

/** The built dxsim, with its sessions in `home` (a fresh one unless given). */
const run = (args: string[], home = tempHome()) =>
  spawnSync(process.execPath, ["dist/cli/main.js", ...args], {
    encoding: "utf8",
    env: { ...process.env, DXSIM_HOME: home },
    stdio: ["ignore", "pipe", "pipe"],
  });

// Ink routes the console around its frame with console.Console, which the test runner's console lacks.
(console as { Console?: typeof Console }).Console ??= Console;

const SCRIPT = "scenarios/scripts/anchoring-cp-02.yaml";
const knowledge = loadBundledKnowledge();
const tempDatabase = () => join(mkdtempSync(join(tmpdir(), "dxsim-teach-")), "sessions.sqlite");


/** A terminal in memory: keys go in through `type`, everything drawn is kept. */
function terminal() {
  let out = "";
  let err = "";
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true,
    pending: null as string | null,
    setEncoding: () => {},
    setRawMode: () => {},
    resume: () => {},
    pause: () => {},
    ref: () => {},
    unref: () => {},
    read(): string | null {
      const data = stdin.pending;
      stdin.pending = null;
      return data;
    },
  });
  // Ink waits on a write's callback before it says the screen has ended.
  const write = (t: string, done?: () => void) => ((out += t), done?.(), true);
  const stdout = Object.assign(new EventEmitter(), { isTTY: true, columns: 100, rows: 40, write });
  const stderr = { isTTY: true, write: (t: string) => ((err += t), true) };
  const type = (keys: string) => {
    stdin.pending = keys;
    stdin.emit("readable");
    stdin.emit("data", keys);
  };
  return { streams: { stdin, stdout, stderr } as unknown as TerminalStreams, type, out: () => out, err: () => err };
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("dxsim teach", () => {
  it("counts a retry as a new attempt and scores the learner's stated confidence over their sessions beside the panel's", () => {
    const home = tempHome();
    const dir = mkdtempSync(join(tmpdir(), "dxsim-confidence-"));
    const script = join(dir, "sure.yaml");
    writeFileSync(script, "case: cp-01\nrounds:\n  1: { diagnose: Non-ST-elevation myocardial infarction, confidence: 90 }\n");
    const first = run(["teach", "cp-01", "--script", script, "--learner", "Ana"], home);
    expect(first.status).toBe(0);
    // The debrief wraps at 110 columns: read it as one line.
    const debrief = first.stdout.replace(/\s+/g, " ");
    expect(debrief).toMatch(/- You: Non-ST-elevation myocardial infarction in round 1 \(correct.*? You said you were 90% sure \(the panel gave it \d+%\)/);
    expect(debrief).toMatch(/Your stated confidence: 0\.01 over 1 diagnosis\./);
    expect(debrief).toMatch(/- Points: \d+ of 100 \(judge's score 5\/5/);
    expect(debrief).toContain("- Harmful orders: none.");

    const second = run(["teach", "cp-01", "--script", script, "--learner", "Ana"], home);
    expect(second.status).toBe(0);
    const again = second.stdout.replace(/\s+/g, " ");
    expect(again).toContain("- You (attempt 2): ");
    expect(again).toMatch(/over your 2 judged sessions/);
    expect(again).toMatch(/Your stated confidence: 0\.01 over 2 diagnoses\./);
    // Another learner's sessions are theirs alone.
    const other = run(["teach", "cp-01", "--script", script, "--learner", "Ben"], home);
    expect(other.stdout).toContain("- You: ");
    expect(other.stdout.replace(/\s+/g, " ")).toMatch(/Your stated confidence: 0\.01 over 1 diagnosis\./);
  }, 120_000);

  it("plays a learner's script and prints a debrief that flags the premature closure", () => {
    const result = run(["teach", "cp-02", "--script", SCRIPT]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Debrief: ");
    expect(result.stdout).toContain("- You: Unstable angina (acute coronary syndrome) in round 3 (incorrect");
    // The staged coronary diagnosis never led the panel's differential, so it is premature closure, not anchoring.
    expect(result.stdout).toMatch(/^- Anchoring: none\./m);
    expect(result.stdout).toMatch(/^- Premature closure: in round 3 you named /m);
    expect(result.stderr).toMatch(/^session cp-02-/);
  });

  it("saves the learner's name with the session: the listing, the JSON export and the report name the learner", { timeout: 60_000 }, () => {
    const home = tempHome();
    const taught = run(["teach", "cp-02", "--script", SCRIPT, "--learner", "  Ana Lima "], home);
    expect(taught.status).toBe(0);
    const id = /^session (\S+) /.exec(taught.stderr)![1]!;

    const listed = run(["sessions"], home);
    expect(listed.stdout.split("\n").find((l) => l.startsWith(id))).toMatch(/ cp-02\s+teach \(Ana Lima\)\s+\d{4}-/);
    expect(JSON.parse(run(["export", id, "--format", "json"], home).stdout)).toMatchObject({ session: id, mode: "teach", learner: "Ana Lima" });

    const reported = run(["report", id], home);
    expect(reported.stderr).toBe("");
    expect(reported.stdout).toContain("by learner:\n");
    expect(reported.stdout).toMatch(/^\* Ana Lima +n {3}1 /m);
    expect(reported.stdout).not.toMatch(/\bfull\b/);
  });

  it("reports a teach session saved without a name as the learner of that session, not as a panel", { timeout: 60_000 }, () => {
    const home = tempHome();
    const id = /^session (\S+) /.exec(run(["teach", "cp-02", "--script", SCRIPT], home).stderr)![1]!;
    expect(JSON.parse(run(["export", id, "--format", "json"], home).stdout)).not.toHaveProperty("learner");
    const reported = run(["report", id], home);
    expect(reported.stdout).toMatch(new RegExp(`^\\* learner ${id} +n {3}1 `, "m"));
    expect(reported.stdout).not.toMatch(/\bfull\b/);
  });

  it("refuses a blank --learner, naming the flag, and saves nothing", () => {
    const home = tempHome();
    const result = run(["teach", "cp-02", "--script", SCRIPT, "--learner", "   "], home);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/option '--learner <name>' argument '   ' is invalid\. expected a learner's name that is not blank/);
    expect(result.stdout).toBe("");
    expect(existsSync(join(home, "sessions.sqlite"))).toBe(false);
    expect(run(["export", "any-id", "--learner", ""], home).stderr).toMatch(/option '--learner <name>' argument '' is invalid/);
  });

  it("says learner mode needs a terminal when there is none and no script", () => {
    const result = run(["teach", "cp-02"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("learner mode needs a terminal");
    expect(result.stdout).toBe("");
  });
});

describe("dxsim teach with a case file", () => {
  it("remembers where the case came from, so a resume reads the same file", async () => {
    const io = pipeStreams();
    const path = tempDatabase();
    expect(await teach("scenarios/cases/cp-02.yaml", { script: SCRIPT }, { streams: io.streams, knowledge, openStore: () => openSessionStore(path) })).toBe(0);
    const store = openSessionStore(path);
    try {
      const [saved] = await store.listSessions();
      expect(store.record(saved!.id)?.caseFile).toBe(resolve("scenarios/cases/cp-02.yaml"));
    } finally {
      store.close();
    }
  });

  it("says what is wrong with a broken case file", async () => {
    const io = pipeStreams();
    expect(await teach("test/fixtures/bad-cases/wrong-type.yaml", { script: SCRIPT }, { streams: io.streams, knowledge, openStore: () => openSessionStore(":memory:") })).toBe(1);
    expect(io.err()).toMatch(/^dxsim: cannot teach test\/fixtures\/bad-cases\/wrong-type\.yaml:\n\s+.*wrong-type\.yaml:\d+: presentation\.age: /);
  });
});

describe("dxsim teach --brain", () => {
  it("accepts the offline brain and saves the choice, and the learner, with the teach session", async () => {
    const io = pipeStreams();
    const path = tempDatabase();
    expect(await teach("cp-02", { brain: "offline", script: SCRIPT, learner: "Ana" }, { streams: io.streams, knowledge, openStore: () => openSessionStore(path) })).toBe(0);
    expect(io.out()).toContain("- You: Unstable angina (acute coronary syndrome) in round 3 (incorrect");
    const store = openSessionStore(path);
    try {
      const [saved] = await store.listSessions();
      expect(store.record(saved!.id)).toMatchObject({ caseId: "cp-02", mode: "teach", brain: { brain: "offline" }, learner: "Ana" });
    } finally {
      store.close();
    }
  });

  it("refuses a brain that does not exist, naming the ones that do, and saves nothing", async () => {
    const io = pipeStreams();
    const path = tempDatabase();
    expect(await teach("cp-02", { brain: "oracle9", script: SCRIPT }, { streams: io.streams, knowledge, openStore: () => openSessionStore(path) })).toBe(1);
    expect(io.err()).toBe('dxsim: the brain cannot be used: --brain: expected one of offline, azure, openai, compatible, got "oracle9"\n');
    expect(io.out()).toBe("");
    const store = openSessionStore(path);
    try {
      expect(await store.listSessions()).toEqual([]);
    } finally {
      store.close();
    }
  });

  it("gives the panel of the learner's session, and the panel's own run beside it, the brain asked for", async () => {
    const io = pipeStreams();
    const asked: unknown[] = [];
    const code = await teach("cp-02", { brain: "azure", script: SCRIPT }, {
      streams: io.streams,
      knowledge,
      openStore: () => openSessionStore(":memory:"),
      brains: async (c, _k, options) => (asked.push({ id: c.id, ...options }), {}),
    });
    expect(code).toBe(0);
    expect(asked).toEqual([
      { id: "cp-02", brain: "azure", variant: "full" },
      { id: "cp-02", brain: "azure", variant: "full" },
    ]);
  });
});

describe("resuming a teach session", () => {
  it("reopens learner mode at the saved round, waiting on the learner's move", async () => {
    const path = tempDatabase();
    const caseFile = loadBundledCases().cases.find((c) => c.case.id === "cp-01")!.case;
    const first = openSessionStore(path);
    let id: string;
    try {
      const session = first.createSession({ caseFile, knowledge, mode: "teach", brain: { brain: "offline" } });
      id = session.threadId;
      await session.start();
      const second = await session.decide({ kind: "replace", action: { kind: "order", tests: ["lipase"] } });
      expect(second.review?.round).toBe(2);
    } finally {
      first.close();
    }

    const store = openSessionStore(path);
    try {
      const opened = await store.reopenSession(id, { knowledge });
      const tty = terminal();
      const ended = resumeTeach(opened, store, {}, { streams: tty.streams, knowledge });
      await until(() => tty.out().includes("Round 2: your move."), "the learner's move at round 2");
      expect(tty.out()).toContain("round 2");
      expect(tty.out()).toMatch(/Lipase: Lipase \d+ U\/L/);
      expect(tty.out()).not.toContain("Proposal:");
      tty.type("\u0003");
      expect(await ended).toBe(0);
      expect(tty.out()).toContain(`Session ${id} saved (${path}). \`dxsim resume ${id}\` continues it.\n`);
      expect((await store.summary(id)).status).toBe("awaiting review");
    } finally {
      store.close();
    }
  });

  it("is what `dxsim resume` opens for a teach session: a judged fork's debrief sets it beside the original and the panel's own run", async () => {
    const home = mkdtempSync(join(tmpdir(), "dxsim-teach-"));
    vi.stubEnv("DXSIM_HOME", home);
    const caseFile = loadBundledCases().cases.find((c) => c.case.id === "cp-01")!.case;
    const store = openSessionStore(join(home, "sessions.sqlite"));
    let forkId: string;
    let originalId: string;
    try {
      const original = store.createSession({ caseFile, knowledge, mode: "teach" });
      originalId = original.threadId;
      await playScripted(original);
      const fork = await store.forkSession(originalId, 2, { knowledge });
      forkId = fork.record.id;
      await fork.session.decide({ kind: "diagnose", diagnosis: { name: "Acute pericarditis" } });
      await fork.session.decidePlan({ kind: "approve" });
    } finally {
      store.close();
    }
    try {
      const tty = terminal();
      const ended = resume(forkId, {}, { streams: tty.streams });
      await until(() => tty.out().includes("Two branches"), "the debrief with both branches");
      expect(tty.out()).toContain(`the original, ${originalId}`);
      expect(tty.out()).toContain("The panel on its own:");
      expect(tty.out()).toContain("Acute pericarditis");
      tty.type("\u0003");
      expect(await ended).toBe(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("says learner mode needs a terminal when there is none", async () => {
    const path = tempDatabase();
    const caseFile = loadBundledCases().cases.find((c) => c.case.id === "cp-01")!.case;
    const store = openSessionStore(path);
    try {
      const id = store.createSession({ caseFile, knowledge, mode: "teach" }).threadId;
      const io = pipeStreams();
      expect(await resumeTeach(await store.reopenSession(id, { knowledge }), store, {}, { streams: io.streams, knowledge })).toBe(2);
      expect(io.err()).toContain(`session ${id} is in learner mode, which needs a terminal`);
    } finally {
      store.close();
    }
  });
});
