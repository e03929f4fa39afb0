import { describe, expect, it } from "vitest";
import { visibleCase } from "../../core/case.js";
import { emptyLedger } from "../../core/ledger.js";
import { chairOffline } from "../../agents/chair.js";
import { hypothesisOffline } from "../../agents/hypothesis.js";
import { skepticOffline } from "../../agents/skeptic.js";
import { testChooserOffline } from "../../agents/test-chooser.js";
import type { PanelView } from "../../agents/view.js";
import { SessionSettingsSchema } from "../../core/settings.js";
import { constructedCase } from "../support/constructed-case.js";
import { bundled } from "./helpers.js";

/** A constructed young woman in the emergency department whose story is a panic attack's. */
const patient = constructedCase({
  complaint: "dyspnoea",
  presentation: {
    age: 26,
    sex: "female",
    setting: "emergency",
    chief_complaint: "Breathless and frightened",
    narrative: "Sudden breathlessness with a racing heart, tingling fingers and fear.",
    kb: [{ id: "dyspnoea" }, { id: "palpitations" }, { id: "tingling_hands_mouth" }, { id: "anxiety_symptoms" }],
  },
});

function round(withSkeptic: boolean, answeredNo: readonly string[] = []) {
  const { knowledge } = bundled();
  const reveals: PanelView["reveals"] = answeredNo.map((id) => ({
    round: 1,
    reveal: { kind: "answer", request: knowledge.kb.findingById.get(id)!.question!, text: "No.", values: [], abnormal: false, findings: [{ id, present: false }] },
  }));
  const view: PanelView = { visible: visibleCase(patient), settings: SessionSettingsSchema.parse({}), round: 1 + reveals.length, turn: 1, reveals, ledger: emptyLedger(), differentials: [], trail: [] };
  const hypothesis = hypothesisOffline(view, knowledge);
  const skeptic = withSkeptic ? skepticOffline(view, hypothesis, knowledge) : undefined;
  const chair = chairOffline(view, { hypothesis, chooser: testChooserOffline(view, hypothesis, knowledge), ...(skeptic ? { skeptic } : {}) }, knowledge);
  return { hypothesis, skeptic, chair };
}

describe("the skeptic's opener: a can't-miss diagnosis one yes would make worth testing for", () => {
  it("asks what would raise an embolism above its threshold before naming a panic attack", () => {
    const { hypothesis, skeptic, chair } = round(true);
    expect(hypothesis.differential[0]).toMatchObject({ id: "panic_attack" });
    expect(hypothesis.differential[0]!.p).toBeGreaterThanOrEqual(0.85);
    expect(skeptic!.opener?.disease).toMatchObject({ id: "pulmonary_embolism" });
    expect(skeptic!.opener!.disease.p).toBeLessThan(0.01);
    expect(chair.action.kind).toBe("ask");
    expect(chair.items.map((i) => (i.kind === "question" ? i.findingId : i.testId))).toEqual(skeptic!.opener!.questions.map((q) => (q.kind === "question" ? q.findingId : "")));
    expect(chair.reason).toContain("Pulmonary embolism");
  });

  it("is a skeptic's challenge: a chair with no skeptic does not ask it", () => {
    const { chair } = round(false);
    const opened = round(true).skeptic!.opener!.questions.map((q) => (q.kind === "question" ? q.findingId : ""));
    const asked = chair.items.flatMap((i) => (i.kind === "question" ? [i.findingId] : []));
    expect(asked.filter((id) => opened.includes(id ?? ""))).toEqual([]);
  });

  it("lets the history go once its answers are no", () => {
    const first = round(true).skeptic!.opener!;
    const ids = first.questions.flatMap((q) => (q.kind === "question" && q.findingId ? [q.findingId] : []));
    const again = round(true, ids).skeptic!.opener?.questions.flatMap((q) => (q.kind === "question" && q.findingId ? [q.findingId] : [])) ?? [];
    expect(again.filter((id) => ids.includes(id))).toEqual([]);
  });
});
