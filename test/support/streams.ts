import type { TerminalStreams } from "../../tui/run.js";

/** Streams that are not a terminal, as in a pipe or CI, keeping what was written. */
export function pipeStreams() {
  const out: string[] = [];
  const err: string[] = [];
  const writer = (sink: string[]) => ({ isTTY: false, write: (chunk: string) => (sink.push(chunk), true) });
  const streams = { stdin: { isTTY: false }, stdout: writer(out), stderr: writer(err) } as unknown as TerminalStreams;
  return { streams, out: () => out.join(""), err: () => err.join("") };
}
