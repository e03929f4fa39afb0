import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { playScripted } from "../../graph/scripted.js";
import { DiagnosticSession } from "../../graph/session.js";
import { SqliteSaver } from "../../graph/sqlite-saver.js";
import { bundled, bundledCase } from "./helpers.js";

/** A process that dies after its n-th checkpoint: the step's writes are saved, the checkpoint after them never is. */
class DyingSaver extends SqliteSaver {
  puts = 0;
  constructor(
    file: string,
    private readonly diesAt: number,
  ) {
    super(new DatabaseSync(file));
  }
  override async put(...args: Parameters<SqliteSaver["put"]>) {
    if (++this.puts >= this.diesAt) throw new Error("killed");
    return super.put(...args);
  }
}

describe("a session cut between a step's writes and its checkpoint", () => {
  it("resumes to a verdict from every such point of a whole session (no step is taken as the end)", async () => {
    const { knowledge } = bundled();
    const caseFile = bundledCase("cp-02");
    const dir = mkdtempSync(join(tmpdir(), "dxsim-cut-"));
    // How many checkpoints an uncut session writes.
    const whole = new DyingSaver(join(dir, "whole.sqlite"), Infinity);
    const reference = await playScripted(DiagnosticSession.create({ caseFile, knowledge, checkpointer: whole, threadId: "whole" }));
    expect(reference.finished).toBe(true);
    expect(whole.puts).toBeGreaterThan(10);

    for (let diesAt = 2; diesAt < whole.puts; diesAt++) {
      const file = join(dir, `cut-${diesAt}.sqlite`);
      await expect(playScripted(DiagnosticSession.create({ caseFile, knowledge, checkpointer: new DyingSaver(file, diesAt), threadId: "cut" }))).rejects.toThrow("killed");
      const reopened = DiagnosticSession.create({ caseFile, knowledge, checkpointer: SqliteSaver.fromPath(file), threadId: "cut" });
      const status = await playScripted(reopened);
      expect({ diesAt, finished: status.finished }).toEqual({ diesAt, finished: true });
      expect(status.values.verdict).toEqual(reference.values.verdict);
    }
  }, 120_000);
});
