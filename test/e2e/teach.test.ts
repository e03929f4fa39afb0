import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { terminal, terminalSkipReason } from "../support/terminal.js";

const why = terminalSkipReason();
if (why) console.warn(`skipping the terminal learner-mode test: ${why}`);
const { work, open, keys, typed, waitFor, close, diagnose, learnerCloses } = terminal("teach");

describe.skipIf(Boolean(why))("dxsim teach in a terminal", () => {
  afterAll(close);

  it("hides the panel until the learner decides, carries out the learner's decision and ends on the debrief", { timeout: 120_000 }, async () => {
    open("teach cp-01");
    const first = await waitFor("Round 1: your move.");
    expect(first).not.toContain("Proposal:");
    expect(first).toContain("For education and research; not a medical device.");

    keys("o");
    await waitFor("Order a test:");
    typed("troponin");
    await waitFor("› ");
    keys("Enter");
    const compared = await waitFor("You decided: order");
    expect(compared).toContain("Proposal:");

    keys("Enter");
    await waitFor("Round 2: your move.");
    await diagnose("non-st", "Non-ST-elevation myocardial infarction", "80");
    const judged = await learnerCloses("Non-ST-elevation myocardial infarction", "aspirin; fondaparinux");
    expect(judged).toContain("w write");

    keys("w");
    await waitFor("Debrief written to");
    const [file] = readdirSync(work).filter((f) => f.startsWith("dxsim-debrief-"));
    const markdown = readFileSync(join(work, file!), "utf8");
    expect(markdown).toMatch(/^# Debrief: /);
    expect(markdown).toContain("The panel on its own:");
    expect(markdown).toMatch(/\*\*Your plan:\*\* First line: aspirin; fondaparinux/);
    expect(markdown).toContain('- Round 1, test "Cardiac troponin": **critical**');

    keys("q");
    await waitFor("Quit?");
    keys("y");
    const after = await waitFor("exited with 0");
    expect(after).toMatch(/Session cp-01-\S+ saved/);
  });
});
