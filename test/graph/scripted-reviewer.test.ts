import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { readDataFile } from "../../core/data-file.js";
import { scenariosDir } from "../../core/paths.js";
import type { Case } from "../../core/case.js";
import { type CaseScript, ScriptFileSchema, scriptsByCase } from "../../core/script.js";
import { DiagnosticSession } from "../../graph/session.js";
import type { SessionSettings } from "../../core/settings.js";
import { playScripted, scriptedReviewer } from "../../graph/scripted.js";
import { playHeadless } from "../../graph/headless.js";
import { bundled } from "../graph/helpers.js";

const { knowledge, cases } = bundled();
const anchoring = scriptsByCase(readDataFile(join(scenariosDir, "scripts", "anchoring-cp-02.yaml"), ScriptFileSchema)).get("cp-02")!;

/**
 * The same case played three ways: stopping at every review and resuming, in one run with a
 * reviewer, and headless with no checkpointer (as `dxsim run` plays it).
 */
async function bothWays(caseFile: Case, settings: Partial<SessionSettings>, script?: CaseScript) {
  const stopping = await playScripted(DiagnosticSession.create({ caseFile, knowledge, settings }), script);
  const through = await DiagnosticSession.create({ caseFile, knowledge, settings, durability: "exit" }).playThrough(scriptedReviewer(script));
  const headless = await playHeadless({ caseFile, knowledge, settings }, scriptedReviewer(script));
  expect(JSON.stringify(headless)).toBe(JSON.stringify(stopping.values));
  return { stopping, through };
}

describe("a headless run with the reviewer in the graph, saved or not", () => {
  it("reaches the same state, key for key, as stopping at every review, on every bundled case", async () => {
    for (const caseFile of cases.values()) {
      const { stopping, through } = await bothWays(caseFile, {});
      expect(JSON.stringify(through.values)).toBe(JSON.stringify(stopping.values));
      expect(through).toMatchObject({ review: null, finished: true });
    }
    // Eighty sessions (every bundled case, both ways): more than the default per-test time on a loaded machine.
  }, 120_000);

  it("forces the budget diagnosis as the stopping run does when a proposal passes the cap", async () => {
    const tight = { budgetUsd: 100, maxRounds: 3 };
    let forced = 0;
    for (const caseFile of cases.values()) {
      const { stopping, through } = await bothWays(caseFile, tight);
      expect(JSON.stringify(through.values)).toBe(JSON.stringify(stopping.values));
      if (through.values.diagnosis?.forced === "budget") forced++;
    }
    expect(forced).toBeGreaterThan(0);
  });

  it("follows a physician script round by round", async () => {
    const { stopping, through } = await bothWays(cases.get("cp-02")!, {}, anchoring);
    expect(through.values.trail.find((t) => t.round === 2)).toMatchObject({ decidedBy: "physician", action: { kind: "order", tests: ["stress_test"] } });
    expect(JSON.stringify(through.values)).toBe(JSON.stringify(stopping.values));
  });
});
