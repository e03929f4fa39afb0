import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { terminal, terminalSkipReason } from "../support/terminal.js";

const why = terminalSkipReason();
if (why) console.warn(`skipping the terminal end-to-end test: ${why}`);
const { home, work, dxsim, open, tmux, keys, typed, waitForScreen, waitFor, close, diagnose } = terminal("test");

describe.skipIf(Boolean(why))("dxsim play in a terminal", () => {
  beforeAll(() => open("play cp-01"));
  afterAll(close);

  it("approves, overrides with an own test, undoes, diagnoses and shows the verdict", { timeout: 120_000 }, async () => {
    const first = await waitForScreen((s) => s.includes("Proposal:") && s.includes("Enter approve"), "round 1's proposal");
    expect(first).toContain("Chest pressure for two hours");
    expect(first).toContain("round 1");
    expect(first).not.toContain("Chest pressure while carrying heavy bags");
    expect(first).toContain("For education and research; not a medical device.");

    keys("Enter");
    const second = await waitForScreen((s) => s.includes("round 2 ") && s.includes("Proposal:"), "round 2's proposal");
    expect(second).toContain("New findings (round 1)");
    expect(second).toMatch(/^! /m);

    keys("o");
    await waitFor("Order a test:");
    typed("lipase");
    await waitFor("› Lipase");
    keys("Enter");
    const third = await waitForScreen((s) => s.includes("round 3 ") && s.includes("Proposal:"), "round 3's proposal");
    expect(third).toContain("New findings (round 2)");
    expect(third).toMatch(/▸ Lipase: /);

    keys("u");
    const undone = await waitForScreen((s) => s.includes("round 2 ") && s.includes("Proposal:") && !s.includes("New findings (round 2)"), "the review of round 2 again");
    expect(undone).toContain("New findings (round 1)");

    await diagnose("non-st", "Non-ST-elevation myocardial infarction", "75");
    await waitFor("The panel's plan for Non-ST-elevation myocardial infarction");
    keys("Enter");
    // The final report ends with the plan and its score; the verdict above it is checked in the transcript.
    const verdict = await waitFor("Plan score 1.00");
    expect(verdict).toMatch(/1\s+panel\s+order /);
    expect(verdict).toMatch(/2\s+OVERRIDE\s+diagnose Non-ST-elevation myocardial infarction/);

    keys("w");
    const written = await waitFor("Transcript written to");
    const file = readdirSync(work).find((f) => f.startsWith("dxsim-") && f.endsWith(".md"));
    expect(file).toBeDefined();
    expect(written).toContain(file!);
    const transcript = readFileSync(join(work, file!), "utf8");
    expect(transcript).toContain("Verdict: 5/5, correct.");
    expect(transcript).toContain("True diagnosis: Non-ST-elevation myocardial infarction (I21.4).");
    expect(transcript).toContain("## Treatment plan");

    keys("q");
    await waitFor("Quit? The session is saved as");
    keys("y");
    const after = await waitFor("exited with 0");
    // The line may wrap at the 100-column screen: read it whole.
    expect(after.replace(/\n/g, "")).toMatch(/Session \S+ saved \(.*sessions\.sqlite\)\. Verdict 5\/5, correct/);
    expect(existsSync(join(home, "sessions.sqlite"))).toBe(true);
  });

  it("gives the terminal back in its normal mode after Ctrl-C, with the session saved", { timeout: 60_000 }, async () => {
    const command = `${dxsim} play ha-01; echo "exited with $?"; stty -a | grep -oE -- '-?icanon' | sed 's/^/mode /'; sleep 600`;
    tmux("new-window", "-t", "console", "-n", "interrupted", "-c", work, command);
    const window = "console:interrupted";
    const shown = () => tmux("capture-pane", "-p", "-t", window);
    const deadline = Date.now() + 20_000;
    while (!shown().includes("Proposal:")) {
      if (Date.now() > deadline) throw new Error(`the console did not open:\n${shown()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    tmux("send-keys", "-t", window, "C-c");
    while (!shown().includes("mode ")) {
      if (Date.now() > deadline + 20_000) throw new Error(`the console did not exit:\n${shown()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const after = shown();
    expect(after).toContain("exited with 0");
    expect(after).toMatch(/Session \S+ saved/);
    expect(after).toContain("mode icanon");
  });
});
