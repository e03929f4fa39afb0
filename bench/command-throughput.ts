import { spawn } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { packageRoot } from "../core/paths.js";

export interface CommandThroughput {
  cases: number;
  /** Cases a second from the command's first case line to its last. */
  perSecond: number;
  /** From the spawn to the first case line: start-up, reading and coding the cases, the first case. */
  firstLineSeconds: number;
  totalSeconds: number;
}

const CASE_LINE = /^[✓✗] /;

/**
 * `dxsim run` itself, spawned as a user runs it (a cold process: its modules loaded and its code
 * compiled as it goes, on both threads), timed by the case lines it prints as each case ends. The
 * in-process figure beside it plays the same batch on a thread that has already run one; this one
 * is what a user gets.
 */
export async function benchCommandThroughput(casesDir: string, repeat: number, jobs: number): Promise<CommandThroughput> {
  const cli = join(packageRoot, "dist/cli/main.js");
  const t0 = performance.now();
  const child = spawn(process.execPath, [cli, "run", casesDir, "--repeat", String(repeat), "--jobs", String(jobs)], { stdio: ["ignore", "pipe", "ignore"] });
  const times: number[] = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (CASE_LINE.test(line)) times.push(performance.now());
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const end = performance.now();
  if (code !== 0 || times.length < 2) throw new Error(`dxsim run exited ${code} after ${times.length} case lines`);
  return {
    cases: times.length,
    perSecond: ((times.length - 1) * 1000) / (times.at(-1)! - times[0]!),
    firstLineSeconds: (times[0]! - t0) / 1000,
    totalSeconds: (end - t0) / 1000,
  };
}
