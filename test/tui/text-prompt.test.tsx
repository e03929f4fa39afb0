import type { ReactElement } from "react";
import { describe, expect, it, vi } from "vitest";
import { ForkPrompt } from "../../tui/components/ForkPrompt.js";
import { TextPrompt } from "../../tui/components/TextPrompt.js";
import { renderWith, settle, waitForText } from "./helpers.js";

const nothing = () => {};

/** Renders a prompt and waits until it is on screen and listening. */
async function opened(prompt: ReactElement, label: string) {
  const app = renderWith(prompt);
  await waitForText(app, label);
  await settle();
  return app;
}

// A terminal hands the console what arrived since its last read as one input: pasted text, or
// keys typed faster than they are read (tmux, a slow SSH link), can bring a line break with the
// text before it. The prompt must take the text and then the Enter, in that order.
describe("a text prompt given text and Enter in one input", () => {
  it("sends the text typed with the Enter, not what was there before it", async () => {
    const onSubmit = vi.fn();
    const app = await opened(<TextPrompt label="Ask:" onSubmit={onSubmit} onCancel={nothing} onInterrupt={nothing} />, "Ask:");
    app.stdin.write("any chest pain?\r");
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledExactlyOnceWith("any chest pain?"));
  });

  it("forks at the round typed just before the Enter (the console's fork prompt)", async () => {
    const onFork = vi.fn();
    const app = await opened(<ForkPrompt round={2} lastRound={2} onFork={onFork} onCancel={nothing} onInterrupt={nothing} />, "Fork at the review of round:");
    app.stdin.write("\u007f");
    await settle();
    app.stdin.write("1\r");
    await vi.waitFor(() => expect(onFork).toHaveBeenCalledExactlyOnceWith(1));
  });

  it("keeps text that comes after the line break for the prompt, and sends nothing twice", async () => {
    const onSubmit = vi.fn();
    const app = await opened(<TextPrompt label="Ask:" onSubmit={onSubmit} onCancel={nothing} onInterrupt={nothing} />, "Ask:");
    app.stdin.write("first\rsecond");
    await waitForText(app, "firstsecond");
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith("first");
  });
});
