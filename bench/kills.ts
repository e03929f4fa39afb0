import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resume } from "../cli/commands/resume.js";
import { packageRoot } from "../core/paths.js";
import type { TerminalStreams } from "../tui/run.js";

/**
 * `npm run bench:kills [-- kills [parallel]]`: SIGKILLs `dxsim play` at random moments between its
 * session being saved and its verdict, then checks each session is still whole: `dxsim resume`
 * brings it to a verdict (or it had reached one just before the kill) and `dxsim sessions` lists
 * it as finished. Not part of CI: it runs hundreds of processes. Prints "N kills: R resumable, U not".
 */
const kills = Number(process.argv[2] ?? 200);
const parallel = Number(process.argv[3] ?? 2);
if (!Number.isInteger(kills) || kills < 1 || !Number.isInteger(parallel) || parallel < 1) {
  console.error("usage: npm run bench:kills [-- kills [parallel]] (positive whole numbers; 200 and 2 by default)");
  process.exit(2);
}
const cli = join(packageRoot, "dist/cli/main.js");
const home = mkdtempSync(join(tmpdir(), "dxsim-kills-"));
// Node's compile cache spares each of the hundreds of processes most of its start-up.
const env = { ...process.env, DXSIM_HOME: home, NODE_COMPILE_CACHE: join(home, "compile-cache") };
process.env.DXSIM_HOME = home;

/** `dxsim resume <id>` without a terminal, as a script runs it: its exit code and what it wrote to stderr. */
async function resumeCommand(id: string): Promise<{ status: number; stderr: string }> {
  let stderr = "";
  const sink = (write: (chunk: string) => void) => ({ isTTY: false, write: (chunk: string) => (write(chunk), true) });
  const streams = { stdin: { isTTY: false }, stdout: sink(() => {}), stderr: sink((c) => (stderr += c)) } as unknown as TerminalStreams;
  return { status: await resume(id, {}, { streams }), stderr };
}
const CASES = ["cp-01", "cp-02", "syn-01", "abd-01"];

/** Follows a `dxsim play`: when it says its session is saved (with the id), and when it starts the transcript (its verdict is saved by then). */
function watch(child: ChildProcess): { saved: Promise<{ id: string; at: number } | null>; done: Promise<number | null> } {
  let err = "";
  const saved = new Promise<{ id: string; at: number } | null>((resolve) => {
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      const id = /^session (\S+)/m.exec(err)?.[1];
      if (id) resolve({ id, at: Date.now() });
    });
    child.on("exit", () => resolve(null));
  });
  const done = new Promise<number | null>((resolve) => {
    child.stdout!.once("data", () => resolve(Date.now()));
    child.on("exit", () => resolve(null));
  });
  return { saved, done };
}

const play = (caseId: string) => spawn(process.execPath, [cli, "play", caseId], { env, stdio: ["ignore", "pipe", "pipe"] });
const exited = (child: ChildProcess): Promise<void> => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.on("exit", () => resolve())));

/** How long a play runs rounds, from its saved session to its transcript: kills are drawn across that window. */
async function runWindow(caseId: string): Promise<number> {
  const child = play(caseId);
  const { saved, done } = watch(child);
  const [s, d] = await Promise.all([saved, done]);
  await exited(child);
  if (!s || !d) throw new Error(`dxsim kills: \`dxsim play ${caseId}\` did not save a session and print its transcript`);
  return d - s.at;
}

type Outcome = "resumed" | "finished before the kill" | "not resumable";

async function trial(n: number, window: number): Promise<{ outcome: Outcome; id: string; detail: string }> {
  const child = play(CASES[n % CASES.length]!);
  const { saved } = watch(child);
  const s = await saved;
  if (!s) return { outcome: "not resumable", id: "?", detail: "play ended without saving a session" };
  await new Promise((resolve) => setTimeout(resolve, Math.random() * window));
  child.kill("SIGKILL");
  await exited(child);
  const resumed = await resumeCommand(s.id);
  if (resumed.status === 0) return { outcome: "resumed", id: s.id, detail: "" };
  if (/already finished/.test(resumed.stderr)) return { outcome: "finished before the kill", id: s.id, detail: "" };
  return { outcome: "not resumable", id: s.id, detail: `resume exit ${resumed.status}: ${resumed.stderr.trim().split("\n")[0]}` };
}

const t0 = Date.now();
const window = Math.max(...(await Promise.all(CASES.slice(0, 2).map(runWindow))));
console.log(`dxsim kills: ${kills} SIGKILLs of \`dxsim play\` at random moments within ${window} ms of its session being saved (its rounds took up to that long), ${parallel} at a time`);
const results: { outcome: Outcome; id: string; detail: string }[] = [];
let next = 0;
// A run stopped early (Ctrl-C, SIGTERM) still reports the kills it finished, saying it stopped.
let stopped = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => (stopped = true));
const worker = async () => {
  for (let n = next++; n < kills && !stopped; n = next++) {
    const r = await trial(n, window);
    results.push(r);
    if (results.length % 20 === 0) console.log(`  ${results.length}/${kills} killed, ${results.filter((x) => x.outcome === "not resumable").length} not resumable so far`);
    if (r.outcome === "not resumable") console.log(`  not resumable: ${r.id}: ${r.detail}`);
  }
};
await Promise.all(Array.from({ length: parallel }, worker));

// Whole means listed as finished with a verdict afterwards, whatever resume said.
const listed = spawnSync(process.execPath, [cli, "sessions", "--json"], { env, encoding: "utf8" });
const finished = new Set((JSON.parse(listed.stdout || "[]") as { id: string; status: string; verdict: unknown }[]).filter((s) => s.status === "finished" && s.verdict).map((s) => s.id));
for (const r of results) {
  if (r.outcome === "not resumable" || finished.has(r.id)) continue;
  Object.assign(r, { outcome: "not resumable", detail: "resume exited as if whole, but `dxsim sessions` does not list it finished with a verdict" });
  console.log(`  not resumable: ${r.id}: ${r.detail}`);
}
const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
const whole = count("resumed") + count("finished before the kill");
if (stopped) console.log(`stopped by a signal after ${results.length} of the ${kills} kills asked for`);
console.log(`${results.length} kills: ${whole} resumable, ${results.length - whole} not (${count("resumed")} killed mid-run and resumed to a verdict, ${count("finished before the kill")} had saved their verdict before the kill) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
console.log(`sessions kept in ${home}`);
process.exitCode = whole === kills ? 0 : 1;
