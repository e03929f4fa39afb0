import { afterEach, describe, expect, it } from "vitest";
import { cleanup } from "ink-testing-library";
import { DiagnosticSession } from "../../graph/session.js";
import { SessionSettingsSchema } from "../../core/settings.js";
import { usd, usdExact } from "../../output/money.js";
import type { Display } from "../../tui/hooks/useDisplay.js";
import { pricedAction } from "../../tui/priced-action.js";
import { TeachScreen } from "../../tui/teach/TeachScreen.js";
import { themeFor } from "../../tui/theme.js";
import { KEY, bundledCase, bundledData, liveFrame, plainDisplay, press, renderWith, waitForFrame, waitForText } from "./helpers.js";

afterEach(cleanup);

const screenReader: Display = { theme: themeFor({ NO_COLOR: "1" }), screenReader: true };

function openTeach(options: { budgetUsd?: number; display?: Display } = {}) {
  const caseFile = bundledCase("cp-01");
  const { knowledge } = bundledData();
  const settings = SessionSettingsSchema.parse(options.budgetUsd ? { budgetUsd: options.budgetUsd } : {});
  const session = DiagnosticSession.create({ caseFile, knowledge, settings, threadId: "teach" });
  const debriefs: string[] = [];
  const app = renderWith(
    <TeachScreen
      session={session}
      caseFile={caseFile}
      knowledge={knowledge}
      settings={settings}
      sessionName="teach"
      writeDebrief={(markdown) => {
        debriefs.push(markdown);
        return "/tmp/debrief.md";
      }}
      onExit={() => {}}
    />,
    options.display ?? plainDisplay,
  );
  return { app, session, caseFile, knowledge, settings, debriefs };
}

const HEADER = "Chest pressure for two hours";

/** A frame's text with its wrapping undone: lines wider than the terminal wrap at spaces. */
const unwrapped = (frame: string): string => frame.replace(/ *\n */g, " ");

/** Orders lipase at the learner's move and waits for the comparison. */
async function orderLipase(app: ReturnType<typeof renderWith>, comparison = "Enter carry out your decision"): Promise<string> {
  await press(app, "o");
  await waitForText(app, "Order a test:");
  await press(app, "lipase");
  await waitForText(app, "› Lipase");
  await press(app, KEY.enter);
  return waitForText(app, comparison);
}

