import { closeSync, existsSync, openSync, realpathSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { defaultDatabasePath } from "../graph/dxsim-home.js";

/** A path as the file system names it, through links, so two spellings of one file compare equal. */
const canonical = (path: string): string => {
  const full = resolve(path);
  try {
    return realpathSync(full);
  } catch {
    try {
      return join(realpathSync(dirname(full)), basename(full));
    } catch {
      return full;
    }
  }
};

/**
 * Why a command must not write `path`, or null when it may: the sessions database is never
 * written over, and an existing file only with --force.
 */
export function refuseOverwrite(path: string, force: boolean | undefined): string | null {
  if (canonical(path) === canonical(defaultDatabasePath())) return `${path} is the sessions database; dxsim will not write over it`;
  if (!force && existsSync(path)) return `${path} already exists; add --force to overwrite it`;
  return null;
}

/**
 * Opens `path` for writing now, before any work whose results go there, so an unwritable path
 * is said at once instead of after the work. Gives back the descriptor, or why it failed.
 */
export function openForWriting(path: string): { fd: number } | { error: string } {
  try {
    return { fd: openSync(path, "w") };
  } catch (e) {
    return { error: `cannot write ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
  }
}

export const closeFile = (fd: number): void => closeSync(fd);
