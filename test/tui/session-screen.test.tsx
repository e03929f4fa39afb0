import { afterEach, describe, expect, it } from "vitest";
import { cleanup } from "ink-testing-library";
import type { Case } from "../../core/case.js";
import { DiagnosticSession } from "../../graph/session.js";
import { SessionSettingsSchema } from "../../core/settings.js";
import type { SessionValues } from "../../graph/state.js";
import { revealText } from "../../reports/transcript.js";
import type { AppOutcome } from "../../tui/app.js";
import { differentialRows } from "../../tui/differential-change.js";
import { usd, usdExact } from "../../output/money.js";
import { pricedAction } from "../../tui/priced-action.js";
import { KEY, bundledCase, bundledData, liveFrame, plainDisplay, press, type Rendered, renderConsole, waitForFrame, waitForText } from "./helpers.js";

afterEach(() => cleanup());

interface Harness {
  app: Rendered;
  exits: AppOutcome[];
  transcripts: SessionValues[];
}

function openCase(caseFile: Case, settings: Partial<{ budgetUsd: number }> = {}, display = plainDisplay): Harness {
  const { knowledge } = bundledData();
  const transcripts: SessionValues[] = [];
  const parsed = SessionSettingsSchema.parse(settings);
  const { app, exits } = renderConsole(
    caseFile,
    {
      prepare: async (c) => ({
        session: DiagnosticSession.create({ caseFile: c, knowledge, settings: parsed, threadId: "test" }),
        settings: parsed,
        sessionName: `${c.id}-test`,
        oracleCostUsd: 26.38,
      }),
      writeTranscript: (_c, values, name) => {
        transcripts.push(values);
        return `/somewhere/dxsim-${name}.md`;
      },
    },
    display,
  );
  return { app, exits, transcripts };
}

const cp01 = () => bundledCase("cp-01");
const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The same case played headless: what the screen should show, from the engine itself. */
async function headless(caseFile: Case, approvals: number, settings: Partial<{ budgetUsd: number }> = {}) {
  const { knowledge } = bundledData();
  const session = DiagnosticSession.create({ caseFile, knowledge, settings, threadId: "expected" });
  let status = await session.start();
  for (let i = 0; i < approvals; i++) status = await session.decide({ kind: "approve" });
  const review = status.review!;
  return { status, priced: pricedAction(review.proposal, status.values, knowledge) };
}

