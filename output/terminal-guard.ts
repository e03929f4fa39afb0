import { terminalText } from "./safe-text.js";

/**
 * Makes every string this process writes to stdout and stderr terminal-safe, whatever path it
 * took (a transcript, a validation message quoting a file, an error from a model server), so
 * no escape sequence from a case, a model or a file reaches the terminal. The console's own
 * drawing (Ink's cursor moves) and the progress bar pass through `raw`; what they show of a
 * case or a model is made safe before it is drawn.
 */
let rawDepth = 0;

type Write = NodeJS.WriteStream["write"];

function guard(stream: NodeJS.WriteStream): void {
  const original = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const guarded = (chunk: unknown, ...rest: unknown[]): boolean => {
    if (rawDepth > 0) return original(chunk, ...rest);
    const text = typeof chunk === "string" ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString("utf8") : chunk;
    return original(typeof text === "string" ? terminalText(text) : text, ...rest);
  };
  stream.write = guarded as Write;
}

/** Installs the guard on the process's stdout and stderr (once, at the start of the CLI). */
export function guardProcessOutput(): void {
  guard(process.stdout);
  guard(process.stderr);
}

/** Runs `work` with the process's own terminal drawing let through (the console, a progress bar). */
export function raw<T>(work: () => T): T {
  rawDepth++;
  try {
    return work();
  } finally {
    rawDepth--;
  }
}

/** Lets terminal drawing through from now until the returned function is called. */
export function rawUntil(): () => void {
  rawDepth++;
  let ended = false;
  return () => {
    if (!ended) rawDepth--;
    ended = true;
  };
}
