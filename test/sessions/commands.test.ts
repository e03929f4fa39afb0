import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { exportSession } from "../../cli/commands/export.js";
import { exportTraces } from "../../cli/commands/export-traces.js";
import { forkSession } from "../../cli/commands/fork.js";
import { play } from "../../cli/commands/play.js";
import { processIo as processReportIo, report } from "../../cli/commands/report.js";
import { resume } from "../../cli/commands/resume.js";
import { listSessions } from "../../cli/commands/sessions.js";
import type { CommandIo } from "../../cli/saved-sessions.js";
import { playScripted } from "../../graph/scripted.js";
import type { DiagnosticSession } from "../../graph/session.js";
import { loadReportInputs } from "../../reports/load.js";
import { SessionExportSchema } from "../../sessions/export.js";
import { type NewSession, openSessionStore } from "../../sessions/store.js";
import { OverrideTraceSchema } from "../../sessions/traces.js";
import { bundled, bundledCase } from "../graph/helpers.js";
import { pipeStreams } from "../support/streams.js";

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "dxsim-home-"));
  vi.stubEnv("DXSIM_HOME", home);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

function captured(): CommandIo & { stdout: () => string; stderr: () => string } {
  let out = "";
  let err = "";
  return { out: (t) => void (out += t), err: (t) => void (err += t), stdout: () => out, stderr: () => err };
}


/** Runs `work` on a session saved in the temporary DXSIM_HOME (played at the console unless told), and gives its id. */
async function saved(caseId: string, work: (s: DiagnosticSession) => Promise<unknown>, as: Pick<NewSession, "mode" | "learner"> = { mode: "play" }): Promise<string> {
  const store = openSessionStore();
  try {
    const session = store.createSession({ caseFile: bundledCase(caseId), knowledge: bundled().knowledge, ...as });
    await work(session);
    return session.threadId;
  } finally {
    store.close();
  }
}

/** `dxsim report` on saved sessions: its text, and the names of its groups (learners or variants), sorted. */
async function reported(ids: string[]): Promise<{ text: string; groups: string[] }> {
  const io = { ...processReportIo, ...captured() };
  expect(await report(ids, { title: "t" }, io)).toBe(0);
  expect(io.stderr()).toBe("");
  const text = io.stdout();
  // The group lines run from "by learner:" (or variant) to the frontier's footnote; a name ends at the two spaces before "n".
  const lines = text.split(/^by (?:learner|variant).*:$/m)[1]!.split("\n").filter((l) => l.trim() !== "").slice(0, -1);
  return { text, groups: lines.map((l) => l.slice(2).split(/\s{2,}/)[0]!).sort() };
}

const OFF_CASE_QUESTION = "Do you play a musical instrument?";

/** Round 1: the physician asks something else than the panel; round 2: diagnoses on their own. */
async function overridden(session: DiagnosticSession) {
  await session.start();
  await session.decide({ kind: "replace", action: { kind: "ask", questions: [OFF_CASE_QUESTION, "Is the pain worse when lying flat? key sk-live1234567890abcdef"] } });
  await session.decide({ kind: "diagnose", diagnosis: { name: "Acute pericarditis" } });
  return session.decidePlan({ kind: "approve" });
}

