import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServeProcess, startServe } from "../../bench/support/serve-process.js";
import { WorkshopClient } from "../../cli/remote/client.js";
import { terminal, terminalSkipReason } from "../support/terminal.js";

const why = terminalSkipReason();
if (why) console.warn(`skipping the remote console test: ${why}`);
const secrets = { DXSIM_JOIN_CODE: "remote-join", DXSIM_INSTRUCTOR_TOKEN: "remote-instructor-token" };
const { work, open, keys, typed, waitForScreen, waitFor, close, diagnose } = terminal("remote");

describe.skipIf(Boolean(why))("the console attached to a workshop server, in a terminal", () => {
  let server: ServeProcess;
  beforeAll(async () => {
    // The learner's shell has the join code (tmux passes the test's environment on), nothing else of the workshop.
    process.env.DXSIM_JOIN_CODE = secrets.DXSIM_JOIN_CODE;
    const folder = mkdtempSync(join(tmpdir(), "dxsim-remote-server-"));
    server = await startServe(["--db", join(folder, "server.sqlite")], { PATH: process.env.PATH, HOME: folder, DXSIM_HOME: folder, ...secrets }, folder);
  }, 60_000);
  afterAll(async () => {
    close();
    await server?.stop();
  });

  it("plays a named case round by round through the server", { timeout: 120_000 }, async () => {
    open(`play cp-01 --server ${server.url} --learner Ben`);
    const first = await waitForScreen((s) => s.includes("Proposal:") && s.includes("Enter approve"), "round 1's proposal");
    expect(first).toContain("Chest pressure for two hours");
    expect(first).not.toContain("Chest pressure while carrying heavy bags");

    keys("Enter");
    const second = await waitForScreen((s) => s.includes("round 2 ") && s.includes("Proposal:"), "round 2's proposal");
    expect(second).toContain("New findings (round 1)");

    keys("u");
    await waitForScreen((s) => s.includes("round 1 ") && s.includes("Proposal:") && !s.includes("New findings (round 1)"), "the review of round 1 again");

    await diagnose("non-st", "Non-ST-elevation myocardial infarction", "75");
    await waitFor("The panel's plan for Non-ST-elevation myocardial infarction");
    keys("Enter");
    await waitFor("Plan score");

    // What the verdict disclosed reaches the learner's own transcript, written on their machine.
    keys("w");
    await waitFor("Transcript written to");
    const file = readdirSync(work).find((f) => f.startsWith("dxsim-cp-01-") && f.endsWith(".md"));
    const transcript = readFileSync(join(work, file!), "utf8");
    expect(transcript).toContain("Verdict: 5/5, correct.");
    expect(transcript).toContain("True diagnosis: Non-ST-elevation myocardial infarction (I21.4).");

    const instructor = await WorkshopClient.signIn(server.url, { instructorToken: secrets.DXSIM_INSTRUCTOR_TOKEN });
    const rows = await instructor.status();
    expect(rows.filter((r) => r.learner === "Ben")).toMatchObject([{ caseId: "cp-01", status: "finished", score: 5 }]);
  });
});
