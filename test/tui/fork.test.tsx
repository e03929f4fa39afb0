import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import type { Case } from "../../core/case.js";
import { DiagnosticSession } from "../../graph/session.js";
import { SessionSettingsSchema } from "../../core/settings.js";
import { type SessionStore, openSessionStore } from "../../sessions/store.js";
import type { Display } from "../../tui/hooks/useDisplay.js";
import { KEY, bundledCase, bundledData, liveFrame, plainDisplay, press, type Rendered, renderConsole, waitForFrame, waitForText } from "./helpers.js";

const stores: SessionStore[] = [];
afterEach(() => {
  cleanup();
  for (const s of stores.splice(0)) s.close();
});

const cp01 = () => bundledCase("cp-01");
const HEADER = "Chest pressure for two hours  ·";
/** The frame with its line wrapping undone, for sentences longer than the 100-column test terminal. */
const unwrapped = (frame: string): string => frame.replace(/\s+/g, " ");

/** A store in a file of its own, as `dxsim play` keeps sessions under DXSIM_HOME. */
function tempStore(): SessionStore {
  const store = openSessionStore(join(mkdtempSync(join(tmpdir(), "dxsim-fork-")), "sessions.sqlite"));
  stores.push(store);
  return store;
}

/** The console on a saved session, forking into the same store, as `dxsim play` wires it. */
function openSaved(caseFile: Case, display: Display = plainDisplay) {
  const { knowledge } = bundledData();
  const store = tempStore();
  const session = store.createSession({ caseFile, knowledge, mode: "play" });
  const settings = SessionSettingsSchema.parse({});
  const { app, exits } = renderConsole(
    caseFile,
    {
      prepare: async () => ({ session, settings, sessionName: session.threadId, oracleCostUsd: 26.38 }),
      fork: (id, round) => store.forkSession(id, round, { knowledge }),
    },
    display,
  );
  return { app, store, original: session.threadId, exits };
}

/** The console on a session kept in memory: nothing to fork into. */
function openInMemory(caseFile: Case) {
  const { knowledge } = bundledData();
  const settings = SessionSettingsSchema.parse({});
  return renderConsole(caseFile, {
    prepare: async (c) => ({ session: DiagnosticSession.create({ caseFile: c, knowledge, settings, threadId: "memory" }), settings, sessionName: "memory", oracleCostUsd: 0 }),
  }).app;
}

const reviewOfRound = (round: number) => (f: string) => f.includes(`round ${round} `) && liveFrame(f, HEADER).includes("Proposal:");

async function atReviewOfRound2(app: Rendered) {
  await waitForFrame(app, reviewOfRound(1), "round 1's proposal");
  await press(app, KEY.enter);
  await waitForFrame(app, reviewOfRound(2), "round 2's proposal");
}

