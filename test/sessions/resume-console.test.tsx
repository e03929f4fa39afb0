import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { render } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import type { DiagnosticSession, SessionStatus } from "../../graph/session.js";
import { type SessionStore, openSessionStore } from "../../sessions/store.js";
import { App } from "../../tui/app.js";
import { themeFor } from "../../tui/theme.js";
import { KEY, bundledCase, bundledData, press, waitForText } from "../tui/helpers.js";

const stores: SessionStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});
const open = (path: string) => {
  const store = openSessionStore(path);
  stores.push(store);
  return store;
};

/** Waits, as the console runs the graph, until the session reaches the review of `round`. */
async function reviewOf(session: DiagnosticSession, round: number, timeoutMs = 10_000): Promise<SessionStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await session.status();
    if (status.review?.round === round) return status;
    if (Date.now() > deadline) throw new Error(`the session never reached the review of round ${round}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("a saved session in the console", () => {
  it("opens at the review it stopped on, and the physician's next decision lands on the same session", async () => {
    const { knowledge } = bundledData();
    const caseFile = bundledCase("abd-01");
    const path = join(mkdtempSync(join(tmpdir(), "dxsim-console-")), "sessions.sqlite");
    const first = open(path);
    const started = first.createSession({ caseFile, knowledge, mode: "play" });
    await started.start();
    const stopped = await started.decide({ kind: "approve" });
    const proposal = stopped.review!.proposal;
    // What the console shows of round 2's proposal, whichever kind it is.
    const shown = proposal.kind === "order" ? knowledge.catalog.byId.get(proposal.tests[0]!)!.name : proposal.kind === "ask" ? proposal.questions[0]! : null;
    if (!shown) throw new Error(`abd-01's panel proposes to ${proposal.kind} in round 2, with nothing to review`);
    first.close();

    const { session } = await open(path).reopenSession(started.threadId, { knowledge });
    const app = render(
      <App
        cases={[caseFile]}
        caseId={caseFile.id}
        knowledge={knowledge}
        display={{ theme: themeFor({ NO_COLOR: "1" }), screenReader: true }}
        prepare={async () => ({ session, settings: stopped.values.settings, sessionName: started.threadId, oracleCostUsd: 0 })}
        writeTranscript={() => ""}
        onExit={() => {}}
      />,
    );
    await waitForText(app, shown);
    await press(app, KEY.enter);
    const now = await reviewOf(session, 3);
    app.unmount();
    expect(now.values.trail.map((t) => [t.round, t.decidedBy, t.action])).toEqual([
      [1, "panel", stopped.values.trail[0]!.action],
      [2, "panel", proposal],
    ]);
  });
});
