import { describe, expect, it } from "vitest";
import type { PanelVariant } from "../../core/settings.js";
import { itemKey, itemLabel } from "../../agents/proposal.js";
import { roleDetails } from "../../reports/transcript.js";
import { DiagnosticSession } from "../../graph/session.js";
import { playScripted } from "../../graph/scripted.js";
import { ledgerTotal } from "../../core/ledger.js";
import { bundled } from "./helpers.js";
import { constructedCase } from "../support/constructed-case.js";
import { cheaperEquivalent } from "../../agents/cost-steward.js";

/** Constructed patients (no bundled case): each states only the complaint and the patient. */
const patients = [
  ["chest_pain", "male", 58, "emergency"],
  ["syncope", "female", 70, "emergency"],
  ["altered_mental_status", "male", 75, "emergency"],
  ["fever", "female", 40, "clinic"],
] as const;

const patient = ([complaint, sex, age, setting]: (typeof patients)[number]) =>
  constructedCase({ complaint, presentation: { age, sex, setting, chief_complaint: complaint.replaceAll("_", " "), narrative: "Came in about it today." } });

const play = async (p: (typeof patients)[number], variant: PanelVariant) => {
  const { knowledge } = bundled();
  const { values } = await playScripted(DiagnosticSession.create({ caseFile: patient(p), knowledge, settings: { variant } }));
  return values;
};

describe("the cost steward", () => {
  it("revises the test chooser's proposal to the round worth its price, and the chair orders that round", async () => {
    let revisions = 0;
    for (const p of patients) {
      const values = await play(p, "full");
      for (const entry of values.trail) {
        const steward = values.debate.filter((m) => m.round === entry.round && m.role === "cost-steward").at(-1);
        const revised = steward?.role === "cost-steward" ? steward.output.revised : null;
        if (!revised || revised.length === 0 || entry.action.kind !== "order") continue;
        revisions++;
        // What the chair ordered comes from the steward's round, a test or the cheaper equivalent the
        // steward names for it (the skeptic may add its test).
        const ordered = new Set(entry.action.tests);
        const equivalents = new Map(steward?.role === "cost-steward" ? steward.output.items.flatMap((i) => (i.cheaper ? [[i.key, i.cheaper.testId] as const] : [])) : []);
        const fromRound = revised.filter((i) => i.kind === "test" && (ordered.has(i.testId) || ordered.has(equivalents.get(itemKey(i)) ?? "")));
        expect(fromRound.length, `${p[0]} round ${entry.round}`).toBeGreaterThan(0);
        const chooser = values.debate.filter((m) => m.round === entry.round && m.role === "test-chooser").at(-1);
        if (chooser?.role === "test-chooser") expect(revised.map(itemKey).sort()).not.toEqual(chooser.output.proposals.map(itemKey).sort());
        // No cheaper stand-in offered is a test the round already orders.
        const roundTests = new Set(revised.flatMap((i) => (i.kind === "test" ? [i.testId] : [])));
        if (steward?.role === "cost-steward") for (const i of steward.output.items) expect(roundTests.has(i.cheaper?.testId ?? "")).toBe(false);
        // The console and the transcript say the round was revised, and to what.
        expect(roleDetails(steward!)[0]).toBe(`Revised for value: ${revised.map(itemLabel).join(", ")}, in place of the test chooser's proposal.`);
      }
    }
    expect(revisions).toBeGreaterThan(0);
  });

  it("offers as a cheaper equivalent only a test that reveals one of the same findings", () => {
    const { knowledge } = bundled();
    const price = (id: string) => knowledge.catalog.byId.get(id)!.price_usd;
    const test = (testId: string, gainBits: number) => ({ kind: "test" as const, testId, name: testId, gainBits, separates: [] });
    const ranked = (ids: string[], gainBits: number) => ids.map((id) => ({ probe: { kind: "test" as const, testId: id }, gainBits, costUsd: price(id), gainPerDollar: gainBits / price(id) }));
    // A basic metabolic panel reports what a comprehensive one does of the electrolytes and glucose.
    expect(price("bmp")).toBeLessThan(price("cmp"));
    expect(cheaperEquivalent(test("cmp", 0.1), ranked(["hba1c", "bmp"], 0.09), knowledge)?.testId).toBe("bmp");
    // An HbA1c keeps as much of a lactate's few thousandths of a bit, but answers another question.
    expect(price("hba1c")).toBeLessThan(price("lactate"));
    expect(cheaperEquivalent(test("lactate", 0.006), ranked(["hba1c"], 0.006), knowledge)).toBeNull();
  });

  it("saves money: without it the panel orders what learns most, whatever it costs", async () => {
    let full = 0;
    let without = 0;
    for (const p of patients) {
      full += ledgerTotal((await play(p, "full")).ledger);
      without += ledgerTotal((await play(p, "no-steward")).ledger);
    }
    expect(full).toBeLessThan(without);
  });
});