describe("forking from the console", () => {
  it("offers f only when the session can be forked, at a review and after the verdict", async () => {
    const memory = openInMemory(cp01());
    const plain = liveFrame(await waitForFrame(memory, reviewOfRound(1), "round 1's proposal"), HEADER);
    expect(plain).toContain("Enter approve");
    expect(plain).not.toContain("f fork");
    await press(memory, "f");
    expect(memory.lastFrame()).not.toContain("Fork at the review of round:");
    memory.unmount();

    const { app } = openSaved(cp01());
    const review = liveFrame(await waitForFrame(app, reviewOfRound(1), "round 1's proposal"), HEADER);
    expect(review).toMatch(/d diagnose\s+f fork\s+n\/space step/);
    await press(app, "p");
    const final = liveFrame(await waitForText(app, "Session finished"), HEADER);
    expect(final).toMatch(/u undo\s+f fork\s+w write transcript/);
    await press(app, "?");
    expect(await waitForText(app, "Keys  (Esc, ? or q closes the help)")).toMatch(/f\s+fork: a new saved session from the review of a round you choose/);
  });

  it("forks at round 1 from the review of round 2: the console plays the fork at round 1, the original stays at round 2", async () => {
    const { app, store, original, exits } = openSaved(cp01());
    await atReviewOfRound2(app);
    const originalReview = (await store.reopenSession(original, { knowledge: bundledData().knowledge }).then((o) => o.session.status())).review!;
    expect(originalReview.round).toBe(2);

    await press(app, "f");
    await waitForText(app, "Fork at the review of round: 2");
    await press(app, KEY.backspace, "1", KEY.enter);
    const notice = await waitForText(app, /Forked as \S+ from round 1;/);
    const forkId = /Forked as (\S+) from round 1;/.exec(notice)![1]!;
    expect(forkId).not.toBe(original);
    expect(unwrapped(notice)).toContain(`Forked as ${forkId} from round 1; \`dxsim resume ${forkId}\` continues it. You are now on the fork; ${original} is saved as it was.`);
    await waitForFrame(app, reviewOfRound(1), "the fork's review of round 1");

    expect(store.record(forkId)?.parent).toEqual({ id: original, round: 1 });
    const sessions = Object.fromEntries((await store.listSessions()).map((s) => [s.id, { round: s.round, status: s.status }]));
    expect(sessions).toEqual({ [original]: { round: 2, status: "awaiting review" }, [forkId]: { round: 1, status: "awaiting review" } });

    // The physician's next decision lands on the fork; the original's review of round 2 is as it was.
    await press(app, "a");
    await waitForText(app, "Your question:");
    await press(app, "Does the pain spread anywhere?", KEY.enter);
    await waitForFrame(app, reviewOfRound(2), "the fork's round 2");
    const { knowledge } = bundledData();
    const fork = await (await store.reopenSession(forkId, { knowledge })).session.status();
    expect(fork.values.trail.map((t) => [t.round, t.decidedBy, t.action.kind])).toEqual([[1, "physician", "ask"]]);
    const still = await (await store.reopenSession(original, { knowledge })).session.status();
    expect(still.review).toEqual(originalReview);
    expect(still.values.trail.map((t) => [t.round, t.decidedBy])).toEqual([[1, "panel"]]);

    await press(app, "q", "y");
    await waitForFrame(app, () => exits.length > 0, "the app to exit");
    expect(exits[0]).toMatchObject({ kind: "session", sessionName: forkId, end: { finished: false } });
  });

  it("refuses a round that has no review, says which rounds it takes, and forks nothing", async () => {
    const { app, store, original } = openSaved(cp01());
    await atReviewOfRound2(app);
    await press(app, "f");
    await waitForText(app, "Fork at the review of round: 2");
    await press(app, KEY.backspace, "5", KEY.enter);
    expect(await waitForText(app, '"5" is not a round here: type a round from 1 to 2.')).toContain("Fork at the review of round: 5");
    await press(app, KEY.backspace, "0", KEY.enter);
    await waitForText(app, '"0" is not a round here: type a round from 1 to 2.');
    await press(app, KEY.backspace, "x", KEY.enter);
    await waitForText(app, '"x" is not a round here: type a round from 1 to 2.');
    await press(app, KEY.backspace, KEY.enter);
    await waitForText(app, "No round typed: type a round from 1 to 2.");
    await press(app, KEY.escape);
    await waitForFrame(app, (f) => !f.includes("Fork at the review of round:") && reviewOfRound(2)(f), "the review of round 2 again");
    expect((await store.listSessions()).map((s) => s.id)).toEqual([original]);
  });

  it("forks from the final screen at the last round by default, back to its review before the verdict", async () => {
    const { app, store, original } = openSaved(cp01());
    await waitForFrame(app, reviewOfRound(1), "round 1's proposal");
    await press(app, "p");
    await waitForText(app, "Session finished");
    const { knowledge } = bundledData();
    const judged = await (await store.reopenSession(original, { knowledge })).session.status();
    const last = judged.values.round;
    expect(judged.finished).toBe(true);

    await press(app, "f");
    await waitForText(app, `Fork at the review of round: ${last}`);
    await press(app, KEY.enter);
    const notice = await waitForText(app, new RegExp(`Forked as \\S+ from round ${last};`));
    const forkId = new RegExp(`Forked as (\\S+) from round ${last};`).exec(notice)![1]!;
    await waitForFrame(app, reviewOfRound(last), `the fork's review of round ${last}`);

    const fork = await (await store.reopenSession(forkId, { knowledge })).session.status();
    expect(fork.finished).toBe(false);
    expect(fork.review?.round).toBe(last);
    expect(fork.values.verdict).toBeNull();
    expect((await store.summary(original)).status).toBe("finished");
  });

  it("says why a fork failed, and stays on the session", async () => {
    const { knowledge } = bundledData();
    const store = tempStore();
    const session = store.createSession({ caseFile: cp01(), knowledge, mode: "play" });
    const settings = SessionSettingsSchema.parse({});
    const { app } = renderConsole(cp01(), {
      prepare: async () => ({ session, settings, sessionName: session.threadId, oracleCostUsd: 0 }),
      // The catalogue knows no such session: the store's own refusal reaches the screen.
      fork: (_id, round) => store.forkSession("cp-01-gone", round, { knowledge }),
    });
    await waitForFrame(app, reviewOfRound(1), "round 1's proposal");
    await press(app, "f", KEY.enter);
    const frame = liveFrame(await waitForText(app, "Error: The session could not be forked:"), HEADER);
    expect(frame).toContain('Error: The session could not be forked: no saved session "cp-01-gone"');
    expect(frame).toContain("Enter approve");
    expect((await store.listSessions()).map((s) => s.id)).toEqual([session.threadId]);
  });

  it("announces the fork as a line of text in the screen-reader layout", async () => {
    const { app } = openSaved(cp01(), { ...plainDisplay, screenReader: true });
    await waitForText(app, "The panel proposes to order");
    await press(app, KEY.enter);
    await waitForText(app, "Round 2, Chair:");
    await waitForFrame(app, (f) => /Keys: Enter approve.*f fork/.test(f), "the keys of round 2's review");
    await press(app, "f");
    await waitForText(app, "Fork at the review of round: 2");
    await press(app, KEY.backspace, "1", KEY.enter);
    // The fork is said first, then the fork's own lines, from its presentation to the review it begins at.
    const frame = await waitForFrame(
      app,
      (f) => /Forked as (\S+) from round 1; `dxsim resume \1` continues it\. You are now on the fork; .* dxsim, case cp-01: .* The panel proposes to order/.test(unwrapped(f)),
      "the fork announced, then its review of round 1",
    );
    expect(frame).not.toMatch(/[█▏▎▍▌▋▊▉╭╮╰╯│─]/);
  });
});
