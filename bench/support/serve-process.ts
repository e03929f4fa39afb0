import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { packageRoot } from "../../core/paths.js";

/** A `dxsim serve` child process, as an instructor starts one, on a free port. */
export interface ServeProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export const CLI = join(packageRoot, "dist", "cli", "main.js");

export async function startServe(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, "serve", "--port", "0", ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const found = /listening on (http:\/\/\S+)/.exec(out);
      if (found) resolve(found[1]!);
    });
    child.once("exit", (code) => reject(new Error(`dxsim serve exited (${code}): ${err.trim()}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    await once(child, "exit");
  };
  return { url, child, stop };
}
