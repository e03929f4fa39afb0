import { afterEach, describe, expect, it } from "vitest";
import { cleanup } from "ink-testing-library";
import { DiagnosticSession } from "../../graph/session.js";
import { SessionSettingsSchema } from "../../core/settings.js";
import { KEY, bundledCase, bundledData, press, renderConsole, waitForFrame, waitForText } from "./helpers.js";

afterEach(() => cleanup());

const STRESS = "Exercise treadmill ECG stress test";

/** cp-01 (chest pain, a myocardial infarction on the differential) in the console, its session kept. */
function openChestPain() {
  const { knowledge } = bundledData();
  const settings = SessionSettingsSchema.parse({});
  const sessions: DiagnosticSession[] = [];
  const { app } = renderConsole(bundledCase("cp-01"), {
    prepare: async (c) => {
      const session = DiagnosticSession.create({ caseFile: c, knowledge, settings, threadId: "harm" });
      sessions.push(session);
      return { session, settings, sessionName: `${c.id}-test`, oracleCostUsd: 26.38 };
    },
  });
  return { app, sessions, harm: knowledge.kb.harms.find((h) => h.test === "stress_test")! };
}

async function orderStressTest(app: ReturnType<typeof openChestPain>["app"]) {
  await press(app, "o");
  await waitForText(app, "Order a test:");
  await press(app, "stress test");
  await waitForText(app, `› ${STRESS}`);
  await press(app, KEY.enter);
}

describe("a physician's order the knowledge base lists as harmful", () => {
  it("is stopped with the harm and its source before it is carried out, and goes back on n", async () => {
    const { app, sessions, harm } = openChestPain();
    await waitForText(app, "Proposal:");
    await orderStressTest(app);
    const warned = await waitForText(app, "Order it anyway?");
    const flat = warned.replace(/\s+/g, " ");
    expect(flat).toContain(`HARM WARNING: ${STRESS} is contraindicated: ${harm.reason} (${harm.source})`);
    // Nothing has been carried out yet: the session still waits on round 1's review.
    const waiting = await sessions[0]!.status();
    expect(waiting.review?.round).toBe(1);
    expect(waiting.values.trail).toEqual([]);

    await press(app, "n");
    const back = await waitForFrame(app, (f) => f.includes("Proposal:") && !f.includes("Order it anyway?"), "the review again");
    expect(back).toContain("Enter approve");
    expect((await sessions[0]!.status()).values.trail).toEqual([]);
  });

  it("is carried out, and recorded as a harm, only on the second confirm", async () => {
    const { app, sessions } = openChestPain();
    await waitForText(app, "Proposal:");
    await orderStressTest(app);
    await waitForText(app, "Order it anyway?");
    await press(app, "y");
    const next = await waitForFrame(app, (f) => f.includes("New findings (round 1)") && f.includes("round 2 "), "round 2");
    expect(next).toMatch(new RegExp(`[▸!] ${STRESS}: `));
    const values = (await sessions[0]!.status()).values;
    expect(values.trail[0]).toMatchObject({ round: 1, decidedBy: "physician" });
    expect(values.harms.map((h) => h.test)).toEqual([STRESS]);
  });

  it("does not stop an order with no harm listed", async () => {
    const { app } = openChestPain();
    await waitForText(app, "Proposal:");
    await press(app, "o");
    await waitForText(app, "Order a test:");
    await press(app, "lipase");
    await waitForText(app, "› Lipase");
    await press(app, KEY.enter);
    const next = await waitForText(app, "New findings (round 1)");
    expect(next).not.toContain("HARM WARNING");
  });
});
