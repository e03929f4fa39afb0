import { ErrorBoundary } from "../components/ErrorBoundary.js";
import type { SessionEnd } from "../components/SessionScreen.js";
import { type Display, DisplayContext } from "../hooks/useDisplay.js";
import { type Ended, type TerminalStreams, runInTerminal } from "../run.js";
import { TeachScreen, type TeachScreenProps } from "./TeachScreen.js";

/** "quit": ended by a signal, before the screen could say how the session stood. */
export type TeachOutcome = Ended<{ kind: "session"; end: SessionEnd } | { kind: "quit" }>;

/** Runs learner mode until the learner quits; the terminal is put back however it ends. */
export function runTeach(props: Omit<TeachScreenProps, "onExit">, display: Display, streams: TerminalStreams): Promise<TeachOutcome> {
  return runInTerminal<TeachOutcome>(
    (finish) => (
      <DisplayContext value={display}>
        <ErrorBoundary onError={(e) => finish({ kind: "error", message: e.message })}>
          <TeachScreen {...props} onExit={(end) => finish({ kind: "session", end })} />
        </ErrorBoundary>
      </DisplayContext>
    ),
    { kind: "quit" },
    streams,
  );
}
