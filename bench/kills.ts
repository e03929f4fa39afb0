import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../core/paths.js";

/**
 * `npm run bench:kills [-- kills [parallel]]`: SIGKILLs `dxsim play` at random moments after its
 * session was saved, then checks each session is still whole: `dxsim resume` brings it to a
 * verdict (or it had already reached one). Not part of CI: it runs hundreds of processes.
 * Prints how many of the killed sessions were resumable.
 */
const kills = Number(process.argv[2] ?? 200);
const parallel = Number(process.argv[3] ?? 2);
const cli = join(packageRoot, "dist/cli/main.js");
const home = mkdtempSync(join(tmpdir(), "dxsim-kills-"));
const env = { ...process.env, DXSIM_HOME: home };
const CASES = ["cp-01", "cp-02", "syn-01", "abd-01"];

/** Resolves with the session id once the process says its session is saved. */
const sessionLine = (child: ChildProcess): Promise<string | null> =>
  new Promise((resolve) => {
    let err = "";
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      const id = /^session (\S+)/m.exec(err)?.[1];
      if (id) resolve(id);
    });
    child.on("exit", () => resolve(/^session (\S+)/m.exec(err)?.[1] ?? null));
  });

const exited = (child: ChildProcess): Promise<void> => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.on("exit", () => resolve())));

/** How long a play takes from its session line to its end, so kills fall across the whole of it. */
async function playSpan(caseId: string): Promise<number> {
  const child = spawn(process.execPath, [cli, "play", caseId], { env, stdio: ["ignore", "ignore", "pipe"] });
  await sessionLine(child);
  const t0 = Date.now();
  await exited(child);
  return Date.now() - t0;
}

type Outcome = "resumed" | "finished before the kill" | "not resumable";

async function trial(n: number, span: number): Promise<{ outcome: Outcome; id: string; detail: string }> {
  const caseId = CASES[n % CASES.length]!;
  const child = spawn(process.execPath, [cli, "play", caseId], { env, stdio: ["ignore", "ignore", "pipe"] });
  const id = await sessionLine(child);
  if (!id) return { outcome: "not resumable", id: "?", detail: "play ended without saving a session" };
  await new Promise((resolve) => setTimeout(resolve, Math.random() * span));
  child.kill("SIGKILL");
  await exited(child);
  const resumed = spawnSync(process.execPath, [cli, "resume", id], { env, encoding: "utf8" });
  const listed = spawnSync(process.execPath, [cli, "sessions", "--json"], { env, encoding: "utf8" });
  const status = (JSON.parse(listed.stdout || "[]") as { id: string; status: string }[]).find((s) => s.id === id)?.status;
  if (resumed.status === 0 && status === "finished") return { outcome: "resumed", id, detail: "" };
  if (resumed.status !== 0 && /already finished/.test(resumed.stderr) && status === "finished") return { outcome: "finished before the kill", id, detail: "" };
  return { outcome: "not resumable", id, detail: `resume exit ${resumed.status}, status ${status}: ${resumed.stderr.trim().split("\n")[0]}` };
}

const span = Math.max(...(await Promise.all(CASES.slice(0, 2).map(playSpan))));
console.log(`dxsim kills: ${kills} SIGKILLs of \`dxsim play\` at random moments within ${span} ms of its session being saved, ${parallel} at a time`);
const counts: Record<Outcome, number> = { resumed: 0, "finished before the kill": 0, "not resumable": 0 };
let next = 0;
const worker = async () => {
  for (let n = next++; n < kills; n = next++) {
    const r = await trial(n, span);
    counts[r.outcome]++;
    if (r.outcome === "not resumable") console.log(`  not resumable: ${r.id}: ${r.detail}`);
  }
};
await Promise.all(Array.from({ length: parallel }, worker));
const whole = counts.resumed + counts["finished before the kill"];
console.log(`resumable sessions: ${whole}/${kills} (${counts.resumed} resumed to a verdict, ${counts["finished before the kill"]} had finished before the kill, ${counts["not resumable"]} not resumable)`);
console.log(`sessions kept in ${home}`);
