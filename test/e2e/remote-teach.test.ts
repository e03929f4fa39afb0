import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServeProcess, startServe } from "../../bench/support/serve-process.js";
import { RemoteError, WorkshopClient } from "../../cli/remote/client.js";
import { terminal, terminalSkipReason } from "../support/terminal.js";

const why = terminalSkipReason();
if (why) console.warn(`skipping the remote learner-mode test: ${why}`);
const secrets = { DXSIM_JOIN_CODE: "teach-join", DXSIM_INSTRUCTOR_TOKEN: "teach-instructor-token" };
const { work, open, keys, waitFor, close, diagnose, learnerCloses } = terminal("remote-teach");

describe.skipIf(Boolean(why))("learner mode attached to a workshop server, in a terminal", () => {
  let server: ServeProcess;
  beforeAll(async () => {
    process.env.DXSIM_JOIN_CODE = secrets.DXSIM_JOIN_CODE;
    const folder = mkdtempSync(join(tmpdir(), "dxsim-teach-server-"));
    const workshop = join(folder, "workshop.yaml");
    writeFileSync(workshop, "name: Learner-mode morning\ncases: [cp-01]\nmode: teach\n");
    server = await startServe(["--db", join(folder, "server.sqlite"), "--workshop", workshop], { PATH: process.env.PATH, HOME: folder, DXSIM_HOME: folder, ...secrets }, folder);
  }, 60_000);
  afterAll(async () => {
    close();
    await server?.stop();
  });

  it("has the learner decide first, asks their confidence, and shows the server's debrief with points", { timeout: 120_000 }, async () => {
    open(`teach cp-01 --server ${server.url} --learner Cleo`);
    const move = await waitFor("Round 1: your move.");
    // The panel's proposal stays hidden until the learner decides.
    expect(move).not.toContain("Proposal:");
    expect(move).not.toContain("Chest pressure while carrying heavy bags");

    await diagnose("non-st", "Non-ST-elevation myocardial infarction", "80");
    await learnerCloses("Non-ST-elevation myocardial infarction", "aspirin; fondaparinux");

    keys("w");
    await waitFor("Debrief written to");
    const file = readdirSync(work).find((f) => f.startsWith("dxsim-debrief-cp-01-") && f.endsWith(".md"));
    // The debrief the server made, written on the learner's machine.
    const written = readFileSync(join(work, file!), "utf8").replace(/\s+/g, " ");
    expect(written).toMatch(/\*\*Diagnosis:\*\* Non-ST-elevation myocardial infarction\./);
    expect(written).toMatch(/You said you were 80% sure \(the panel gave it \d+%\)/);
    expect(written).toMatch(/\*\*Points:\*\* \d+ of 100/);
    expect(written).toMatch(/\*\*The panel on its own:\*\* Non-ST-elevation myocardial infarction/);

    const instructor = await WorkshopClient.signIn(server.url, { instructorToken: secrets.DXSIM_INSTRUCTOR_TOKEN });
    const [row] = (await instructor.status()).filter((r) => r.learner === "Cleo");
    expect(row).toMatchObject({ caseId: "cp-01", status: "finished", score: 5 });
    // Learner mode carries out the learner's own decisions: approving the panel is refused.
    const learner = await WorkshopClient.signIn(server.url, { learner: "Dee", joinCode: secrets.DXSIM_JOIN_CODE });
    const started = await learner.create("cp-01");
    await expect(learner.decide(started.id, { kind: "approve" })).rejects.toThrow(RemoteError);
    await expect(learner.decide(started.id, { kind: "approve" })).rejects.toThrow(/learner mode/);
    // The debrief comes with the verdict, not before.
    await expect(learner.debrief(started.id)).rejects.toThrow(/comes with the verdict/);
  });
});
