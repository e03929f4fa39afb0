import { describe, expect, it } from "vitest";
import { visibleCase } from "../../core/case.js";
import { chargeQuestions, emptyLedger } from "../../core/ledger.js";
import { chairOffline } from "../../agents/chair.js";
import { hypothesisOffline } from "../../agents/hypothesis.js";
import { testChooserOffline } from "../../agents/test-chooser.js";
import type { PanelView } from "../../agents/view.js";
import { SessionSettingsSchema } from "../../core/settings.js";
import { constructedCase } from "../support/constructed-case.js";
import { bundled } from "./helpers.js";

/** A constructed clinic patient with brief spinning on lying down and nothing else: positional vertigo leads. */
const patient = constructedCase({
  complaint: "other",
  presentation: {
    age: 58,
    sex: "female",
    setting: "clinic",
    chief_complaint: "Dizzy spells",
    narrative: "Brief spells of the room spinning when she lies down or turns over in bed, each under a minute.",
    kb: [{ id: "vertigo" }, { id: "vertigo_positional_brief" }, { id: "hearing_loss", present: false }],
  },
});

/** The chair's round after the generator and the chooser, with the history so far as `reveals` (the visit they were asked in still open). */
function chairWith(reveals: PanelView["reveals"]) {
  const { knowledge } = bundled();
  const view: PanelView = {
    visible: visibleCase(patient),
    settings: SessionSettingsSchema.parse({}),
    round: reveals.length + 1,
    turn: 1,
    reveals,
    ledger: reveals.length ? chargeQuestions(emptyLedger(), 1, 300) : emptyLedger(),
    differentials: [],
    trail: [],
  };
  const hypothesis = hypothesisOffline(view, knowledge);
  return { hypothesis, chair: chairOffline(view, { hypothesis, chooser: testChooserOffline(view, hypothesis, knowledge) }, knowledge) };
}

describe("a question is put once", () => {
  const dixHallpike = bundled().knowledge.kb.findingById.get("dix_hallpike_positive")!.question!;

  it("checks positional vertigo at the bedside before naming it", () => {
    const { hypothesis, chair } = chairWith([]);
    expect(hypothesis.differential[0]!.id).toBe("benign_paroxysmal_positional_vertigo");
    expect(chair.action).toEqual({ kind: "ask", questions: [dixHallpike] });
  });

  it("does not ask for the bedside check again when its answer could not be read as the sign", () => {
    const unreadable = { round: 1, reveal: { kind: "answer" as const, request: dixHallpike, text: "See the examiner's notes.", values: [], abnormal: false, findings: [] } };
    const { chair } = chairWith([unreadable]);
    const asked = chair.action.kind === "ask" ? chair.action.questions : [];
    expect(asked).not.toContain(dixHallpike);
  });
});
