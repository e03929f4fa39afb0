import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../core/paths.js";

/**
 * The built console in a real terminal: a private tmux server whose "console" session gives it
 * a 100×40 screen; tests type keys and read the screen back. `npm test` builds dist/ first;
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
  tmux: (...args: string[]) => string;
  /** The console window's text now. */
  screen: () => string;
  keys: (...k: string[]) => void;
  /** Types text literally. */
  typed: (text: string) => void;
  /** Polls the screen until the check passes; fails with the screen it last saw. */
  waitForScreen: (check: (s: string) => boolean, what: string, timeoutMs?: number) => Promise<string>;
  waitFor: (text: string) => Promise<string>;
  killServer: () => void;
}

export function terminal(name: string): Terminal {
  const socket = `dxsim-${name}-${process.pid}`;
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
  return {
    tmux,
    screen,
    keys: (...k) => void tmux("send-keys", "-t", "console", ...k),
    typed: (text) => void tmux("send-keys", "-t", "console", "-l", text),
    waitForScreen,
    waitFor: (text) => waitForScreen((s) => s.includes(text), `"${text}"`),
    killServer: () => void spawnSync("tmux", ["-L", socket, "kill-server"]),
  };
}
