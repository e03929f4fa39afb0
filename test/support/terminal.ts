import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../../core/paths.js";

/**
 * The built console in a real terminal: a private tmux server whose "console" session gives it
 * a 100×40 screen (or the size asked for); tests type keys and read the screen back. `npm test` builds dist/ first;
 * tmux is installed in CI.
 */
export const cli = join(packageRoot, "dist/cli/main.js");

/** Why terminal tests cannot run here, or "" when they can. */
export function terminalSkipReason(): string {
  if (spawnSync("tmux", ["-V"]).status !== 0) return "tmux is not installed (CI installs it)";
  if (!existsSync(cli)) return "dist/ is not built: run `npm run build` (npm test does)";
  return "";
}

export interface Terminal {
  /** The test's own DXSIM_HOME and working folder, removed by `close`. */
  home: string;
  work: string;
  /** The built dxsim as a shell command, on the test's DXSIM_HOME, outside CI mode. */
  dxsim: string;
  /** Starts the "console" window running `dxsim <args>`, then `after` (by default: say how it exited and stay). */
  open: (args: string, after?: string) => void;
  /** `dxsim sessions --json` on the test's DXSIM_HOME. */
  sessions: <T>() => T[];
  tmux: (...args: string[]) => string;
  /** The console window's text now. */
  screen: () => string;
  keys: (...k: string[]) => void;
  /** Types text literally. */
  typed: (text: string) => void;
  /** Polls the screen until the check passes; fails with the screen it last saw. */
  waitForScreen: (check: (s: string) => boolean, what: string, timeoutMs?: number) => Promise<string>;
  waitFor: (text: string) => Promise<string>;
  /** `d`, types `search`, waits for `pick` to be chosen, takes it, and states `confidence` (a percentage). */
  diagnose: (search: string, pick: string, confidence: string) => Promise<void>;
  /** In learner mode, after `diagnose`: takes the comparison, writes the initial `plan` for `diagnosis`, and waits for the verdict (the screen then). */
  learnerCloses: (diagnosis: string, plan: string) => Promise<string>;
  /** Stops tmux and removes the folders. */
  close: () => void;
}

const AFTER_EXIT = `; echo "exited with $?"; sleep 600`;

export function terminal(name: string, size: { columns: number; rows: number } = { columns: 100, rows: 40 }): Terminal {
  const socket = `dxsim-${name}-${process.pid}`;
  const home = mkdtempSync(join(tmpdir(), "dxsim-home-"));
  const work = mkdtempSync(join(tmpdir(), "dxsim-work-"));
  const dxsim = `env -u CI DXSIM_HOME='${home}' '${process.execPath}' '${cli}'`;
  const tmux = (...args: string[]): string => execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
  const screen = (): string => tmux("capture-pane", "-p", "-t", "console");
  const waitForScreen = async (check: (s: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = screen();
      if (check(s)) return s;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const keys = (...k: string[]) => void tmux("send-keys", "-t", "console", ...k);
  const typed = (text: string) => void tmux("send-keys", "-t", "console", "-l", text);
  const waitFor = (text: string) => waitForScreen((s) => s.includes(text), `"${text}"`);
  return {
    home,
    work,
    dxsim,
    open: (args, after = AFTER_EXIT) => void tmux("new-session", "-d", "-s", "console", "-x", String(size.columns), "-y", String(size.rows), "-c", work, `${dxsim} ${args}${after}`),
    sessions: <T>() => JSON.parse(execFileSync(process.execPath, [cli, "sessions", "--json"], { env: { ...process.env, DXSIM_HOME: home }, encoding: "utf8" })) as T[],
    tmux,
    screen,
    keys,
    typed,
    waitForScreen,
    waitFor,
    diagnose: async (search, pick, confidence) => {
      keys("d");
      await waitFor("Final diagnosis:");
      typed(search);
      await waitFor(`› ${pick}`);
      keys("Enter");
      await waitFor("How sure are you");
      typed(confidence);
      keys("Enter");
    },
    learnerCloses: async (diagnosis, plan) => {
      await waitFor("You decided: diagnose");
      keys("Enter");
      await waitFor(`Your initial plan for ${diagnosis}:`);
      typed(plan);
      keys("Enter");
      return waitFor("Case judged: your debrief is printed above.");
    },
    close: () => {
      spawnSync("tmux", ["-L", socket, "kill-server"]);
      rmSync(home, { recursive: true, force: true });
      rmSync(work, { recursive: true, force: true });
    },
  };
}
