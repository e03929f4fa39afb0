import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, terminal, terminalSkipReason } from "../support/terminal.js";

const why = terminalSkipReason();
if (why) console.warn(`skipping the terminal fork test: ${why}`);
const { tmux, keys, typed, waitForScreen, waitFor, killServer } = terminal("fork");
const reviewOf = (round: number) => waitForScreen((s) => s.includes(`round ${round} `) && s.includes("Proposal:"), `round ${round}'s proposal`);

interface Listed {
  id: string;
  round: number;
  status: string;
  parent: { id: string; round: number } | null;
}

describe.skipIf(Boolean(why))("the fork key in a terminal", () => {
  const home = mkdtempSync(join(tmpdir(), "dxsim-home-"));
  const work = mkdtempSync(join(tmpdir(), "dxsim-work-"));

  afterAll(() => {
    killServer();
    rmSync(home, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it("forks the session at an earlier review, goes on with the fork and leaves the original where it was", { timeout: 120_000 }, async () => {
    tmux("new-session", "-d", "-s", "console", "-x", "100", "-y", "40", "-c", work, `env -u CI DXSIM_HOME='${home}' '${process.execPath}' '${cli}' play cp-01; echo "exited with $?"; sleep 600`);
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

    const listed = JSON.parse(execFileSync(process.execPath, [cli, "sessions", "--json"], { env: { ...process.env, DXSIM_HOME: home }, encoding: "utf8" })) as Listed[];
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