describe("dxsim sessions", () => {
  it("lists each saved session with its case, start, round and status, as a table or JSON", async () => {
    const waiting = await saved("cp-01", (s) => s.start());
    const done = await saved("abd-01", (s) => playScripted(s));
    const io = captured();
    expect(await listSessions({}, io)).toBe(0);
    const [header, ...rows] = io.stdout().trimEnd().split("\n");
    expect(header).toMatch(/^ID\s+CASE\s+MODE\s+STARTED\s+ROUND\s+STATUS$/);
    expect(rows.find((r) => r.startsWith(waiting))).toMatch(/cp-01\s+play\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+1\s+awaiting review$/);
    expect(rows.find((r) => r.startsWith(done))).toMatch(/abd-01\s+play\s+.*\s+finished, 5\/5 correct$/);

    const json = captured();
    await listSessions({ json: true }, json);
    expect((JSON.parse(json.stdout()) as { id: string; status: string }[]).map((s) => [s.id, s.status]).sort()).toEqual(
      [
        [waiting, "awaiting review"],
        [done, "finished"],
      ].sort(),
    );
  });

  it("shows a teach session's learner beside its mode, the columns still aligned", async () => {
    const named = await saved("cp-01", (s) => s.start(), { mode: "teach", learner: "Ana Lima" });
    const unnamed = await saved("abd-01", (s) => s.start(), { mode: "teach" });
    const played = await saved("dys-01", (s) => s.start());
    const io = captured();
    expect(await listSessions({}, io)).toBe(0);
    const [header, ...rows] = io.stdout().trimEnd().split("\n");
    const row = (id: string) => rows.find((r) => r.startsWith(id))!;
    expect(row(named)).toMatch(/ cp-01\s+teach \(Ana Lima\)\s+\d{4}-/);
    expect(row(unnamed)).toMatch(/ abd-01\s+teach\s+\d{4}-/);
    expect(row(played)).toMatch(/ dys-01\s+play\s+\d{4}-/);
    for (const column of ["MODE", "STARTED", "ROUND", "STATUS"]) {
      const at = header!.indexOf(column);
      for (const r of rows) expect(r.slice(at - 2, at), `${column} in "${r}"`).toBe("  ");
      for (const r of rows) expect(r[at], `${column} in "${r}"`).not.toBe(" ");
    }

    const json = captured();
    await listSessions({ json: true }, json);
    const learners = Object.fromEntries((JSON.parse(json.stdout()) as { id: string; learner: string | null }[]).map((s) => [s.id, s.learner]));
    expect(learners).toEqual({ [named]: "Ana Lima", [unnamed]: null, [played]: null });
  });

  it("lists nothing, successfully, when nothing was ever saved", async () => {
    const io = captured();
    expect(await listSessions({}, io)).toBe(0);
    expect(io.stdout()).toBe("No saved sessions.\n");
    const json = captured();
    expect(await listSessions({ json: true }, json)).toBe(0);
    expect(JSON.parse(json.stdout())).toEqual([]);
  });
});

describe("dxsim play --stop-after and dxsim resume without a terminal", () => {
  it("plays the given number of rounds, keeps the session, and resume carries on from there to the verdict", async () => {
    const first = pipeStreams();
    // A case the panel works up over more than four rounds, so each stop lands before the verdict.
    expect(await play("cp-05", { stopAfter: 2 }, { streams: first.streams })).toBe(0);
    const io = captured();
    await listSessions({ json: true }, io);
    const [session] = JSON.parse(io.stdout()) as { id: string; round: number; status: string }[];
    expect(session).toMatchObject({ round: 3, status: "awaiting review" });
    expect(first.out()).toContain("dxsim played up to 2 rounds of case cp-05 on its own");
    expect(first.err()).toContain(`Session ${session!.id} waits on the review of round 3; \`dxsim resume ${session!.id}\` continues it.`);

    const step = pipeStreams();
    expect(await resume(session!.id, { stopAfter: 1 }, { streams: step.streams })).toBe(0);
    expect(step.err()).toContain(`waits on the review of round 4`);

    const rest = pipeStreams();
    expect(await resume(session!.id, {}, { streams: rest.streams })).toBe(0);
    expect(rest.err()).toBe("");
    expect(rest.out()).toMatch(/Verdict: \d\/5/);
    const exported = captured();
    await exportSession(session!.id, { format: "json" }, exported);
    const rounds = SessionExportSchema.parse(JSON.parse(exported.stdout())).trail.map((t) => t.round);
    expect(rounds).toEqual(rounds.map((_, i) => i + 1));

    // Nothing is left to run: resume says so and exits 1 rather than pretending to continue.
    const again = pipeStreams();
    expect(await resume(session!.id, {}, { streams: again.streams })).toBe(1);
    expect(again.err()).toContain(`session ${session!.id} is already finished`);
  });
});

