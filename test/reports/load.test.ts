import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem } from "../../core/data-file.js";
import { type SessionLookup, loadReportInputs } from "../../reports/load.js";
import { resultsFile, sessionResult, tempDir, workshopFolder, writeLines } from "./fixture.js";

const problemLines = (inputs: string[], options = {}) => loadReportInputs(inputs, options).problems.map(formatProblem);

describe("reading results for a report", () => {
  it("reads every record of a results file, each with its line as the source", () => {
    const file = resultsFile(tempDir(), "run.jsonl", [sessionResult({ variant: "full" }), sessionResult({ variant: "oracle", costUsd: 120 })]);
    const { entries, problems } = loadReportInputs([file]);
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.source, e.result.variant, e.result.costUsd, e.learner])).toEqual([
      [`${file}:1`, "full", 400, undefined],
      [`${file}:2`, "oracle", 120, undefined],
    ]);
  });

  it("skips a bad line and says file:line: field: message, keeping the good lines", () => {
    const good = JSON.stringify(sessionResult());
    const tooHigh = JSON.stringify({ ...sessionResult(), score: 9 });
    const file = writeLines(tempDir(), "run.jsonl", [good, tooHigh, "{not json", "", good]);
    const { entries, problems } = loadReportInputs([file]);
    expect(entries.map((e) => e.source)).toEqual([`${file}:1`, `${file}:5`]);
    expect(problems.map(formatProblem)).toEqual([`${file}:2: score: Too big: expected number to be <=5`, expect.stringMatching(new RegExp(`^${file}:3: invalid JSON: `))]);
  });

  it("names the nested field that is wrong", () => {
    const result = sessionResult();
    const bad = { ...result, ledger: { ...result.ledger, entries: [{ ...result.ledger.entries[0], usd: -5 }] } };
    const file = writeLines(tempDir(), "run.jsonl", [JSON.stringify(bad)]);
    expect(problemLines([file])).toEqual([`${file}:1: ledger.entries[0].usd: Too small: expected number to be >=0`]);
  });

  it("reads a workshop folder's learners' exports and results files, and nothing else", () => {
    const dir = workshopFolder();
    resultsFile(dir, "panel.jsonl", [sessionResult({ variant: "budgeted" })]);
    writeLines(dir, "notes.txt", ["not results"]);
    resultsFile(join(dir, "older"), "old.jsonl", [sessionResult()]);
    const { entries, problems } = loadReportInputs([dir]);
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.source, e.learner ?? e.result.variant])).toEqual([
      [join(dir, "ana.json"), "Ana"],
      [join(dir, "ben.json"), "Ben"],
      [join(dir, "cy.json"), "Cy"],
      [join(dir, "panel.jsonl:1"), "budgeted"],
    ]);
    expect(entries[1]!.result.costUsd).toBe(900);
    expect(entries[1]!.result).not.toHaveProperty("learner");
  });

  it("gives the line of a bad field in a learner's export", () => {
    const dir = tempDir();
    const file = writeLines(dir, "dee.json", [JSON.stringify({ learner: "Dee", ...sessionResult(), costUsd: "cheap" }, null, 2)]);
    const costLine = JSON.stringify({ learner: "Dee", ...sessionResult(), costUsd: "cheap" }, null, 2).split("\n").findIndex((l) => l.includes('"costUsd"')) + 1;
    expect(problemLines([file])).toEqual([`${file}:${costLine}: costUsd: Invalid input: expected number, received string`]);
  });

  it("looks session ids up through the resolver and says which inputs it could not find", () => {
    const stored = sessionResult({ variant: "ensemble" });
    const resolveSession = (id: string) => (id === "s-17" ? stored : undefined);
    const { entries, problems } = loadReportInputs(["s-17", "s-99"], { resolveSession });
    expect(entries).toEqual([{ result: stored, source: "session s-17" }]);
    expect(problems.map(formatProblem)).toEqual(["s-99: no such file, folder or session"]);
    expect(problemLines(["missing.jsonl"])).toEqual(["missing.jsonl: no such file or folder"]);
  });

  it("reads a file named twice, directly and through its folder, only once", () => {
    const dir = tempDir();
    const file = resultsFile(dir, "run.jsonl", [sessionResult()]);
    expect(loadReportInputs([file, dir, file]).entries).toHaveLength(1);
  });

  it("says so when an input holds nothing to report", () => {
    const dir = tempDir();
    const empty = writeLines(dir, "empty.jsonl", []);
    const notes = writeLines(dir, "notes.md", ["# notes"]);
    const bare = join(dir, "bare");
    mkdirSync(bare);
    expect(problemLines([empty, notes, bare])).toEqual([
      `${empty}: the file holds no results`,
      `${notes}: not a .jsonl results file or a .json export`,
      `${bare}: the folder holds no .jsonl results or .json exports`,
    ]);
  });

  it("takes a teach session's export for a learner's: by its name, else by its session, never by the panel variant", () => {
    const dir = tempDir();
    const exported = (name: string, extra: object) => writeLines(dir, name, [JSON.stringify({ ...sessionResult(), ...extra }, null, 2)]);
    const named = exported("ana.json", { session: "s-1", mode: "teach", learner: "Ana" });
    const unnamed = exported("s-2.json", { session: "s-2", mode: "teach" });
    const played = exported("s-3.json", { session: "s-3", mode: "play" });
    const { entries, problems } = loadReportInputs([named, unnamed, played]);
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.source, e.learner])).toEqual([
      [named, "Ana"],
      [unnamed, "learner s-2"],
      [played, undefined],
    ]);
    // The session and mode say whose record it is; the result itself is the plain results record.
    for (const e of entries) expect(e.result).toEqual(sessionResult());
  });

  it("names a saved teach session the resolver finds by its learner, or by its id when it has none", () => {
    const records: Record<string, SessionLookup> = {
      "s-1": { ...sessionResult(), session: "s-1", mode: "teach", learner: "Ana" },
      "s-2": { ...sessionResult(), session: "s-2", mode: "teach" },
      "s-3": { ...sessionResult({ variant: "budgeted" }), session: "s-3", mode: "run" },
    };
    const { entries } = loadReportInputs(Object.keys(records), { resolveSession: (id) => records[id] });
    expect(entries.map((e) => [e.source, e.learner, e.result.variant])).toEqual([
      ["session s-1", "Ana", "full"],
      ["session s-2", "learner s-2", "full"],
      ["session s-3", undefined, "budgeted"],
    ]);
    expect(entries[0]!.result).toEqual(sessionResult());
  });

  it("keeps a learner's name from a results line too", () => {
    const file = writeLines(tempDir(), "mixed.jsonl", [JSON.stringify({ ...sessionResult(), learner: "  Eve " })]);
    expect(loadReportInputs([file]).entries[0]!.learner).toBe("Eve");
  });
});
