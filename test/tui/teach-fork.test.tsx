import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { learnerFork } from "../../cli/commands/teach.js";
import { playScripted } from "../../graph/scripted.js";
import { DiagnosticSession } from "../../graph/session.js";
import { SessionSettingsSchema } from "../../core/settings.js";
import { type SessionStore, openSessionStore } from "../../sessions/store.js";
import { TeachApp, type TeachAppProps } from "../../tui/teach/run.js";
import { KEY, bundledCase, bundledData, liveFrame, press, type Rendered, renderWith, waitForFrame, waitForText } from "./helpers.js";

const stores: SessionStore[] = [];
afterEach(() => {
  cleanup();
  for (const s of stores.splice(0)) s.close();
});

const HEADER = "Chest pressure for two hours";
/** The frame with its line wrapping undone, for sentences longer than the 100-column test terminal. */
const unwrapped = (frame: string): string => frame.replace(/\s+/g, " ");
const settings = SessionSettingsSchema.parse({});

/** A store in a file of its own, as `dxsim teach` keeps sessions under DXSIM_HOME. */
function tempStore(): SessionStore {
  const store = openSessionStore(join(mkdtempSync(join(tmpdir(), "dxsim-teach-fork-")), "sessions.sqlite"));
  stores.push(store);
  return store;
}

/** Learner mode on a session, as `dxsim teach` runs it; what it ended with is kept. */
function renderLearner(session: DiagnosticSession, fork?: TeachAppProps["fork"]) {
  const exits: { sessionName: string }[] = [];
  const app = renderWith(
    <TeachApp
      caseFile={bundledCase("cp-01")}
      knowledge={bundledData().knowledge}
      learner={{ session, settings, sessionName: session.threadId }}
      writeDebrief={() => "/tmp/debrief.md"}
      fork={fork}
      onExit={(o) => exits.push(o)}
    />,
  );
  return { app, exits };
}

/** Learner mode on a new saved teach session, forking into the same store as `dxsim teach` wires it. */
function openSaved() {
  const { knowledge } = bundledData();
  const store = tempStore();
  const session = store.createSession({ caseFile: bundledCase("cp-01"), knowledge, mode: "teach" });
  return { ...renderLearner(session, learnerFork(store, knowledge)), store, original: session.threadId };
}

const live = (frame: string) => liveFrame(frame, HEADER);
const atMove = (round: number) => (f: string) => live(f).includes(`Round ${round}: your move.`);

/** Orders lipase at the learner's move and carries it out: the move of the next round. */
async function orderLipaseAndGoOn(app: Rendered, round: number): Promise<void> {
  await press(app, "o");
  await waitForText(app, "Order a test:");
  await press(app, "lipase");
  await waitForText(app, "› Lipase");
  await press(app, KEY.enter);
  await waitForText(app, "Enter carry out your decision");
  await press(app, KEY.enter);
  await waitForFrame(app, atMove(round + 1), `the move of round ${round + 1}`);
}

const trail = async (store: SessionStore, id: string) =>
  (await (await store.reopenSession(id, { knowledge: bundledData().knowledge })).session.status()).values.trail.map((t) => [t.round, t.decidedBy, t.action.kind]);

