import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { packageRoot } from "../../core/paths.js";
import { SessionExportSchema } from "../../sessions/export.js";
import { type FakeOpenAIServer, startFakeOpenAI } from "../../bench/support/fake-openai-server.js";
import { scriptedPanel } from "../../bench/support/scripted-panel.js";
import { bundled, bundledCase } from "../graph/helpers.js";

/** The built CLI, as a user runs it (`npm test` builds it first). */
const CLI = join(packageRoot, "dist", "cli", "main.js");

let server: FakeOpenAIServer | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await server?.close();
  server = undefined;
});

const temp = (what: string) => mkdtempSync(join(tmpdir(), `dxsim-${what}-`));

/** The environment of a user with a local OpenAI-compatible server and nothing else set. */
const userEnv = (home: string, baseURL: string): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: home, DXSIM_HOME: home, OPENAI_BASE_URL: baseURL, DXSIM_MODEL: "local-model" });

function launch(args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = once(child, "close").then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null, stdout, stderr }));
  return { child, exited };
}

const dxsim = (args: string[], env: NodeJS.ProcessEnv, cwd: string) => launch(args, env, cwd).exited;

describe("a session killed mid-round", () => {
  it("is resumed by `dxsim resume` with no step lost or repeated: the same record as a run never interrupted", async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm test does)`);
    const caseFile = bundledCase("abd-01");
    const panel = scriptedPanel(caseFile, bundled().knowledge);
    // The model holds its first answer of round 2 while `hold` is set, as a slow model would.
    let hold = true;
    let reachedRound2!: () => void;
    const waiting = new Promise<void>((resolve) => (reachedRound2 = resolve));
    server = await startFakeOpenAI(async (request, index) => {
      if (hold && request.schema === "hypothesis" && request.text.includes("Round 2 of at most")) {
        reachedRound2();
        return { hang: true };
      }
      return panel(request, index);
    });

    const home = temp("home");
    const env = userEnv(home, server.baseURL);
    const cwd = temp("cwd");
    const play = launch(["play", "abd-01", "--brain", "compatible"], env, cwd);
    await waiting;
    play.child.kill("SIGKILL");
    expect((await play.exited).signal).toBe("SIGKILL");

    const listed = await dxsim(["sessions", "--json"], env, cwd);
    expect(listed.code).toBe(0);
    const [saved, ...others] = JSON.parse(listed.stdout) as { id: string; caseId: string; round: number; status: string }[];
    expect(others).toEqual([]);
    expect(saved).toMatchObject({ caseId: "abd-01", round: 2, status: "stopped mid-round" });

    hold = false;
    const resumed = await dxsim(["resume", saved!.id], env, cwd);
    expect(resumed.stderr).toBe("");
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`dxsim continued session ${saved!.id} on its own`);
    expect(resumed.stdout).toContain("Verdict: 5/5, correct.");

    const exported = await dxsim(["export", saved!.id, "--format", "json"], env, cwd);
    expect(exported.code).toBe(0);
    const record = SessionExportSchema.parse(JSON.parse(exported.stdout));
    // Round 1 asked, round 2 ordered, round 3 diagnosed: each decision once.
    expect(record.trail.map((t) => [t.round, t.action.kind])).toEqual([
      [1, "ask"],
      [2, "order"],
      [3, "diagnose"],
    ]);
    for (const round of [1, 2, 3]) expect(record.debate.filter((m) => m.round === round && m.role === "hypothesis")).toHaveLength(1);
    expect(record.reveals.filter((r) => r.round === 1)).toHaveLength(2);

    const otherHome = temp("home");
    const unbroken = await dxsim(["play", "abd-01", "--brain", "compatible"], userEnv(otherHome, server.baseURL), cwd);
    expect(unbroken.code).toBe(0);
    const [straight] = JSON.parse((await dxsim(["sessions", "--json"], userEnv(otherHome, server.baseURL), cwd)).stdout) as { id: string }[];
    const expected = SessionExportSchema.parse(JSON.parse((await dxsim(["export", straight!.id, "--format", "json"], userEnv(otherHome, server.baseURL), cwd)).stdout));
    expect({ ...record, session: "" }).toEqual({ ...expected, session: "" });
  }, 120_000);
});
