import { describe, expect, it } from "vitest";
import { CaseSchema } from "../../core/case.js";
import { DiagnosticSession } from "../../graph/session.js";
import { playScripted } from "../../graph/scripted.js";
import { bundled } from "./helpers.js";

/**
 * A constructed patient (no bundled case): back pain after lifting in a young man, every red flag
 * absent. Whatever the story points to, the guideline's red flags (meta.yaml standard_questions)
 * are asked before any diagnosis is named.
 */
const patient = (sex: "male" | "female", age: number) =>
  CaseSchema.parse({
    id: "constructed-back",
    title: "Constructed back pain",
    specialty: "primary care",
    difficulty: "easy",
    complaint: "back_pain",
    source: { name: "constructed in test/graph/red-flags.test.ts", licence: "MIT" },
    presentation: {
      age,
      sex,
      setting: "clinic",
      chief_complaint: "Low back pain since lifting a box yesterday",
      narrative: "Aching low back pain since lifting a heavy box yesterday, worse when moving.",
      kb: [{ id: "back_pain_after_lifting" }, { id: "pain_worse_movement" }],
    },
    findings: [
      { id: "flags", kind: "history", topic: "red flags", synonyms: ["bladder", "bowel", "numbness", "cancer", "fever", "steroids"], text: "None of those.", kb: ["urinary_retention_incontinence", "saddle_anaesthesia", "active_cancer", "fever", "steroid_use"].map((id) => ({ id, present: false })) },
    ],
    diagnosis: { name: "Non-specific mechanical low back pain", kb_id: "mechanical_low_back_pain" },
    key_tests: ["none"],
  });

describe("red flags a guideline asks of every patient with the complaint", () => {
  it("asks them all before it names a diagnosis of back pain", async () => {
    const { knowledge } = bundled();
    const flags = knowledge.kb.standardQuestions.filter((q) => q.complaint === "back_pain").flatMap((q) => q.findings);
    expect(flags.length).toBeGreaterThan(0);
    for (const [sex, age] of [["male", 30], ["female", 45]] as const) {
      const session = DiagnosticSession.create({ caseFile: patient(sex, age), knowledge });
      const { values } = await playScripted(session);
      expect(values.diagnosis).not.toBeNull();
      const askedBefore = values.trail.filter((t) => t.round < values.diagnosis!.round).flatMap((t) => (t.action.kind === "ask" ? t.action.questions : []));
      for (const id of flags) expect(askedBefore).toContain(knowledge.kb.findingById.get(id)!.question);
    }
  });
});