describe("forking in learner mode", () => {
  it("offers f at the learner's move and on the debrief, only when the session can be forked", async () => {
    const { knowledge } = bundledData();
    const memory = renderLearner(DiagnosticSession.create({ caseFile: bundledCase("cp-01"), knowledge, settings, threadId: "memory" })).app;
    const plain = live(await waitForFrame(memory, atMove(1), "the move of round 1"));
    expect(plain).toMatch(/d diagnose\s+q quit/);
    expect(plain).not.toContain("f fork");
    await press(memory, "f");
    expect(memory.lastFrame()).not.toContain("Fork at the review of round:");
    await press(memory, "?");
    expect(await waitForText(memory, "Keys  (Esc, ? or q closes the help)")).not.toContain("fork");
    memory.unmount();

    const { app } = openSaved();
    expect(live(await waitForFrame(app, atMove(1), "the move of round 1"))).toMatch(/d diagnose\s+f fork\s+q quit/);
    await press(app, "?");
    const help = await waitForText(app, "Keys  (Esc, ? or q closes the help)");
    expect(help.match(/f\s+fork: a new saved session from your move at a round you choose; this one stays as it is/g)).toHaveLength(2);
    await press(app, KEY.escape);
    await waitForFrame(app, (f) => !f.includes("Keys  (Esc") && atMove(1)(f), "the help to close");

    // Beside the panel's proposal the learner carries out the decision made: no fork there.
    await press(app, "d");
    await waitForText(app, "Final diagnosis:");
    await press(app, "nste");
    await waitForText(app, "› Non-ST-elevation myocardial infarction");
    await press(app, KEY.enter);
    await waitForText(app, "How sure are you");
    await press(app, "70", KEY.enter);
    expect(live(await waitForText(app, "Enter carry out your decision"))).not.toContain("f fork");
    await press(app, KEY.enter);
    await waitForText(app, "Your initial plan for Non-ST-elevation myocardial infarction:");
    await press(app, "aspirin", KEY.enter);
    expect(live(await waitForText(app, "Case judged: your debrief is printed above."))).toMatch(/w write debrief\s+f fork\s+q quit/);
  });

  it("forks at round 1 from the learner's move of round 2: the learner goes on with the fork at round 1, the original waits at round 2", async () => {
    const { app, store, original, exits } = openSaved();
    await waitForFrame(app, atMove(1), "the move of round 1");
    await orderLipaseAndGoOn(app, 1);

    await press(app, "f");
    await waitForText(app, "Fork at the review of round: 2");
    await press(app, KEY.backspace, "1", KEY.enter);
    const notice = await waitForText(app, /Forked as \S+ from round 1;/);
    const forkId = /Forked as (\S+) from round 1;/.exec(notice)![1]!;
    expect(forkId).not.toBe(original);
    expect(unwrapped(notice)).toContain(`Forked as ${forkId} from round 1; \`dxsim resume ${forkId}\` continues it.`);
    expect(unwrapped(notice)).toContain(`${original} is saved as it was.`);
    // Still learner mode: the fork's round 1 waits on the learner, the panel hidden.
    const fork = live(await waitForFrame(app, atMove(1), "the fork's move of round 1"));
    expect(fork).not.toContain("Proposal:");
    expect(fork).toMatch(/a ask\s+o order\s+d diagnose/);

    expect(await store.summary(original)).toMatchObject({ round: 2, status: "awaiting review", mode: "teach", parent: null });
    expect(await store.summary(forkId)).toMatchObject({ round: 1, status: "awaiting review", mode: "teach", parent: { id: original, round: 1 } });

    // The learner's next decision lands on the fork; the original is as it was.
    await press(app, "a");
    await waitForText(app, "Your question:");
    await press(app, "Does the pain spread anywhere?", KEY.enter);
    await waitForText(app, "Enter carry out your decision");
    await press(app, KEY.enter);
    await waitForFrame(app, atMove(2), "the fork's move of round 2");
    expect(await trail(store, forkId)).toEqual([[1, "physician", "ask"]]);
    expect(await trail(store, original)).toEqual([[1, "physician", "order"]]);
    expect(await store.summary(original)).toMatchObject({ round: 2, status: "awaiting review" });

    await press(app, "q", "y");
    await waitForFrame(app, () => exits.length > 0, "learner mode to end");
    expect(exits[0]).toMatchObject({ sessionName: forkId, end: { finished: false } });
  });

  it("refuses a round that has no review, says which rounds it takes, and forks nothing", async () => {
    const { app, store, original } = openSaved();
    await waitForFrame(app, atMove(1), "the move of round 1");
    await orderLipaseAndGoOn(app, 1);
    await press(app, "f");
    await waitForText(app, "Fork at the review of round: 2");
    await press(app, KEY.backspace, "5", KEY.enter);
    expect(await waitForText(app, '"5" is not a round here: type a round from 1 to 2.')).toContain("Fork at the review of round: 5");
    await press(app, KEY.escape);
    await waitForFrame(app, (f) => !f.includes("Fork at the review of round:") && atMove(2)(f), "the move of round 2 again");
    expect((await store.listSessions()).map((s) => s.id)).toEqual([original]);
  });

  it("says why a fork failed, and stays on the learner's move", async () => {
    const { knowledge } = bundledData();
    const store = tempStore();
    const session = store.createSession({ caseFile: bundledCase("cp-01"), knowledge, mode: "teach" });
    // The catalogue knows no such session: the store's own refusal reaches the screen.
    const { app } = renderLearner(session, (_id, round) => learnerFork(store, knowledge)("cp-01-gone", round));
    await waitForFrame(app, atMove(1), "the move of round 1");
    await press(app, "f", KEY.enter);
    const frame = live(await waitForText(app, "Error: The session could not be forked:"));
    expect(frame).toContain('Error: The session could not be forked: no saved session "cp-01-gone"');
    expect(frame).toContain("Round 1: your move.");
    expect((await store.listSessions()).map((s) => s.id)).toEqual([session.threadId]);
  });

  it("forks a judged session from its debrief; the fork's debrief sets it beside the original and the panel's own run", async () => {
    const { knowledge } = bundledData();
    const store = tempStore();
    const original = store.createSession({ caseFile: bundledCase("cp-01"), knowledge, mode: "teach" });
    const judged = await playScripted(original);
    const last = judged.values.round;
    const { app } = renderLearner(original, learnerFork(store, knowledge));
    await waitForText(app, "Case judged: your debrief is printed above.");

    await press(app, "f");
    await waitForText(app, `Fork at the review of round: ${last}`);
    await press(app, KEY.enter);
    await waitForText(app, new RegExp(`Forked as \\S+ from round ${last};`));
    await waitForFrame(app, atMove(last), `the fork's move of round ${last}`);
    await press(app, "d");
    await waitForText(app, "Final diagnosis:");
    await press(app, "pericarditis");
    await waitForText(app, "› Acute pericarditis");
    await press(app, KEY.enter);
    await waitForText(app, "How sure are you");
    await press(app, "40", KEY.enter);
    await waitForText(app, "Enter carry out your decision");
    await press(app, KEY.enter);
    await waitForText(app, "Your initial plan for Acute pericarditis:");
    await press(app, "ibuprofen; colchicine", KEY.enter);
    const debrief = unwrapped(await waitForText(app, "Two branches"));
    expect(debrief).toContain(`the original, ${original.threadId}`);
    expect(debrief).toContain("The panel on its own:");
    expect(debrief).toContain("Acute pericarditis");
    expect((await store.summary(original.threadId)).status).toBe("finished");
  });
});