describe("dxsim export", () => {
  it("writes the Markdown transcript with the physician's overrides", async () => {
    const id = await saved("cp-01", overridden);
    const io = captured();
    expect(await exportSession(id, { format: "md" }, io)).toBe(0);
    const md = io.stdout();
    expect(md).toMatch(/^# dxsim session: /);
    expect(md).toContain(`- Session ${id}`);
    expect(md).toContain(`Physician override (the panel proposed to order`);
    expect(md).toContain(`Q: ${OFF_CASE_QUESTION}`);
  });

  it("writes a JSON record that `dxsim report` reads as a learner's export, with the gatekeeper's synthetic replies flagged", async () => {
    const id = await saved("cp-01", overridden);
    const file = join(home, "ana.json");
    const io = captured();
    expect(await exportSession(id, { format: "json", out: file, learner: "Ana" }, io)).toBe(0);
    expect(io.stderr()).toBe(`session ${id} written to ${file}\n`);
    const record = SessionExportSchema.parse(JSON.parse(readFileSync(file, "utf8")));
    expect(record).toMatchObject({ session: id, mode: "play", learner: "Ana", caseId: "cp-01", decidedBy: "physician", diagnosis: { name: "Acute pericarditis" } });
    expect(record.gatekeeperLog.find((g) => g.request === OFF_CASE_QUESTION)).toMatchObject({ round: 1, kind: "answer", synthetic: true });

    const { entries, problems } = loadReportInputs([file]);
    expect(problems).toEqual([]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ learner: "Ana", result: { caseId: "cp-01", score: record.score } });
  });

  it("writes the learner saved with a teach session, unless --learner names another", async () => {
    const id = await saved("cp-01", overridden, { mode: "teach", learner: "Ana" });
    const byDefault = captured();
    expect(await exportSession(id, { format: "json" }, byDefault)).toBe(0);
    expect(SessionExportSchema.parse(JSON.parse(byDefault.stdout()))).toMatchObject({ session: id, mode: "teach", learner: "Ana" });
    const renamed = captured();
    expect(await exportSession(id, { format: "json", learner: "Bea" }, renamed)).toBe(0);
    expect(SessionExportSchema.parse(JSON.parse(renamed.stdout()))).toMatchObject({ session: id, learner: "Bea" });

    // Unnamed, the record has no learner, yet a report still takes it for a learner's, by its session.
    const unnamed = await saved("cp-01", overridden, { mode: "teach" });
    const file = join(home, "unnamed.json");
    expect(await exportSession(unnamed, { format: "json", out: file }, captured())).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8"))).not.toHaveProperty("learner");
    expect(loadReportInputs([file]).entries).toMatchObject([{ learner: `learner ${unnamed}`, result: { caseId: "cp-01", variant: "full" } }]);
  });

  it("reports teach sessions named by id under their learner, an unnamed one under its session, never as a panel variant", async () => {
    const ana = await saved("cp-01", overridden, { mode: "teach", learner: "Ana" });
    const unnamed = await saved("abd-01", (s) => playScripted(s), { mode: "teach" });
    const panel = await saved("abd-01", (s) => playScripted(s));
    const learners = await reported([ana, unnamed]);
    expect(learners.text).toContain("by learner:\n");
    expect(learners.groups).toEqual(["Ana", `learner ${unnamed}`].sort());
    const mixed = await reported([ana, unnamed, panel]);
    expect(mixed.text).toContain("by learner or variant:\n");
    expect(mixed.groups).toEqual(["Ana", `learner ${unnamed}`, "panel full"].sort());
  });

  it("reports saved sessions named by id, and says why an unfinished one is left out", async () => {
    const done = await saved("cp-01", overridden);
    const waiting = await saved("abd-01", (s) => s.start());
    const out: string[] = [];
    const err: string[] = [];
    const io = { ...processReportIo, out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) };
    expect(await report([done, waiting], { title: "t" }, io)).toBe(1);
    expect(out.join("")).toMatch(/^cases 1 {2}accuracy 0\.0%/);
    expect(err.join("")).toBe(`error: ${waiting}: session ${waiting} has no verdict yet, so it has no results record: finish it with \`dxsim resume ${waiting}\`, or export it as md or html\n`);
  });

  it("refuses a JSON record before the verdict, and says how to finish", async () => {
    const id = await saved("cp-01", (s) => s.start());
    const io = captured();
    expect(await exportSession(id, { format: "json" }, io)).toBe(1);
    expect(io.stderr()).toContain(`session ${id} has no verdict yet, so it has no results record: finish it with \`dxsim resume ${id}\``);
  });

  it("writes a self-contained HTML page with the case's text escaped", async () => {
    const id = await saved("cp-01", async (s) => {
      await s.start();
      return s.decide({ kind: "replace", action: { kind: "ask", questions: ["Any <script>alert(1)</script> history?"] } });
    });
    const io = captured();
    expect(await exportSession(id, { format: "html" }, io)).toBe(0);
    const html = io.stdout();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<(script|link|img)\b/);
    expect(html).toContain("Any &lt;script&gt;alert(1)&lt;/script&gt; history?");
    expect(html).toContain(`<title>dxsim session ${id}</title>`);
    expect(html).toMatch(/<h2>Round 1<\/h2>/);
    expect(html).toMatch(/<thead><tr><th>Diagnosis<\/th><th class="num">Probability<\/th><\/tr><\/thead>/);
    expect(html).toContain('<p class="notice">For education and research; not a medical device.</p>');
  });
});

