import { describe, expect, it } from "vitest";
import { visibleCase } from "../../core/case.js";
import { chargeQuestions, emptyLedger } from "../../core/ledger.js";
import { chairOffline } from "../../agents/chair.js";
import { hypothesisOffline } from "../../agents/hypothesis.js";
import { skepticOffline } from "../../agents/skeptic.js";
import { testChooserOffline } from "../../agents/test-chooser.js";
import type { PanelView } from "../../agents/view.js";
import { SessionSettingsSchema } from "../../core/settings.js";
import { constructedCase } from "../support/constructed-case.js";
import { bundled } from "./helpers.js";

/** A constructed man with a thunderclap headache, a stiff neck and vomiting: a subarachnoid haemorrhage on the story. */
const patient = constructedCase({
  complaint: "headache",
  presentation: {
    age: 52,
    sex: "male",
    setting: "emergency",
    chief_complaint: "Worst headache of his life",
    narrative: "A sudden severe headache at its worst at once, with vomiting and a stiff neck.",
    kb: [{ id: "thunderclap_headache" }, { id: "neck_stiffness" }, { id: "nausea_vomiting" }, { id: "headache_recurrent_similar", present: false }],
  },
});

describe("the confirmation the chair asks for is one it may order now", () => {
  it("confirms a suspected bleed by CT when the cheaper lumbar puncture must wait for it", () => {
    const { knowledge } = bundled();
    const view: PanelView = {
      visible: visibleCase(patient),
      // A treatment threshold the story passes, so that the chair looks for what would confirm it.
      settings: SessionSettingsSchema.parse({ confidenceThreshold: 0.6 }),
      round: 2,
      turn: 1,
      // One round of history already taken, so the diagnosis does not rest on the story alone.
      reveals: [{ round: 1, reveal: { kind: "answer", request: "Did you lose consciousness?", text: "No.", values: [], abnormal: false, findings: [{ id: "syncope_loss_of_consciousness", present: false }] } }],
      ledger: chargeQuestions(emptyLedger(), 1, 300),
      differentials: [],
      trail: [],
    };
    const hypothesis = hypothesisOffline(view, knowledge);
    expect(hypothesis.differential[0]).toMatchObject({ id: "subarachnoid_haemorrhage" });
    expect(hypothesis.differential[0]!.p).toBeGreaterThanOrEqual(0.6);
    const skeptic = skepticOffline(view, hypothesis, knowledge);
    expect(skeptic.contraindicated.map((c) => c.testId)).toContain("lumbar_puncture");
    // The chair alone (the single panel), so that no challenge of the skeptic's comes first.
    const chair = chairOffline(view, { hypothesis, chooser: testChooserOffline(view, hypothesis, knowledge) }, knowledge);
    expect(chair.checklist).toContain("dropped Cerebrospinal fluid cell count, protein and glucose: contraindicated now");
    expect(chair.action).toEqual({ kind: "order", tests: ["ct_head"] });
  });
});
