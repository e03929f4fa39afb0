import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { packageRoot } from "../../core/paths.js";
import { redactSecrets } from "../../llm/secrets.js";
import { type FakeOpenAIServer, startFakeOpenAI } from "../../bench/support/fake-openai-server.js";
import { scriptedPanel } from "../../bench/support/scripted-panel.js";
import { bundled, bundledCase } from "../graph/helpers.js";

const CLI = join(packageRoot, "dist/cli/main.js");
const KEY = "sk-echoTESTkey-4f9a8b7c6d5e4f3a2b1c";
/** Credentials in a base URL, which must not reach a recording either. */
const URL_SECRET = "urlpassw0rd-77";

let server: FakeOpenAIServer | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
  await server?.close();
  server = undefined;
});

/** Every file under a folder, the sessions database (and its WAL) included. */
const filesUnder = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));

/** Every string a reply carries gets the key it was sent appended, as a model that repeats its prompt would. */
const echo = (value: unknown, key: string): unknown =>
  typeof value === "string" ? `${value} (my key is ${key}, Bearer ${key})` : Array.isArray(value) ? value.map((v) => echo(v, key)) : value && typeof value === "object" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === "testId" || k === "kind" || k === "kbId" || k === "id" ? v : echo(v, key)])) : value;

describe.skipIf(!existsSync(CLI))("a model that echoes its API key", () => {
  it("leaves 0 copies of the key in any file dxsim writes: results, recording, sessions database, exports", async () => {
    const caseFile = bundledCase("abd-01");
    const panel = scriptedPanel(caseFile, bundled().knowledge);
    server = await startFakeOpenAI(async (request, index) => {
      const reply = await panel(request, index);
      const key = String(request.headers.authorization ?? "").replace(/^Bearer /, "");
      return "output" in reply ? { ...reply, output: echo(reply.output, key) } : reply;
    });
    const home = mkdtempSync(join(tmpdir(), "dxsim-echo-"));
    const env = { PATH: process.env.PATH, HOME: home, DXSIM_HOME: home, OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: KEY, DXSIM_MODEL: "local-model" };
    const dxsim = async (...args: string[]) => {
      const child = spawn(process.execPath, [CLI, ...args], { cwd: home, env, stdio: ["ignore", "pipe", "pipe"] });
      children.push(child);
      let out = "";
      child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
      const [code] = await once(child, "close");
      return { code: code as number, out };
    };
    const run = await dxsim("run", join(packageRoot, "scenarios/cases/abd-01.yaml"), "--brain", "compatible", "--record", "rec.jsonl", "--out", "results.jsonl");
    expect(run.out).not.toContain(KEY);
    const play = await dxsim("play", "abd-01", "--brain", "compatible");
    const id = /session (\S+)/.exec(play.out)?.[1] ?? "";
    expect(id).toMatch(/^abd-01-/);
    for (const format of ["md", "json", "html"]) expect((await dxsim("export", id, "--format", format, "--out", `export.${format}`)).code).toBe(0);
    // The server saw the key, and the model's replies carried it back.
    expect(server.requests.some((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    expect(readFileSync(join(home, "results.jsonl"), "utf8")).toContain("my key is [redacted]");
    const written = filesUnder(home);
    expect(written.map((f) => f.slice(home.length + 1))).toEqual(expect.arrayContaining(["results.jsonl", "rec.jsonl", "sessions.sqlite", "export.md", "export.json", "export.html"]));
    const copies = written.flatMap((f) => {
      const bytes = readFileSync(f).toString("latin1");
      return [KEY, URL_SECRET].filter((secret) => bytes.includes(secret)).map((secret) => `${f}: ${secret}`);
    });
    expect(copies).toEqual([]);
    expect(redactSecrets(`baseURL http://dxsim:${URL_SECRET}@127.0.0.1:1/v1`)).toBe("baseURL http://[redacted]@127.0.0.1:1/v1");
  }, 300_000);
});