describe("dxsim fork", () => {
  it("prints the new session, which waits on the review of the chosen round", async () => {
    const id = await saved("cp-01", (s) => playScripted(s));
    const io = captured();
    expect(await forkSession(id, { round: 2 }, io)).toBe(0);
    const forkId = io.stdout().trim();
    expect(io.stderr()).toBe(`Forked session ${forkId} from ${id} at the review of round 2; \`dxsim resume ${forkId}\` continues it.\n`);
    const list = captured();
    await listSessions({ json: true }, list);
    const sessions = JSON.parse(list.stdout()) as { id: string; round: number; status: string; parent: unknown }[];
    expect(sessions.find((s) => s.id === forkId)).toMatchObject({ round: 2, status: "awaiting review", parent: { id, round: 2 } });
    expect(sessions.find((s) => s.id === id)).toMatchObject({ status: "finished", parent: null });
  });
});

describe("a teach session's learner through fork and resume", () => {
  it("stays with the fork, is there once resume has finished it, and names it in the export and the report", async () => {
    const id = await saved("cp-01", (s) => playScripted(s), { mode: "teach", learner: "Ana" });
    const forked = captured();
    expect(await forkSession(id, { round: 2 }, forked)).toBe(0);
    const forkId = forked.stdout().trim();
    const list = captured();
    await listSessions({}, list);
    expect(list.stdout().split("\n").find((r) => r.startsWith(forkId))).toMatch(/ teach \(Ana\) /);

    const resumed = pipeStreams();
    expect(await resume(forkId, { stopAfter: 20 }, { streams: resumed.streams })).toBe(0);
    expect(resumed.out()).toMatch(/Verdict: \d\/5/);
    const exported = captured();
    expect(await exportSession(forkId, { format: "json" }, exported)).toBe(0);
    expect(SessionExportSchema.parse(JSON.parse(exported.stdout()))).toMatchObject({ session: forkId, mode: "teach", learner: "Ana", forkedFrom: { session: id, round: 2 } });
    expect((await reported([forkId])).groups).toEqual(["Ana"]);
  });
});

describe("dxsim export-traces", () => {
  it("writes each physician override with what was visible then and how the case turned out, keys redacted", async () => {
    const caseFile = bundledCase("cp-01");
    const id = await saved("cp-01", overridden);
    await saved("abd-01", (s) => playScripted(s));
    const io = captured();
    expect(await exportTraces({}, io)).toBe(0);
    expect(io.stderr()).toBe("2 overrides from 1 session\n");
    const text = io.stdout();
    expect(text).not.toContain("sk-live1234567890abcdef");
    const [asked, diagnosed, ...rest] = text.trimEnd().split("\n").map((l) => OverrideTraceSchema.parse(JSON.parse(l)));
    expect(rest).toEqual([]);

    expect(asked).toMatchObject({ session: id, caseId: "cp-01", mode: "play", round: 1, kind: "action", action: { kind: "ask" }, proposal: { kind: "order" } });
    expect(asked!.context.visible.presentation).toEqual(caseFile.presentation);
    expect(asked!.context.reveals).toEqual([]);
    expect(asked!.context.ledger).toEqual({ entries: [], totalUsd: 0 });
    expect(asked!.context.differential?.length).toBeGreaterThan(1);
    expect(asked!.outcome.revealed.map((r) => r.reveal.request)).toEqual([OFF_CASE_QUESTION, "Is the pain worse when lying flat? key [redacted]"]);
    expect(asked!.outcome).toMatchObject({ finished: true, diagnosis: { name: "Acute pericarditis" }, diagnosedBy: "physician" });
    expect(asked!.outcome.verdict?.score).toBeLessThan(4);

    expect(diagnosed).toMatchObject({ round: 2, kind: "diagnosis", action: { kind: "diagnose", diagnosis: { name: "Acute pericarditis" } } });
    expect(diagnosed!.context.reveals.map((r) => r.round)).toEqual([1, 1]);
    expect(diagnosed!.context.ledger.totalUsd).toBe(300);

    // Nothing of the hidden case but what was revealed: no unrequested finding, no key test's result.
    const revealedText = new Set(asked!.outcome.revealed.map((r) => r.reveal.text));
    for (const f of caseFile.findings) if (!revealedText.has(f.text)) expect(text).not.toContain(f.text);
    for (const t of Object.values(caseFile.tests)) expect(text).not.toContain(t.text);
  });
});
