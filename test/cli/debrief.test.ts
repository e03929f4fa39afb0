import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { printDebrief } from "../../cli/commands/debrief.js";
import { commands } from "../../cli/commands/index.js";
import type { CommandIo } from "../../cli/saved-sessions.js";
import { ledgerTotal } from "../../core/ledger.js";
import { playScripted } from "../../graph/scripted.js";
import type { SessionValues } from "../../graph/state.js";
import { openSessionStore } from "../../sessions/store.js";
import { bundled, bundledCase } from "../graph/helpers.js";

function captured(): CommandIo & { stdout: () => string; stderr: () => string } {
  let out = "";
  let err = "";
  return { out: (t) => void (out += t), err: (t) => void (err += t), stdout: () => out, stderr: () => err };
}

const usd = (values: SessionValues) => `$${ledgerTotal(values.ledger).toFixed(2)}`;
const testNames = (values: SessionValues, round: number) => {
  const action = values.trail.find((t) => t.round === round)!.action;
  return action.kind === "order" ? action.tests.map((id) => bundled().knowledge.catalog.byId.get(id)!.name) : [];
};
/** A Markdown table row's cells. */
const cellsOf = (row: string) => row.slice(2, -2).split(" | ");
/** A cell's action without its items' labels ("Cardiac troponin \[critical\]"). */
const unlabelled = (cell: string) => cell.replace(/ \\\[\w+\\\]/g, "");
/** The Markdown table rows of one section. */
const rowsOf = (md: string, heading: string) =>
  md
    .split(`## ${heading}\n`)[1]!
    .split("\n## ")[0]!
    .split("\n")
    .filter((l) => /^\| \d/.test(l));

let home: string;
/** cp-01 played by the panel to its verdict. */
let original: { id: string; values: SessionValues };
/** Forked from it at round 2, where the physician names pericarditis at once. */
let fork: { id: string; values: SessionValues };

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), "dxsim-home-"));
  vi.stubEnv("DXSIM_HOME", home);
  const { knowledge } = bundled();
  const store = openSessionStore();
  try {
    const session = store.createSession({ caseFile: bundledCase("cp-01"), knowledge, mode: "teach" });
    original = { id: session.threadId, values: (await playScripted(session)).values };
    const forked = await store.forkSession(session.threadId, 2, { knowledge });
    fork = { id: forked.record.id, values: (await playScripted(forked.session, { case: "cp-01", rounds: { "2": { diagnose: "Acute pericarditis" } } })).values };
  } finally {
    store.close();
  }
});
afterAll(() => {
  vi.unstubAllEnvs();
});

/** How a debrief states a session's verdict: the score and the judge's reason line. */
const judged = (values: { verdict: { score: number; reason: string } | null }) => `judge's score ${values.verdict!.score}/5: ${values.verdict!.reason.replace(/\.$/, "")}`;

