import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../core/paths.js";

/**
 * `npm run bench:sessions [-- processes]`: starts that many `dxsim play --stop-after 1` at once on
 * one sessions database (50 by default, a workshop's learners starting together) and counts
 * the sessions it then lists; exits 1 unless every process made its own. Not part of CI;
 * test/sessions/store.test.ts checks ids made in the same second from two connections.
 */
const processes = Number(process.argv[2] ?? 50);
const cli = join(packageRoot, "dist/cli/main.js");
const home = mkdtempSync(join(tmpdir(), "dxsim-concurrent-"));
const env = { ...process.env, DXSIM_HOME: home };

const t0 = Date.now();
const exits = await Promise.all(
  Array.from(
    { length: processes },
    () =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        const child = spawn(process.execPath, [cli, "play", "cp-01", "--stop-after", "1"], { env, stdio: ["ignore", "ignore", "pipe"] });
        let err = "";
        child.stderr.on("data", (d: Buffer) => (err += d.toString()));
        child.on("exit", (code) => resolve({ code, err }));
      }),
  ),
);
const listed = spawnSync(process.execPath, [cli, "sessions", "--json"], { env, encoding: "utf8" });
const ids = new Set((JSON.parse(listed.stdout || "[]") as { id: string }[]).map((s) => s.id));
const failed = exits.filter((e) => e.code !== 0);
console.log(`dxsim concurrent play: ${processes} \`dxsim play\` processes started at once made ${ids.size} sessions (${failed.length} exited non-zero) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
for (const f of failed.slice(0, 5)) console.log(`  exit ${f.code}: ${f.err.trim().split("\n").at(-1)}`);
process.exitCode = ids.size === processes && failed.length === 0 ? 0 : 1;
