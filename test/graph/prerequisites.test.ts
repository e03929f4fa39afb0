import { describe, expect, it } from "vitest";
import { CaseSchema, visibleCase } from "../../core/case.js";
import { emptyLedger } from "../../core/ledger.js";
import { chairOffline } from "../../agents/chair.js";
import { hypothesisOffline } from "../../agents/hypothesis.js";
import type { PanelView } from "../../agents/view.js";
import { SessionSettingsSchema } from "../../core/settings.js";
import { bundled } from "./helpers.js";

/** A constructed patient (no bundled case): colicky loin pain, seen in the emergency department. */
const patient = (sex: "male" | "female", age: number) =>
  CaseSchema.parse({
    id: "constructed-loin-pain",
    title: "Constructed loin pain",
    specialty: "emergency medicine",
    difficulty: "easy",
    complaint: "abdominal_pain",
    source: { name: "constructed in test/graph/prerequisites.test.ts", licence: "MIT" },
    presentation: {
      age,
      sex,
      setting: "emergency",
      chief_complaint: "Severe colicky pain in the right loin",
      narrative: "Sudden severe colicky pain in the right loin going to the groin, with vomiting; cannot keep still.",
      kb: [{ id: "colicky_flank_pain" }, { id: "nausea_vomiting" }],
    },
    diagnosis: { name: "Ureteric stone", kb_id: "renal_colic" },
    key_tests: ["ct_kub"],
  });

/** The chair's action in round 1 when the test chooser proposes a CT of the kidneys, ureters and bladder. */
function chairOnCt(sex: "male" | "female", age: number) {
  const { knowledge } = bundled();
  const view: PanelView = { visible: visibleCase(patient(sex, age)), settings: SessionSettingsSchema.parse({}), round: 1, turn: 1, reveals: [], ledger: emptyLedger(), differentials: [], trail: [] };
  const hypothesis = hypothesisOffline(view, knowledge);
  const chooser = { proposals: [{ kind: "test" as const, testId: "ct_kub", name: "CT KUB", gainBits: 1, separates: [] }], argument: "CT KUB." };
  return chairOffline(view, { hypothesis, chooser }, knowledge);
}

describe("the chair's order of work: a pregnancy test before ionising imaging", () => {
  it("in a woman of child-bearing age, orders the pregnancy test in place of the CT, and says why", () => {
    const chair = chairOnCt("female", 27);
    expect(chair.action).toEqual({ kind: "order", tests: ["urine_hcg"] });
    expect(chair.checklist.some((c) => /waits for Urine pregnancy test/.test(c))).toBe(true);
  });

  it("orders the CT at once for a man or a woman past child-bearing age with the same story", () => {
    for (const [sex, age] of [["male", 27], ["female", 67]] as const) expect(chairOnCt(sex, age).action).toEqual({ kind: "order", tests: ["ct_kub"] });
  });
});
