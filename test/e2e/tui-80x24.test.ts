import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { terminal, terminalSkipReason } from "../support/terminal.js";

const why = terminalSkipReason();
if (why) console.warn(`skipping the 80×24 terminal test: ${why}`);
const { open, keys, waitForScreen, close } = terminal("small", { columns: 80, rows: 24 });

/** The screen's words in order, rows joined: a finding wrapped over rows reads as one sentence. */
const words = (screen: string): string => screen.replace(/\s+/g, " ");

describe.skipIf(Boolean(why))("dxsim play in an 80×24 terminal", () => {
  beforeAll(() => open("play cp-04"));
  afterAll(close);

  it("wraps a newly revealed finding in full instead of cutting it to one row", { timeout: 90_000 }, async () => {
    await waitForScreen((s) => s.includes("Proposal:") && s.includes("Enter approve"), "round 1's proposal");
    keys("Enter");
    const screen = await waitForScreen((s) => s.includes("round 2 ") && s.includes("Proposal:"), "round 2's proposal");
    expect(screen).toContain("New findings (round 1)");
    // The ECG that gives the diagnosis away, every word of it on screen.
    expect(words(screen)).toContain(
      "12-lead electrocardiogram: Sinus tachycardia 102/min. Concave ST elevation of 1-2 mm in I, II, aVL, aVF and V2-V6 with PR depression; ST depression and PR elevation in aVR. No reciprocal changes elsewhere, no Q waves.",
    );
  });
});
