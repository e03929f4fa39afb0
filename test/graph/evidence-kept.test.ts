import { describe, expect, it } from "vitest";
import { visibleCase } from "../../core/case.js";
import { emptyLedger } from "../../core/ledger.js";
import { type PanelView, evidenceOf } from "../../agents/view.js";
import { SessionSettingsSchema } from "../../core/settings.js";
import { constructedCase } from "../support/constructed-case.js";

const answer = (round: number, text: string, present: boolean): PanelView["reveals"][number] => ({
  round,
  reveal: { kind: "answer", request: "Any swollen glands?", text, values: [], abnormal: present, findings: [{ id: "lymphadenopathy", present }] },
});

const viewWith = (reveals: PanelView["reveals"]): PanelView => ({
  visible: visibleCase(constructedCase({})),
  settings: SessionSettingsSchema.parse({}),
  round: reveals.length + 1,
  turn: 1,
  reveals,
  ledger: emptyLedger(),
  differentials: [],
  trail: [],
});

describe("the findings the panel holds", () => {
  it("keeps a finding found present when a later, narrower answer denies it", () => {
    const diffuse = answer(1, "Enlarged nodes in the neck, armpits and groins.", true);
    const local = answer(2, "No lymphadenopathy in the head and neck region.", false);
    expect(evidenceOf(viewWith([diffuse, local])).lymphadenopathy).toBe(true);
    expect(evidenceOf(viewWith([local, diffuse])).lymphadenopathy).toBe(true);
    expect(evidenceOf(viewWith([local])).lymphadenopathy).toBe(false);
  });

  it("is worked out once for the roles that share a state, and afresh once the gatekeeper reveals more", () => {
    const local = answer(1, "No lymphadenopathy in the head and neck region.", false);
    const view = viewWith([local]);
    const first = evidenceOf(view);
    expect(evidenceOf({ ...view, round: view.round })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const more = { ...view, reveals: [...view.reveals, answer(2, "Enlarged nodes in the neck, armpits and groins.", true)] };
    expect(evidenceOf(more).lymphadenopathy).toBe(true);
    expect(evidenceOf({ ...view, visible: { ...view.visible } })).not.toBe(first);
  });
});

