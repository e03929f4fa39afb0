import type { ReactElement } from "react";
import { type Instance, render } from "ink";
import { App, type AppOutcome, type AppProps } from "./app.js";
import { safeDeep } from "../output/safe-text.js";
import { rawUntil } from "../output/terminal-guard.js";

export interface TerminalStreams {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

const SHOW_CURSOR = "\u001B[?25h";

/** How a screen run in the terminal ended: its own outcome, or a crash as a readable message. */
export type Ended<T> = T | { kind: "error"; message: string };

/**
 * Runs the console until the physician quits, and gives back how it ended. The terminal is put
 * back (raw mode off, cursor shown) however it ends: a quit, Ctrl-C, a signal or a crash, which
 * comes back as an error outcome with a readable message instead of a stack trace.
 */
export function runConsole(props: Omit<AppProps, "onExit">, streams: TerminalStreams): Promise<AppOutcome> {
  return runInTerminal<AppOutcome>((finish) => <App {...props} cases={safeDeep(props.cases)} onExit={finish} />, { kind: "quit" }, streams);
}

/**
 * Runs a screen until it calls `finish`, as runConsole does the console (learner mode runs on
 * it too). A signal ends it with `quit`.
 */
export function runInTerminal<T>(screen: (finish: (how: Ended<T>) => void) => ReactElement, quit: T, streams: TerminalStreams): Promise<Ended<T>> {
  return new Promise((resolve) => {
    let outcome: Ended<T> = quit;
    let done = false;
    let instance: Instance | undefined;
    const restore = () => {
      if (streams.stdin.isTTY) streams.stdin.setRawMode(false);
      streams.stdout.write(SHOW_CURSOR);
    };
    const finish = (how: Ended<T>): void => {
      // The app may end during its first render, before render() has returned the instance.
      if (!instance) return void setImmediate(() => finish(how));
      if (done) return;
      done = true;
      outcome = how;
      instance.unmount();
    };
    const onSignal = () => finish(outcome);
    const onCrash = (error: unknown) => finish({ kind: "error", message: error instanceof Error ? error.message : String(error) });
    // While a prompt swaps its key handler in, no listener may hold the event loop for a moment.
    const keepAlive = setInterval(() => {}, 1 << 30);
    // Ink draws with escape sequences of its own; what it shows of a case or a model is made safe before.
    const endRaw = rawUntil();
    const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
    for (const s of signals) process.on(s, onSignal);
    process.on("uncaughtException", onCrash);
    process.on("unhandledRejection", onCrash);

    instance = render(screen(finish), {
      ...streams,
      exitOnCtrlC: false,
      // A terminal is what the caller checked for; CI variables must not switch Ink to its one-frame mode.
      interactive: true,
    });
    const settle = () => {
      clearInterval(keepAlive);
      for (const s of signals) process.off(s, onSignal);
      process.off("uncaughtException", onCrash);
      process.off("unhandledRejection", onCrash);
      restore();
      endRaw();
      resolve(outcome);
    };
    instance.waitUntilExit().then(settle, (error: unknown) => {
      outcome = { kind: "error", message: error instanceof Error ? error.message : String(error) };
      settle();
    });
  });
}
