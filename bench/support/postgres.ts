import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { once } from "node:events";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

/** A throwaway Postgres server started from the machine's own binaries, for tests and the bench. */
export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * The folder holding initdb and postgres: $PG_BINDIR, else the newest Debian install
 * (/usr/lib/postgresql/N/bin, from the `postgresql` package `.ci/run` installs). Null when none.
 */
export function postgresBinaries(): string | null {
  const fromEnv = process.env.PG_BINDIR;
  if (fromEnv && existsSync(join(fromEnv, "initdb"))) return fromEnv;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], "bin") : null;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

/** Postgres refuses to run as root; as root, its commands run as the `postgres` user. */
function asServerUser(dir: string): { wrap: (cmd: string, args: string[]) => [string, string[]] } {
  if (process.getuid?.() !== 0) return { wrap: (cmd, args) => [cmd, args] };
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  chownSync(dir, uid, gid);
  return { wrap: (cmd, args) => ["runuser", ["-u", "postgres", "--", cmd, ...args]] };
}

export async function startPostgres(): Promise<RunningPostgres> {
  const bin = postgresBinaries();
  if (!bin) throw new Error("no Postgres binaries found: install Debian's postgresql package (.ci/run does) or set PG_BINDIR");
  const dir = mkdtempSync(join(tmpdir(), "dxsim-pg-"));
  const data = join(dir, "data");
  const user = asServerUser(dir);
  const [initCmd, initArgs] = user.wrap(join(bin, "initdb"), ["-D", data, "-U", "dxsim", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  execFileSync(initCmd, initArgs, { stdio: "pipe" });
  const port = await freePort();
  const [cmd, args] = user.wrap(join(bin, "postgres"), ["-D", data, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=300"]);
  const child: ChildProcess = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr!.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const url = `postgres://dxsim@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // runuser does not pass signals on, so the server is stopped the way Postgres documents.
      const [stopCmd, stopArgs] = user.wrap(join(bin, "pg_ctl"), ["stop", "-D", data, "-m", "immediate", "-s"]);
      try {
        execFileSync(stopCmd, stopArgs, { stdio: "pipe" });
      } catch {
        child.kill("SIGKILL");
      }
      if (child.exitCode === null && child.signalCode === null) await once(child, "exit");
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let tries = 0; ; tries++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return { url, stop };
    } catch {
      await client.end().catch(() => undefined);
      if (tries > 100 || child.exitCode !== null) {
        await stop();
        throw new Error(`Postgres did not start: ${log.trim().split("\n").at(-1) ?? "no output"}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
