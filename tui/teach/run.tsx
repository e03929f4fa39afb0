import { render } from "ink";
import { ErrorBoundary } from "../components/ErrorBoundary.js";
import type { SessionEnd } from "../components/SessionScreen.js";
import { type Display, DisplayContext } from "../hooks/useDisplay.js";
import type { TerminalStreams } from "../run.js";
import { TeachScreen, type TeachScreenProps } from "./TeachScreen.js";

export type TeachOutcome = { kind: "session"; end: SessionEnd } | { kind: "error"; message: string };

const SHOW_CURSOR = "\u001B[?25h";

/** Runs learner mode until the learner quits; the terminal is put back however it ends. */
export async function runTeach(props: Omit<TeachScreenProps, "onExit">, display: Display, streams: TerminalStreams): Promise<TeachOutcome> {
  let outcome: TeachOutcome = { kind: "error", message: "learner mode ended before the session began" };
  let finish: (how: TeachOutcome) => void = () => {};
  const instance = render(
    <DisplayContext value={display}>
      <ErrorBoundary onError={(e) => finish({ kind: "error", message: e.message })}>
        <TeachScreen {...props} onExit={(end) => finish({ kind: "session", end })} />
      </ErrorBoundary>
    </DisplayContext>,
    { ...streams, exitOnCtrlC: false, interactive: true },
  );
  finish = (how) => {
    outcome = how;
    instance.unmount();
  };
  try {
    await instance.waitUntilExit();
  } finally {
    if (streams.stdin.isTTY) streams.stdin.setRawMode(false);
    streams.stdout.write(SHOW_CURSOR);
  }
  return outcome;
}
