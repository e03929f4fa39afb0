import { homedir } from "node:os";
import { posix, win32 } from "node:path";

/** Where dxsim looks: the environment, the operating system and the user's home folder. */
export interface HomeContext {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
}

function currentContext(): HomeContext {
  return { env: process.env, platform: process.platform, home: homedir() };
}

/**
 * The folder that keeps dxsim's own files: `$DXSIM_HOME` when set, otherwise the user's data
 * folder as each system names it (XDG on Linux and the other Unixes).
 */
export function dxsimHome(context: HomeContext = currentContext()): string {
  const { env, platform, home } = context;
  if (env.DXSIM_HOME) return env.DXSIM_HOME;
  if (platform === "win32") return win32.join(env.APPDATA || win32.join(home, "AppData", "Roaming"), "dxsim");
  if (platform === "darwin") return posix.join(home, "Library", "Application Support", "dxsim");
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME;
  return posix.join(xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, ".local", "share"), "dxsim");
}

/** The SQLite file that holds every saved session (the graph's checkpoints). */
export function defaultDatabasePath(context: HomeContext = currentContext()): string {
  const join = context.platform === "win32" ? win32.join : posix.join;
  return join(dxsimHome(context), "sessions.sqlite");
}
