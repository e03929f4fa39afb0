import { afterAll, describe, expect, it } from "vitest";
import { terminal, terminalSkipReason } from "../support/terminal.js";

const why = terminalSkipReason();
if (why) console.warn(`skipping the terminal fork test: ${why}`);
const { open, sessions, keys, typed, waitForScreen, waitFor, close } = terminal("fork");
const reviewOf = (round: number) => waitForScreen((s) => s.includes(`round ${round} `) && s.includes("Proposal:"), `round ${round}'s proposal`);

interface Listed {
  id: string;
  round: number;
  status: string;
  parent: { id: string; round: number } | null;
}

describe.skipIf(Boolean(why))("the fork key in a terminal", () => {
  afterAll(close);

  it("forks the session at an earlier review, goes on with the fork and leaves the original where it was", { timeout: 120_000 }, async () => {
    open("play cp-01");
    await reviewOf(1);
    keys("Enter");
    await reviewOf(2);

    keys("f");
    await waitFor("Fork at the review of round:");
    keys("BSpace");
    typed("1");
    keys("Enter");
    const forked = await waitFor("Forked as");
    expect(forked).toMatch(/round 1 /);

    const listed = sessions<Listed>();
    const original = listed.find((s) => s.parent === null);
    const fork = listed.find((s) => s.parent !== null);
    expect(original).toMatchObject({ round: 2, status: "awaiting review" });
    expect(fork).toMatchObject({ round: 1, status: "awaiting review", parent: { id: original!.id, round: 1 } });

    keys("q");
    await waitFor("Quit? The session is saved as");
    keys("y");
    const after = await waitFor("exited with 0");
    expect(after).toContain(`Session ${fork!.id} saved`);
  });
});
