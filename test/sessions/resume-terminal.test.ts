import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { terminal, terminalSkipReason } from "../support/terminal.js";
import { openSessionStore } from "../../sessions/store.js";
import { bundled } from "../graph/helpers.js";

/**
 * The built console in a real terminal (tmux, 100×40), killed with SIGKILL while it waits on
 * the physician, then continued with `dxsim resume`. `npm test` builds dist/ first.
 */
const why = terminalSkipReason();
if (why) console.warn(`skipping the terminal resume test: ${why}`);
const { home, work, dxsim, sessions, tmux, keys, waitForScreen, close } = terminal("resume");
const reviewOf = (round: number) => waitForScreen((s) => s.includes(`round ${round} `) && s.includes("Proposal:"), `round ${round}'s proposal`);

describe.skipIf(Boolean(why))("dxsim resume in a terminal", () => {
  afterAll(close);

  it("after a SIGKILL while the console waited on the physician, opens at the same review and goes on", { timeout: 120_000 }, async () => {
    // `exec`: the pane's process is the console itself, so the kill reaches it and nothing else.
    tmux("new-session", "-d", "-s", "console", "-x", "100", "-y", "40", "-c", work, `exec ${dxsim} play cp-02`);
    tmux("set-option", "-t", "console", "remain-on-exit", "on");
    await reviewOf(1);
    keys("Enter");
    const before = await reviewOf(2);

    process.kill(Number(tmux("display-message", "-p", "-t", "console", "#{pane_pid}").trim()), "SIGKILL");
    await waitForScreen(() => tmux("display-message", "-p", "-t", "console", "#{pane_dead}").trim() === "1", "the console to die");

    const listed = sessions<{ id: string; round: number; status: string }>();
    expect(listed).toMatchObject([{ round: 2, status: "awaiting review" }]);
    const id = listed[0]!.id;

    tmux("respawn-pane", "-k", "-t", "console", `${dxsim} resume ${id}; echo "exited with $?"; sleep 600`);
    const resumed = await reviewOf(2);
    const proposal = (s: string) => s.split("\n").find((l) => l.includes("Proposal:"));
    expect(proposal(resumed)).toBe(proposal(before));
    expect(resumed).toContain("New findings (round 1)");
    keys("Enter");
    await reviewOf(3);
    keys("q");
    await waitForScreen((s) => s.includes("Quit? The session is saved as"), "the quit question");
    keys("y");
    const after = await waitForScreen((s) => s.includes("exited with 0"), "the console to exit");
    expect(after).toContain(`Session ${id} saved`);

    const store = openSessionStore(join(home, "sessions.sqlite"));
    try {
      const { session } = await store.reopenSession(id, { knowledge: bundled().knowledge });
      const status = await session.status();
      expect(status.review?.round).toBe(3);
      expect(status.values.trail.map((t) => [t.round, t.decidedBy])).toEqual([
        [1, "panel"],
        [2, "panel"],
      ]);
    } finally {
      store.close();
    }
  });
});
