import { afterEach, describe, expect, it } from "vitest";
import { cleanup } from "ink-testing-library";
import { DiagnosticSession } from "../../graph/session.js";
import { SessionSettingsSchema } from "../../graph/settings.js";
import { pricedAction } from "../../tui/priced-action.js";
import { usdExact } from "../../tui/format.js";
import { TeachScreen } from "../../tui/teach/TeachScreen.js";
import { KEY, bundledCase, bundledData, press, renderWith, waitForText } from "./helpers.js";

afterEach(cleanup);

function openTeach() {
  const caseFile = bundledCase("cp-01");
  const { knowledge } = bundledData();
  const settings = SessionSettingsSchema.parse({});
  const debriefs: string[] = [];
  const app = renderWith(
    <TeachScreen
      session={DiagnosticSession.create({ caseFile, knowledge, settings, threadId: "teach" })}
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
  );
  return { app, caseFile, knowledge, settings, debriefs };
}

describe("learner mode", () => {
  it("hides the panel's proposal until the learner orders a test, then shows both with prices and carries out the learner's order", async () => {
    const { app, caseFile, knowledge, settings } = openTeach();
    const waiting = await waitForText(app, "Enter does not approve in learner mode");
    expect(waiting).not.toContain("Proposal:");
    expect(waiting).not.toContain("Chair");

    await press(app, KEY.enter);
    const refused = await waitForText(app, "decide first with a, o or d");
    expect(refused).not.toContain("Proposal:");

    await press(app, "o");
    await waitForText(app, "Order a test:");
    await press(app, "lipase");
    await waitForText(app, "› Lipase");
    await press(app, KEY.enter);

    const compared = await waitForText(app, "Enter carry out your decision");
    const panel = await DiagnosticSession.create({ caseFile, knowledge, settings }).start();
    const mine = pricedAction({ kind: "order", tests: ["lipase"] }, panel.values, knowledge).totalUsd;
    expect(mine).toBeGreaterThan(0);
    expect(compared).toContain(`You decided: order: Lipase · ${usdExact(mine)}`);
    expect(compared).toContain(`Proposal: ${panel.review!.proposal.kind} · ${usdExact(pricedAction(panel.review!.proposal, panel.values, knowledge).totalUsd)} this round`);
    expect(compared).toContain("Chair");

    await press(app, KEY.enter);
    const next = await waitForText(app, "New findings (round 1)");
    expect(next).toMatch(/Lipase: /);
    expect(next).not.toContain("Proposal:");
  });

  it("ends with the debrief on the final screen, and w writes it as Markdown", async () => {
    const { app, debriefs, caseFile } = openTeach();
    await waitForText(app, "Enter does not approve in learner mode");
    await press(app, "d");
    await waitForText(app, "Final diagnosis:");
    await press(app, "nste");
    await waitForText(app, "› Non-ST-elevation myocardial infarction");
    await press(app, KEY.enter);
    await waitForText(app, "Enter carry out your decision");
    await press(app, KEY.enter);
    const final = await waitForText(app, `Debrief: ${caseFile.title} (cp-01)`);
    expect(final).toContain("Round by round");
    expect(final).toContain("w write the debrief");

    await press(app, "w");
    await waitForText(app, "Debrief written to /tmp/debrief.md");
    expect(debriefs).toHaveLength(1);
    expect(debriefs[0]).toMatch(new RegExp(`^# Debrief: .*\\(cp-01\\)`));
    expect(debriefs[0]).toContain("## Round by round");
  });
});