describe("learner mode", () => {
  it("hides the panel's proposal until the learner orders a test, then shows both with prices and carries out the learner's order", async () => {
    const { app, caseFile, knowledge, settings } = openTeach();
    const waiting = await waitForText(app, "Round 1: your move.");
    expect(waiting).not.toContain("Proposal:");
    expect(waiting).not.toContain("Chair");
    expect(waiting).not.toContain("Differential, round 1");

    await press(app, KEY.enter);
    const refused = await waitForText(app, "Enter does not approve in learner mode: decide first with a, o or d.");
    expect(refused).not.toContain("Proposal:");

    const compared = await orderLipase(app);
    const panel = await DiagnosticSession.create({ caseFile, knowledge, settings }).start();
    const mine = pricedAction({ kind: "order", tests: ["lipase"] }, panel.values, knowledge).totalUsd;
    expect(mine).toBeGreaterThan(0);
    expect(compared).toContain(`You decided: order: Lipase · ${usdExact(mine)}`);
    expect(compared).toContain(`Proposal: ${panel.review!.proposal.kind} · ${usdExact(pricedAction(panel.review!.proposal, panel.values, knowledge).totalUsd)} this round`);
    expect(compared).toContain("Chair");
    // After the decision the panel's differential is shown with its debate.
    const leader = panel.values.differentials.at(-1)!.differential.find((e) => e.id !== "other")!;
    expect(compared).toContain("Differential, round 1");
    expect(compared).toContain(leader.name);

    await press(app, KEY.enter);
    const next = await waitForText(app, "Round 2: your move.");
    expect(next).toMatch(/Lipase: /);
    expect(liveFrame(next, HEADER)).not.toContain("Proposal:");
    expect(liveFrame(next, HEADER)).not.toContain("Differential, round 2");
  });

  it("keeps the panel's differential out of the diagnosis search until the learner decides", async () => {
    const { app } = openTeach();
    await waitForText(app, "Round 1: your move.");
    await press(app, "d");
    const search = await waitForText(app, "Final diagnosis:");
    expect(search).not.toMatch(/% in the differential/);
  });

  it("prices the tests in the order search without the engine's expected gain, which would hint at the panel's choice", async () => {
    const { app, knowledge } = openTeach();
    await waitForText(app, "Round 1: your move.");
    await press(app, "o");
    await waitForText(app, "Order a test:");
    await press(app, "lipase");
    const search = await waitForText(app, "› Lipase");
    const lipase = knowledge.catalog.tests.find((t) => t.id === "lipase")!;
    expect(search).toContain(`Lipase  ${usdExact(lipase.price_usd)}`);
    expect(search).not.toMatch(/\d bits/);
  });

  it("goes back a round with u: the learner's move at round 1 again, the round's findings and charges withdrawn", async () => {
    const { app, session } = openTeach();
    await waitForText(app, "Round 1: your move.");
    const start = await session.status();
    expect(liveFrame(await waitForText(app, "Round 1: your move."), HEADER)).not.toContain("u undo");

    await orderLipase(app);
    await press(app, KEY.enter);
    const second = await waitForText(app, "Round 2: your move.");
    expect(liveFrame(second, HEADER)).toContain("u undo");
    expect((await session.status()).values.round).toBe(2);

    await press(app, "u");
    const back = await waitForFrame(app, (f) => liveFrame(f, HEADER).includes("Round 1: your move."), "the move of round 1");
    expect(liveFrame(back, HEADER)).toContain("round 1");
    expect(liveFrame(back, HEADER)).not.toMatch(/Lipase: /);
    const status = await session.status();
    expect(status.values.round).toBe(1);
    expect(status.review?.round).toBe(1);
    expect(status.values.reveals).toEqual(start.values.reveals);
    expect(status.values.ledger).toEqual(start.values.ledger);
    expect(status.values.trail).toEqual([]);
  });

  it("opens the help on ? with learner mode's keys, from the keymap, the current stage first", async () => {
    const { app } = openTeach();
    await waitForText(app, "Round 1: your move.");
    await press(app, "?");
    const help = await waitForText(app, "Keys  (Esc, ? or q closes the help)");
    const sections = ["Your move (the panel stays hidden)", "Your decision beside the panel's", "While the panel works", "The debrief"];
    const at = sections.map((s) => help.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(help).toMatch(/a +ask the patient your own question \(free text\)/);
    expect(help).toMatch(/o +order a test/);
    expect(help).toMatch(/d +commit to a final diagnosis/);
    expect(help).toMatch(/Enter +carry out your decision \(never the panel's\)/);
    expect(help).toMatch(/u +go back to the round before/);
    expect(help).toMatch(/w +write the debrief as Markdown/);
    expect(help).toMatch(/n\/space +step through the debate role by role/);
    // The console's own keys that learner mode does not answer stay out.
    expect(help).not.toContain("approve the panel's proposed action");
    expect(help).not.toContain("play on to the end");
    expect(help).not.toContain("raise the budget");

    await press(app, KEY.escape);
    const closed = await waitForFrame(app, (f) => !f.includes("Keys  (Esc") && f.includes("Round 1: your move."), "the help to close");
    expect(closed).toContain("a ask");
  });

  it("says when the learner's decision does not fit the budget, and lets them decide again", async () => {
    const { knowledge } = bundledData();
    const mri = knowledge.catalog.byId.get("mri_brain")!;
    const budgetUsd = Math.floor(mri.price_usd / 2);
    const { app, session } = openTeach({ budgetUsd });
    await waitForText(app, "Round 1: your move.");
    await press(app, "o");
    await waitForText(app, "Order a test:");
    await press(app, "mri brain");
    await waitForText(app, `› ${mri.name}`);
    await press(app, KEY.enter);
    await waitForText(app, "Enter carry out your decision");
    await press(app, KEY.enter);
    const refused = await waitForText(app, "does not fit");
    expect(unwrapped(refused)).toContain(`Round 1: your decision (order: ${mri.name}, ${usdExact(mri.price_usd)}) does not fit: ${usd(budgetUsd)} is left of the ${usd(budgetUsd)} budget.`);
    expect(liveFrame(refused, HEADER)).not.toContain("Proposal:");
    expect((await session.status()).values.trail).toEqual([]);

    await orderLipase(app);
    await press(app, KEY.enter);
    await waitForText(app, "Round 2: your move.");
    expect((await session.status()).values.trail.map((t) => t.action)).toEqual([{ kind: "order", tests: ["lipase"] }]);
  });

  it("ends with the debrief printed, and w writes it as Markdown", async () => {
    const { app, debriefs, caseFile, session } = openTeach();
    await waitForText(app, "Round 1: your move.");
    await press(app, "d");
    await waitForText(app, "Final diagnosis:");
    await press(app, "nste");
    await waitForText(app, "› Non-ST-elevation myocardial infarction");
    await press(app, KEY.enter);
    // Learner mode asks how sure the learner is, and will not take a blank.
    await waitForText(app, "How sure are you that it is Non-ST-elevation myocardial infarction? (0-100%)");
    await press(app, KEY.enter);
    await waitForText(app, "Say how sure you are: a number from 0 to 100.");
    await press(app, "85", KEY.enter);
    const compared = await waitForText(app, "Enter carry out your decision");
    expect(compared).toContain("You decided: diagnose: Non-ST-elevation myocardial infarction");
    await press(app, KEY.enter);
    // The learner writes their own plan, blind to the panel's.
    const asked = await waitForText(app, "Your initial plan for Non-ST-elevation myocardial infarction:");
    expect(asked).not.toContain("aspirin loading dose");
    await press(app, "aspirin; fondaparinux | disposition: coronary care unit");
    await press(app, KEY.enter);
    const final = await waitForText(app, `Debrief: ${caseFile.title} (cp-01)`);
    expect(final).toContain("Round by round");
    expect(final).toMatch(/Your plan: First line: aspirin; fondaparinux; Disposition: coronary care unit;/);
    expect(final).toMatch(/Plan score 0\.\d\d · covered: aspirin; anticoagulation/);
    expect(final).toContain("Case judged: your debrief is printed above.");
    expect(liveFrame(final, HEADER)).toContain("w write debrief");
    // The stated confidence is set beside the panel's probability; points and harm are counted.
    const said = unwrapped(final);
    expect(said).toMatch(/You said you were 85% sure \(the panel gave it \d+%\)/);
    expect(said).toMatch(/Points: \d+ of 100 \(judge's score 5\/5; spent \$[\d.]+ against the expert path's \$[\d.]+; 0 harmful orders\)/);
    expect(said).toMatch(/Your stated confidence: 0\.02 over 1 diagnosis/);
    // No undo after the verdict in learner mode: a retry is a new attempt.
    expect(liveFrame(final, HEADER)).not.toContain("u undo");
    await press(app, "u");
    await press(app, "?");
    await waitForText(app, "The debrief (the verdict stands: a retry is a new attempt)");
    await press(app, KEY.escape);
    await waitForFrame(app, (f) => !f.includes("(the verdict stands") && f.includes("Case judged: your debrief is printed above."), "the help to close");
    expect((await session.status()).values.verdict).not.toBeNull();

    await press(app, "w");
    await waitForText(app, "Debrief written to /tmp/debrief.md");
    expect(debriefs).toHaveLength(1);
    expect(debriefs[0]).toMatch(new RegExp(`^# Debrief: .*\\(cp-01\\)`));
    expect(debriefs[0]).toContain("## Round by round");
  });
});

describe("learner mode for screen readers", () => {
  it("announces each change the learner may see as a line, the panel's only after the decision, and draws no bars", async () => {
    const { app, caseFile, knowledge, settings } = openTeach({ display: screenReader });
    const waiting = await waitForText(app, "Round 1: your move. The panel's debate and proposal stay hidden until you decide.");
    expect(waiting).toContain(`dxsim, case cp-01:`);
    expect(waiting).toContain(`Chief complaint: ${caseFile.presentation.chief_complaint}.`);
    expect(waiting).toContain("Keys: a ask, o order, d diagnose, q quit, ? help.");
    expect(waiting).not.toContain("Round 1, Chair:");
    expect(waiting).not.toContain("Differential:");
    expect(waiting).not.toContain("The panel proposes");

    const panel = await DiagnosticSession.create({ caseFile, knowledge, settings }).start();
    const mine = pricedAction({ kind: "order", tests: ["lipase"] }, panel.values, knowledge).totalUsd;
    const compared = unwrapped(await orderLipase(app, "Keys: Enter carry out your decision"));
    const decided = compared.indexOf(`You decided: order: Lipase, ${usdExact(mine)}. The panel's debate and proposal follow; Enter carries out your decision.`);
    expect(decided).toBeGreaterThan(0);
    const after = compared.slice(decided);
    expect(after).toContain("Round 1, Hypothesis generator: ");
    expect(after).toContain("Round 1, Chair: ");
    expect(after).toContain("Differential: ");
    expect(after).toContain(`The panel proposes to ${panel.review!.proposal.kind}`);

    await press(app, KEY.enter);
    const next = unwrapped(await waitForText(app, "Round 2: your move."));
    const lipase = next.search(/Lipase: /);
    expect(lipase).toBeGreaterThan(decided);
    expect(next.indexOf("Round 2: your move.")).toBeGreaterThan(lipase);
    expect(next).not.toContain("Round 2, Chair:");
    expect(next).not.toMatch(/[█▏▎▍▌▋▊▉─│┌┐└┘]/);

    await press(app, "u");
    const back = await waitForText(app, "Undone. Back to the review of round 1.");
    await waitForFrame(app, (f) => f.lastIndexOf("Round 1: your move.") > f.indexOf("Undone. Back to the review of round 1."), "the move of round 1 after the undo");
  });
});
