import { buildSessionGraph } from "./build.js";
import type { Reviewer, RunContext } from "./nodes.js";
import { RECURSION_LIMIT, type SessionOptions, firstState, sessionParts } from "./session.js";
import type { SessionValues } from "./state.js";

export type HeadlessOptions = Omit<SessionOptions, "checkpointer" | "threadId" | "durability">;

/**
 * Plays a case to its verdict through the same graph as a DiagnosticSession, each review
 * answered by `reviewer` in place, with no checkpointer: for batch runs (`dxsim run`), which
 * never reopen, resume, undo or fork a session, so nothing of one needs saving. The final state
 * is the run's last "values" chunk. Interactive sessions (console, server, `dxsim play`) go
 * through DiagnosticSession, saved after every step.
 */
export async function playHeadless(options: HeadlessOptions, reviewer: Reviewer): Promise<SessionValues> {
  const { parts, settings } = sessionParts(options);
  const graph = buildSessionGraph({ ...parts, checkpointer: false });
  const context: RunContext = { reviewer };
  const input = firstState(options.caseFile, settings);
  let last: SessionValues | undefined;
  for await (const values of await graph.stream(input, { context, recursionLimit: RECURSION_LIMIT, streamMode: "values" })) last = values as SessionValues;
  if (!last) throw new Error(`dxsim graph: case ${options.caseFile.id} produced no state`);
  return last;
}
