import { DataFileError, formatProblem } from "../core/data-file.js";

/**
 * The lines printed for an error nothing else handled: what went wrong, one line each, and how
 * to see the stack trace. A stack trace is for developers, so it appears only with DXSIM_DEBUG=1.
 */
export function fatalLines(error: unknown, debug: boolean): string[] {
  const message = error instanceof Error ? error.message : String(error);
  const lines =
    error instanceof DataFileError
      ? error.problems.map((p) => `dxsim: error: ${formatProblem(p)}`)
      : [`dxsim: error: ${message.split("\n").find((l) => l.trim() !== "") ?? (error instanceof Error ? error.name : "unknown error")}`];
  if (debug) return [...lines, error instanceof Error && error.stack ? error.stack : String(error)];
  return [...lines, "dxsim: this is all that went wrong; set DXSIM_DEBUG=1 to see the stack trace."];
}

const isDebug = (): boolean => Boolean(process.env.DXSIM_DEBUG) && process.env.DXSIM_DEBUG !== "0";

/** Prints the error as fatalLines does and ends the process with exit code 1. */
export function exitOnFatal(error: unknown): never {
  process.stderr.write(`${fatalLines(error, isDebug()).join("\n")}\n`);
  process.exit(1);
}

/** The one top-level handler: errors thrown anywhere, awaited or not, end up in exitOnFatal. */
export function installFatalHandler(): void {
  process.on("uncaughtException", exitOnFatal);
  process.on("unhandledRejection", exitOnFatal);
}
