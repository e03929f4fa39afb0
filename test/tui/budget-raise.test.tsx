import { afterEach, describe, expect, it } from "vitest";
import { cleanup } from "ink-testing-library";
import { DiagnosticSession } from "../../graph/session.js";
import { SessionSettingsSchema } from "../../core/settings.js";
import { pricedAction } from "../../tui/priced-action.js";
import { KEY, bundledCase, bundledData, press, renderConsole, waitForFrame, waitForText } from "./helpers.js";

afterEach(() => cleanup());

const CTA = "CT angiography of head and neck";

/** The console on cp-01 with a budget the panel's first proposal fits and the physician's CTA does not. */
async function openWithTightBudget() {
  const { knowledge } = bundledData();
  const caseFile = bundledCase("cp-01");
  const first = await DiagnosticSession.create({ caseFile, knowledge, settings: {}, threadId: "price" }).start();
  const panelUsd = pricedAction(first.review!.proposal, first.values, knowledge).totalUsd;
  const cta = knowledge.catalog.tests.find((t) => t.name === CTA)!;
  const budgetUsd = Math.ceil(panelUsd) + 1;
  expect(cta.price_usd).toBeGreaterThan(budgetUsd);
  const settings = SessionSettingsSchema.parse({ budgetUsd });
  const sessions: DiagnosticSession[] = [];
  const { app } = renderConsole(caseFile, {
    prepare: async (c) => {
      const session = DiagnosticSession.create({ caseFile: c, knowledge, settings, threadId: "budget" });
      sessions.push(session);
      return { session, settings, sessionName: `${c.id}-test`, oracleCostUsd: 26.38 };
    },
  });
  return { app, sessions, budgetUsd };
}

describe("raising the budget over the physician's own order", () => {
  it("keeps the order: b carries out the physician's test, not the panel's proposal", async () => {
    const { app, sessions } = await openWithTightBudget();
    await waitForText(app, "Proposal:");
    await press(app, "o");
    await waitForText(app, "Order a test:");
    await press(app, "cta head and neck");
    await waitForText(app, `› ${CTA}`);
    await press(app, KEY.enter);
    const alert = await waitForText(app, "OVER BUDGET");
    // The order that waits on the budget is the physician's, shown as such.
    expect(alert).toContain("Your action, over budget: order");
    expect(alert).toContain(CTA);
    await press(app, "b");
    await waitForText(app, "New budget in USD:");
    await press(app, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, "5000", KEY.enter);
    const next = await waitForFrame(app, (f) => f.includes("New findings (round 1)") && f.includes("round 2 "), "round 2 after the raise");
    expect(next).toMatch(new RegExp(`▸ ${CTA}: |! ${CTA}: `));

    const values = (await sessions[0]!.status()).values;
    const decided = values.trail.find((t) => t.round === 1)!;
    expect(decided.decidedBy).toBe("physician");
    expect(decided.action).toEqual({ kind: "order", tests: [expect.stringMatching(/cta|CT angiography/i)] });
    expect(decided.note).toBe("budget raised to $5000");
    expect(values.settings.budgetUsd).toBe(5000);
    expect(values.ledger.entries.some((e) => e.kind === "test" && e.name === CTA)).toBe(true);
  });

  it("a scripted reviewer still closes on the panel's leader when its own order passes the cap", async () => {
    const { knowledge } = bundledData();
    const caseFile = bundledCase("cp-01");
    const session = DiagnosticSession.create({ caseFile, knowledge, settings: { budgetUsd: 20 }, threadId: "scripted" });
    let status = await session.start();
    status = await session.decide({ kind: "replace", action: { kind: "order", tests: [CTA] } });
    expect(status.review?.physicianOwn).toBe(true);
    expect(status.review?.proposal).toEqual({ kind: "order", tests: [CTA] });
    expect(status.review?.budgetAlert).toMatch(/raise the budget/);
    status = await session.decide({ kind: "diagnose", diagnosis: { name: "acute pericarditis" }, forced: "budget" });
    expect(status.values.diagnosis?.forced).toBe("budget");
  });
});