describe("the session screen", () => {
  it("titles the session with the chief complaint and keeps the case title hidden", async () => {
    const { app } = openCase(cp01());
    const frame = await waitForText(app, "Proposal:");
    expect(frame).toContain("Chest pressure for two hours");
    expect(frame).toContain("round 1");
    expect(frame).not.toContain(cp01().title);
    expect(frame).not.toContain("cardiology");
    expect(frame).toContain("For education and research; not a medical device.");
  });

  it("shows each role's block, the differential as bars and a priced proposal with expected gain", async () => {
    const { priced } = await headless(cp01(), 0);
    const { app } = openCase(cp01());
    const frame = await waitForText(app, "Proposal:");
    for (const role of ["Hypothesis generator", "Test chooser", "Skeptic", "Cost steward", "Chair"]) expect(frame).toContain(role);
    expect(frame).toMatch(/Differential, round 1\n.*█.*\d+%/);
    expect(frame).toContain(`Proposal: order · ${usdExact(priced.totalUsd)} this round`);
    expect(priced.lines.length).toBeGreaterThan(0);
    for (const line of priced.lines) {
      expect(line.gainBits).not.toBeNull();
      expect(frame).toMatch(new RegExp(`${escaped(line.label)}\\s+${escaped(usdExact(line.priceUsd!))}\\s+${line.gainBits!.toFixed(2)} bits\\s+\\d+\\.\\d\\d bits/\\$100`));
    }
    expect(frame).toContain("$0 spent · $4,000 left of $4,000");
  });

  it("approves with Enter: the next round shows the new findings, abnormal ones marked, and the change in the differential", async () => {
    const { status } = await headless(cp01(), 1);
    const found = status.values.reveals.filter((r) => r.round === 1).map((r) => r.reveal);
    expect(found.some((r) => r.abnormal)).toBe(true);
    const { app } = openCase(cp01());
    await waitForText(app, "Proposal:");
    await press(app, KEY.enter);
    const frame = liveFrame(await waitForFrame(app, (f) => f.includes("round 2 ") && f.includes("Proposal:"), "round 2"), "Chest pressure for two hours  ·");
    expect(frame).toContain("New findings (round 1)");
    for (const reveal of found) expect(frame).toContain(`${reveal.abnormal ? "!" : "▸"} ${revealText(reveal).line.slice(0, 40)}`);
    const [lead] = differentialRows(status.values);
    expect(lead?.change).toBe("up");
    expect(frame).toMatch(new RegExp(`${escaped(lead!.name.slice(0, 20))}.*▲\\+${Math.round(lead!.delta * 100)}`));
    expect(frame).toContain(`${usd(status.values.ledger.entries.reduce((sum, e) => sum + e.usd, 0))} spent`);
  });

  it("orders the physician's own test with o, marks it an override, and undoes it with u", async () => {
    const { app } = openCase(cp01());
    await waitForText(app, "Proposal:");
    await press(app, KEY.enter);
    await waitForText(app, "New findings (round 1)");
    await waitForFrame(app, (f) => f.includes("Proposal:") && f.includes("round 2 "), "round 2's proposal");
    await press(app, "o");
    await waitForText(app, "Order a test:");
    await press(app, "lipase");
    await waitForText(app, "› Lipase");
    await press(app, KEY.enter);
    const round3 = await waitForText(app, "New findings (round 2)");
    expect(round3).toMatch(/▸ Lipase: /);
    expect(round3).toContain("round 3 ");

    await waitForText(app, "Proposal:");
    await press(app, "u");
    const back = await waitForFrame(app, (f) => f.includes("round 2 ") && f.includes("Proposal:") && !f.includes("New findings (round 2)"), "the review of round 2 again");
    expect(back).toContain("New findings (round 1)");
  });

  it("diagnoses with d and shows the verdict, the truth, the costs, the path with overrides and the teaching points", async () => {
    const { app, exits, transcripts } = openCase(cp01());
    await waitForText(app, "Proposal:");
    await press(app, KEY.enter);
    await waitForFrame(app, (f) => f.includes("round 2 ") && f.includes("Proposal:"), "round 2's proposal");
    await press(app, "d");
    await waitForText(app, "Final diagnosis:");
    await press(app, "nste");
    await waitForText(app, "› Non-ST-elevation myocardial infarction");
    await press(app, KEY.enter);
    // In the console a confidence may be left out: Enter with nothing typed gives the diagnosis.
    await waitForText(app, "How sure are you that it is Non-ST-elevation myocardial infarction? (0-100%)");
    await press(app, KEY.enter);
    // The plan after the diagnosis is reviewed like any action: here the physician edits it.
    const planFrame = await waitForText(app, "The panel's plan for Non-ST-elevation myocardial infarction");
    expect(planFrame).toMatch(/First line: aspirin loading dose/);
    expect(planFrame).toContain("approve plan");
    await press(app, "e");
    await waitForText(app, "Enter saves, Esc");
    await press(app, "; morphine");
    await press(app, KEY.enter);
    const frame = await waitForText(app, "Verdict 5/5 · correct");
    expect(frame).toMatch(/Treatment plan for Non-ST-elevation myocardial infarction \(the physician's/);
    expect(frame).toMatch(/Plan score \d\.\d\d/);
    expect(frame).toContain("True diagnosis: Non-ST-elevation myocardial infarction (I21.4)");
    // The judge's reason line sits under the verdict.
    expect(frame).toContain('Knowledge-base disease "nstemi" is the case\'s diagnosis.');
    expect(frame).toContain(`Case: ${cp01().title}`);
    const { status } = await headless(cp01(), 1);
    for (const e of status.values.ledger.entries) expect(frame).toMatch(new RegExp(`${escaped(e.name)}\\s+round  1\\s+${escaped(usdExact(e.usd))}`));
    expect(frame).toContain("Oracle cost $26.38");
    expect(frame).toMatch(/1\s+panel\s+order /);
    expect(frame).toMatch(/2\s+OVERRIDE\s+diagnose Non-ST-elevation myocardial infarction \(instead of: /);
    expect(frame).toContain("Teaching points");

    await press(app, "w");
    await waitForText(app, "Transcript written to /somewhere/dxsim-cp-01-test.md");
    expect(transcripts[0]?.verdict?.score).toBe(5);

    await press(app, "q");
    await waitForText(app, "Quit? The session is saved as cp-01-test.");
    await press(app, "y");
    await waitForFrame(app, () => exits.length > 0, "the app to exit");
    expect(exits[0]).toMatchObject({ kind: "session", sessionName: "cp-01-test", end: { finished: true } });
  });

  it("steps through the debate role by role with n, showing each role's full reasoning", async () => {
    const { app } = openCase(cp01());
    await waitForText(app, "Proposal:");
    await press(app, "n");
    const first = await waitForText(app, "role 1 of 5");
    expect(first).toMatch(/▶ Hypothesis generator\n\s+1\. .+ \d+(\.\d)?% — /);
    expect(first).not.toContain("Test chooser");
    await press(app, " ");
    const second = await waitForText(app, "role 2 of 5");
    expect(second).toMatch(/▶ Test chooser\n\s+• .+: \d\.\d\d bits expected/);
    expect(second).toMatch(/● Hypothesis generator\s+Leading /);
  });

  it("shows a budget alert prominently and lets the physician raise the budget with b", async () => {
    const { priced } = await headless(cp01(), 0);
    const budgetUsd = Math.floor(priced.totalUsd / 2);
    const { app } = openCase(cp01(), { budgetUsd });
    const alert = await waitForText(app, "OVER BUDGET");
    expect(alert).toContain(`costs $${priced.totalUsd.toFixed(2)} with $${budgetUsd.toFixed(2)} left of the $${budgetUsd} budget`);
    expect(alert).toContain("b raise the budget · e trim the action · d diagnose");
    expect(alert).not.toContain("Enter approve");
    await press(app, "b");
    await waitForText(app, `New budget in USD: ${Math.ceil(priced.totalUsd / 100) * 100}`);
    await press(app, KEY.backspace, KEY.backspace, KEY.backspace, "5000", KEY.enter);
    const next = await waitForText(app, "round 2 ");
    expect(next).toContain(`${usd(priced.totalUsd)} spent · ${usd(5000 - priced.totalUsd)} left of $5,000`);
  });

  it("edits the action: removes an item and adds a catalog test found by search", async () => {
    const { priced } = await headless(cp01(), 0);
    const removed = priced.lines[0]!.label;
    const { app } = openCase(cp01());
    await waitForText(app, "Proposal:");
    await press(app, "e");
    await waitForText(app, `› ${removed}`);
    await press(app, "x");
    await waitForFrame(app, (f) => !f.includes(`› ${removed}`), "the first item removed");
    await press(app, "t");
    await waitForText(app, "Add a test:");
    await press(app, "lipa");
    await waitForText(app, "› Lipase");
    await press(app, KEY.enter);
    const edited = await waitForText(app, "› Lipase");
    expect(edited).toMatch(/Edit the action · \$\d+\.\d\d this round/);
    await press(app, KEY.enter);
    const next = liveFrame(await waitForText(app, "New findings (round 1)"), "Chest pressure for two hours  ·");
    expect(next).toMatch(/Lipase: /);
    // No finding line for the removed test (the chair may still name it in its next proposal).
    const findingLines = next.split("\n").filter((l) => /^[\s▸!]*[^\s●].*?: /.test(l) && !l.includes("●"));
    expect(findingLines.some((l) => l.trimStart().replace(/^[▸!]\s*/, "").startsWith("Lipase: "))).toBe(true);
    expect(findingLines.some((l) => l.trimStart().replace(/^[▸!]\s*/, "").startsWith(`${removed}: `))).toBe(false);
  });

  it("lays out the screen-reader mode as plain lines: no bars, no box drawing", async () => {
    const { app } = openCase(cp01(), {}, { ...plainDisplay, screenReader: true });
    const frame = await waitForText(app, "The panel proposes to order");
    expect(frame).toContain("Round 1, Hypothesis generator: Leading");
    expect(frame).toMatch(/Differential: [A-Z][^;]+ \d+(\.\d)?%; /);
    expect(frame).toMatch(/Keys: Enter approve, e edit/);
    expect(frame).not.toMatch(/[█▏▎▍▌▋▊▉╭╮╰╯│─]/);
    await press(app, KEY.enter);
    const next = await waitForText(app, "Round 2, Chair:");
    expect(next).toMatch(/Abnormal: .+/);
  });

  it("answers ? with the full help, generated from the keymap", async () => {
    const { app } = openCase(cp01());
    await waitForText(app, "Proposal:");
    await press(app, "?");
    const help = await waitForText(app, "Keys  (Esc, ? or q closes the help)");
    expect(help).toContain("At a review");
    expect(help).toMatch(/Enter\s+approve the panel's proposed action/);
    await press(app, "q");
    await waitForText(app, "Proposal:");
  });

  it("asks the physician's own question with a, and shows the answer as the newest finding", async () => {
    const { app } = openCase(cp01());
    await waitForText(app, "Proposal:");
    await press(app, "a");
    await waitForText(app, "Your question:");
    await press(app, "Does the pain spread anywhere?", KEY.enter);
    const next = liveFrame(await waitForText(app, "New findings (round 1)"), "Chest pressure for two hours  ·");
    expect(next).toMatch(/Q: Does the pain spread anywhere\? — /);
  });

  it("plays on to the verdict with p, approving every proposal", async () => {
    const expected = await (async () => {
      const { knowledge } = bundledData();
      const s = DiagnosticSession.create({ caseFile: cp01(), knowledge, threadId: "p" });
      let status = await s.start();
      while (status.review || status.planReview) status = status.review ? await s.decide({ kind: "approve" }) : await s.decidePlan({ kind: "approve" });
      return status.values;
    })();
    const { app } = openCase(cp01());
    await waitForText(app, "Proposal:");
    await press(app, "p");
    const frame = await waitForText(app, /Verdict \d\/5/);
    expect(frame).toContain(`Verdict ${expected.verdict!.score}/5`);
    expect(frame).toContain(`Your diagnosis: ${expected.diagnosis!.guess.name} (the panel's, approved, round ${expected.diagnosis!.round})`);
    expect(frame).not.toContain("OVERRIDE");
  });

  it("keeps the live frame within a 24-row terminal", async () => {
    process.env.LINES = "24";
    try {
      const { app } = openCase(cp01());
      await waitForText(app, "Proposal:");
      await press(app, KEY.enter);
      const frame = await waitForFrame(app, (f) => f.includes("round 2 ") && f.includes("Proposal:"), "round 2");
      const live = liveFrame(frame, "Chest pressure for two hours  ·").replace(/\n$/, "");
      expect(live.split("\n").length).toBeLessThanOrEqual(23);
      expect(live).toContain("New findings (round 1)");
      expect(live).toMatch(/Differential, round 2\n.*█/);
      expect(live).toContain("Enter approve");
    } finally {
      process.env.LINES = "40";
    }
  });
});
