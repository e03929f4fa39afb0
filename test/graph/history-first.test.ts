import { describe, expect, it } from "vitest";
import type { Complaint } from "../../core/complaint.js";
import { DiagnosticSession } from "../../graph/session.js";
import { playScripted } from "../../graph/scripted.js";
import { bundled } from "./helpers.js";
import { constructedCase } from "../support/constructed-case.js";

/** A constructed clinic patient (no bundled case) who states the complaint and what `kb` codes. */
const patient = (complaint: Complaint, sex: "male" | "female", age: number, kb: { id: string }[] = []) =>
  constructedCase({ complaint, presentation: { age, sex, setting: "clinic", chief_complaint: `${complaint.replaceAll("_", " ")} for three weeks`, narrative: "Came to the clinic about it.", kb } });

const play = async (complaint: Complaint, sex: "male" | "female", age: number, kb: { id: string }[] = []) => {
  const { knowledge } = bundled();
  const { values } = await playScripted(DiagnosticSession.create({ caseFile: patient(complaint, sex, age, kb), knowledge }));
  return { kb: knowledge.kb, values };
};

describe("a physician's order of work in a patient who is not time-critical", () => {
  it("takes a history before ordering a test: a visit's questions are worth its fee together", async () => {
    // Low mood leaves no single question worth a whole visit fee on its own; the visit still is.
    for (const [complaint, sex, age] of [["fatigue", "male", 63], ["fatigue", "female", 35], ["cough", "female", 50]] as const) {
      const { values } = await play(complaint, sex, age, complaint === "fatigue" ? [{ id: "low_mood" }] : []);
      expect(values.trail[0]?.action.kind, `${complaint}, ${sex} ${age}`).toBe("ask");
    }
  });

  it("never asks the patient about the symptom the complaint states", async () => {
    const { knowledge } = bundled();
    expect(knowledge.kb.complaintFindings.length).toBeGreaterThan(0);
    for (const { complaint, finding } of knowledge.kb.complaintFindings) {
      const { kb, values } = await play(complaint, "female", 45);
      const asked = values.trail.flatMap((t) => (t.action.kind === "ask" ? t.action.questions : []));
      expect(asked.length, complaint).toBeGreaterThan(0);
      expect(asked, complaint).not.toContain(kb.findingById.get(finding)!.question);
    }
  });
});
