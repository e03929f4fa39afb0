import { render } from "ink-testing-library";
import type { ReactElement } from "react";
import { loadBundledKnowledge } from "../../cli/knowledge.js";
import type { Knowledge } from "../../agents/view.js";
import type { Case } from "../../core/case.js";
import { loadBundledCases } from "../../core/case-loader.js";
import { App, type AppOutcome, type AppProps } from "../../tui/app.js";
import { DisplayContext, type Display } from "../../tui/hooks/useDisplay.js";
import { themeFor } from "../../tui/theme.js";

// Ink sizes a stdout without rows (the test double has none) by asking the terminal, once per
// frame; the environment answers at once. The double is 100 columns wide; tests of the
// smallest terminal (24 rows) set LINES themselves.
process.env.COLUMNS = "100";
process.env.LINES = "40";

let bundled: { cases: Case[]; knowledge: Knowledge } | undefined;

/** The bundled cases and knowledge, loaded once per test file. */
export function bundledData(): { cases: Case[]; knowledge: Knowledge } {
  bundled ??= { cases: loadBundledCases().cases.map((c) => c.case), knowledge: loadBundledKnowledge() };
  return bundled;
}

export const bundledCase = (id: string): Case => {
  const found = bundledData().cases.find((c) => c.id === id);
  if (!found) throw new Error(`no bundled case ${id}`);
  return found;
};

export const plainDisplay: Display = { theme: themeFor({ NO_COLOR: "1" }), screenReader: false };

export type Rendered = ReturnType<typeof render>;

export const renderWith = (node: ReactElement, display: Display = plainDisplay): Rendered =>
  render(<DisplayContext value={display}>{node}</DisplayContext>);

/** Lets React run its effects (input listeners are attached in effects) before the next key. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Polls the last frame until it satisfies the check; fails with the frame it last saw. */
export async function waitForFrame(app: Rendered, check: (frame: string) => boolean, what = "the expected frame", timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = app.lastFrame() ?? "";
    if (check(frame)) {
      await settle();
      return frame;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${frame}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const waitForText = (app: Rendered, text: string | RegExp, timeoutMs?: number): Promise<string> =>
  waitForFrame(app, (f) => (typeof text === "string" ? f.includes(text) : text.test(f)), `"${String(text)}"`, timeoutMs);

/** Sends keys once the app can hear them. */
export async function press(app: Rendered, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    await settle();
    app.stdin.write(key);
  }
  await settle();
}

/** The live frame: what follows the last header (the printed log comes before it). */
export function liveFrame(frame: string, header: string): string {
  const at = frame.lastIndexOf(header);
  return at < 0 ? frame : frame.slice(frame.lastIndexOf("\n", at) + 1);
}

export const KEY = { enter: "\r", escape: "\u001B", up: "\u001B[A", down: "\u001B[B", left: "\u001B[D", right: "\u001B[C", tab: "\t", backspace: "\u007F", ctrlC: "\u0003" } as const;

/** The console opened on one case, as `dxsim play <case>` opens it; what it ended with is kept. */
export function renderConsole(
  caseFile: Case,
  props: Pick<AppProps, "prepare"> & Partial<Pick<AppProps, "fork" | "writeTranscript">>,
  display: Display = plainDisplay,
): { app: Rendered; exits: AppOutcome[] } {
  const exits: AppOutcome[] = [];
  const app = renderWith(
    <App
      cases={[caseFile]}
      caseId={caseFile.id}
      knowledge={bundledData().knowledge}
      display={display}
      writeTranscript={() => ""}
      {...props}
      onExit={(o) => exits.push(o)}
    />,
    display,
  );
  return { app, exits };
}