describe("dxsim debrief", () => {
  it("compares a fork with the session it was forked from, beside the panel on its own", async () => {
    expect(original.values.verdict).toMatchObject({ correct: true });
    // A review at round 2 to fork from: the panel's path has a second round.
    expect(original.values.trail.length).toBeGreaterThanOrEqual(2);
    const io = captured();
    expect(await printDebrief(fork.id, { format: "md" }, io)).toBe(0);
    expect(io.stderr()).toBe("");
    const md = io.stdout();
    const rounds = original.values.trail.length;
    expect(md).toMatch(/^# Debrief: .* \(cp-01\)\n/);
    // Each outcome carries the judge's reason line.
    expect(md).toContain(`- **You:** Acute pericarditis in round 2 (incorrect, ${judged(fork.values)}); spent ${usd(fork.values)}.`);
    expect(md).toContain(
      `- **The other branch:** the original, ${original.id}, round 1 shared, parted at round 2: Non-ST-elevation myocardial infarction in round ${rounds} (correct, ${judged(original.values)}); spent ${usd(original.values)}.`,
    );
    expect(md).toMatch(/- \*\*The panel on its own:\*\* Non-ST-elevation myocardial infarction in round \d/);

    const rows = rowsOf(md, "Two branches");
    expect(rows).toHaveLength(rounds);
    const [shared, second] = rows.map(cellsOf) as [string[], string[]];
    expect([shared[0], shared[2], shared[3], shared[4]]).toEqual(["1 (shared)", "shared", usd(fork.values), usd(fork.values)]);
    expect(unlabelled(shared[1]!)).toBe(`order: ${testNames(original.values, 1).join("; ")}`);
    expect(shared[5]).toBe(shared[6]);
    // The other branch's own round 2, whatever the panel did there.
    const theirs = original.values.trail[1]!.action;
    const theirRound2 = theirs.kind === "order" ? `order: ${testNames(original.values, 2).join("; ")}` : theirs.kind === "diagnose" ? `diagnose: ${theirs.diagnosis.name}` : unlabelled(second[2]!);
    expect([second[0], second[1], unlabelled(second[2]!)]).toEqual(["2", "diagnose: Acute pericarditis", theirRound2]);
    // Past round 2 only the other branch goes on; when it closed at round 2, that row is the one above.
    if (rounds > 2) expect(cellsOf(rows.at(-1)!)).toEqual([String(rounds), "", "diagnose: Non-ST-elevation myocardial infarction", "", usd(original.values), "", expect.stringMatching(/^Non-ST-elevation myocardial infarction \d+% \(truth \d+%\)$/)]);
    expect(md).toContain("**Flags for the other branch**");
    expect(md).toMatch(/## Flags\n\n- \*\*Anchoring:\*\* you named Acute pericarditis/);
  });

  it("compares the original with a fork named by --against, written as text to a file", async () => {
    const file = join(home, "debrief.txt");
    const io = captured();
    expect(await printDebrief(original.id, { against: fork.id, format: "text", out: file }, io)).toBe(0);
    expect(io.stdout()).toBe("");
    expect(io.stderr()).toBe(`debrief of session ${original.id} written to ${file}\n`);
    const text = readFileSync(file, "utf8");
    expect(text).not.toContain("**");
    expect(text.replace(/\s+/g, " ")).toContain(`- The other branch: the fork ${fork.id}, round 1 shared, parted at round 2: Acute pericarditis in round 2 (incorrect, ${judged(fork.values)})`);
    expect(text).toContain("Two branches\n------------");
    expect(text).toMatch(/^1 \(shared\)\s+order:/m);
  });

  it("shares no round with an unrelated session of the same case", async () => {
    const store = openSessionStore();
    let other: string;
    try {
      const session = store.createSession({ caseFile: bundledCase("cp-01"), knowledge: bundled().knowledge, mode: "play" });
      await playScripted(session, { case: "cp-01", rounds: { "1": { diagnose: "Stable angina" } } });
      other = session.threadId;
    } finally {
      store.close();
    }
    const io = captured();
    expect(await printDebrief(fork.id, { against: other, format: "md" }, io)).toBe(0);
    expect(io.stdout()).toContain(`- **The other branch:** session ${other}, no round shared: Stable angina in round 1 (incorrect, judge's score `);
    const rows = rowsOf(io.stdout(), "Two branches");
    expect(rows.map((r) => r.split(" | ")[0])).toEqual(["| 1", "| 2"]);
    expect(rows[0]).toContain(" | diagnose: Stable angina | ");
  });

  it("refuses a session without a verdict, and --against a session of another case", async () => {
    const store = openSessionStore();
    let waiting: string;
    let otherCase: string;
    try {
      const a = store.createSession({ caseFile: bundledCase("cp-01"), knowledge: bundled().knowledge, mode: "teach" });
      await a.start();
      waiting = a.threadId;
      const b = store.createSession({ caseFile: bundledCase("abd-01"), knowledge: bundled().knowledge, mode: "play" });
      await playScripted(b);
      otherCase = b.threadId;
    } finally {
      store.close();
    }
    const unfinished = captured();
    expect(await printDebrief(waiting, { format: "text" }, unfinished)).toBe(1);
    expect(unfinished.stderr()).toBe(`error: session ${waiting} has no verdict yet: finish it with \`dxsim resume ${waiting}\`\n`);
    expect(unfinished.stdout()).toBe("");

    const elsewhere = captured();
    expect(await printDebrief(fork.id, { against: otherCase, format: "text" }, elsewhere)).toBe(1);
    expect(elsewhere.stderr()).toBe(`error: session ${otherCase} is of case abd-01, session ${fork.id} of case cp-01: only sessions of the same case compare\n`);

    const itself = captured();
    expect(await printDebrief(fork.id, { against: fork.id, format: "text" }, itself)).toBe(1);
    expect(itself.stderr()).toBe(`error: --against names session ${fork.id} itself: give another session of case cp-01\n`);

    const missing = captured();
    expect(await printDebrief("cp-01-nope", { format: "text" }, missing)).toBe(1);
    expect(missing.stderr()).toBe('error: no saved session "cp-01-nope": `dxsim sessions` lists the saved ones\n');
  });

  it("debriefs a fork of an unfinished session on its own, saying why", async () => {
    const store = openSessionStore();
    let child: string;
    let parent: string;
    try {
      const session = store.createSession({ caseFile: bundledCase("cp-01"), knowledge: bundled().knowledge, mode: "teach" });
      await playScripted(session, undefined, undefined, { rounds: 1 });
      parent = session.threadId;
      const forked = await store.forkSession(parent, 1, { knowledge: bundled().knowledge });
      await playScripted(forked.session, { case: "cp-01", rounds: { "1": { diagnose: "Acute pericarditis" } } });
      child = forked.record.id;
    } finally {
      store.close();
    }
    const io = captured();
    expect(await printDebrief(child, { format: "md" }, io)).toBe(0);
    expect(io.stderr()).toBe(`note: session ${parent}, which this one was forked from, has no verdict yet; the debrief leaves it out\n`);
    expect(io.stdout()).toContain("- **You:** Acute pericarditis in round 1");
    expect(io.stdout()).not.toContain("Two branches");
  });

  it("is registered as `dxsim debrief <session>` with --against, --format, --out and --force", () => {
    const program = new Command();
    for (const register of commands) register(program);
    const command = program.commands.find((c) => c.name() === "debrief");
    expect(command?.options.map((o) => o.long)).toEqual(["--against", "--format", "--out", "--force"]);
    expect(command?.options.find((o) => o.long === "--format")).toMatchObject({ defaultValue: "text", argChoices: ["text", "md"] });
  });
});
