import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadBundledKnowledge } from "../../cli/knowledge.js";
import { registerRun } from "../../cli/commands/run.js";
import { loadCases } from "../../core/case-loader.js";
import { bundledCasesDir } from "../../core/paths.js";
import { llmRuntimeFromCli } from "../../llm/cli.js";
import { LlmConfigError } from "../../llm/config.js";
import { formatUsage } from "../../llm/usage.js";
import { CaseResultSchema } from "../../runs/result.js";
import { type FakeOpenAIServer, startFakeOpenAI } from "../../bench/support/fake-openai-server.js";
import { scriptedPanel } from "../../bench/support/scripted-panel.js";

let server: FakeOpenAIServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  process.exitCode = undefined;
  await server?.close();
  server = undefined;
});

const temp = () => mkdtempSync(join(tmpdir(), "dxsim-cli-"));

/** An empty config file, so a dxsim.config.yaml in the working directory cannot interfere. */
const emptyConfig = () => {
  const file = join(temp(), "dxsim.config.yaml");
  writeFileSync(file, "{}\n");
  return file;
};

/** Runs `dxsim run …` in this process and returns what it printed. */
async function dxsimRun(args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const program = new Command().exitOverride();
  registerRun(program);
  await program.parseAsync(["node", "dxsim", "run", ...args]);
  vi.restoreAllMocks();
  return { stdout, stderr, exitCode: Number(process.exitCode ?? 0) };
}

describe("brain flags on the command line", () => {
  it("keeps the offline brain when nothing asks for a model", () => {
    expect(llmRuntimeFromCli({ config: emptyConfig() }, {})).toBeUndefined();
  });

  it("stops on a missing setting before any request, naming it", async () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    vi.stubEnv("DXSIM_MODEL", "gpt-4o-mini");
    const { stderr, exitCode } = await dxsimRun([join(bundledCasesDir, "abd-01.yaml"), "--brain", "openai", "--config", emptyConfig()]);
    expect(exitCode).toBe(1);
    expect(stderr).toContain("error: hypothesis, test-chooser, skeptic, cost-steward, chair, gatekeeper, judge: the openai brain needs a key: set OPENAI_API_KEY");
  });

  it("refuses --replay together with --brain", () => {
    expect(() => llmRuntimeFromCli({ replay: "x.jsonl", brain: "compatible" }, {})).toThrow(LlmConfigError);
  });

  it("runs a case on a local server, writes usage to results.jsonl and the summary, and replays it with no network", async () => {
    const file = join(bundledCasesDir, "abd-01.yaml");
    const [loaded] = loadCases([file]).cases;
    server = await startFakeOpenAI(scriptedPanel(loaded!.case, loadBundledKnowledge()));
    vi.stubEnv("OPENAI_BASE_URL", server.baseURL);
    vi.stubEnv("DXSIM_MODEL", "local-model");
    const dir = temp();
    const config = join(dir, "dxsim.config.yaml");
    writeFileSync(config, 'prices:\n  local-model: { inputPer1M: 0, outputPer1M: 0, source: "estimate: local server, no per-token charge" }\n');

    const live = await dxsimRun([file, "--brain", "compatible", "--config", config, "--out", join(dir, "live.jsonl"), "--record", join(dir, "rec.jsonl")]);
    expect(live.exitCode).toBe(0);
    // Every request the server saw is counted, at the fake server's 120 tokens in and 30 out each.
    const n = server.requests.length;
    expect(live.stdout).toContain(`model tokens ${formatUsage({ inputTokens: 120 * n, outputTokens: 30 * n, costUsd: 0 })}  requests ${n}`);
    const result = CaseResultSchema.parse(JSON.parse(readFileSync(join(dir, "live.jsonl"), "utf8")));
    expect(result.debate.every((m) => m.brain === "compatible:local-model")).toBe(true);
    expect(result.llm).toMatchObject({ requests: n, inputTokens: 120 * n, outputTokens: 30 * n, costUsd: 0, fallbacks: 0 });
    expect(result.verdict.reason).toContain("compatible:local-model judged 5/5");

    await server.close();
    server = undefined;
    vi.unstubAllEnvs();
    const replay = await dxsimRun([file, "--replay", join(dir, "rec.jsonl"), "--out", join(dir, "replay.jsonl")]);
    expect(replay.exitCode).toBe(0);
    expect(readFileSync(join(dir, "replay.jsonl"), "utf8")).toBe(readFileSync(join(dir, "live.jsonl"), "utf8"));
  });
});
