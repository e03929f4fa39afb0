import { describe, expect, it } from "vitest";
import { ReferencePlanSchema } from "../../core/reference-plan.js";
import { HARM_PENALTY, judgePlan } from "../../core/treatment-judge.js";

const src = "Constructed reference for a test";
const reference = ReferencePlanSchema.parse({
  required: [
    { text: "anticoagulation", synonyms: ["low molecular weight heparin"], source: src },
    { text: "admit", synonyms: ["admission"], source: src },
    { text: "appendicectomy", synonyms: ["appendectomy"], source: src, alternatives: [{ text: "non-operative antibiotics", source: src }] },
    { text: "nsaids", source: src, avoid: true },
  ],
  harmful: [{ text: "thrombolysis", synonyms: ["alteplase"], source: src }],
});

const plan = (over: Partial<{ firstLine: string[]; disposition: string; monitor: string[]; avoid: string[] }>) => ({
  firstLine: [],
  disposition: "",
  monitor: [],
  avoid: [],
  ...over,
});

describe("the treatment judge", () => {
  it("covers a required element by its words, a synonym, an abbreviation written out or an alternative", () => {
    const s = judgePlan(reference, plan({ firstLine: ["Start LMWH today", "Non-operative antibiotics"], disposition: "Admission to the ward", avoid: ["NSAIDs"] }));
    expect(s.covered).toEqual(["anticoagulation", "admit", "appendicectomy", "nsaids"]);
    expect(s.missed).toEqual([]);
    expect(s.score).toBe(1);
  });

  it("counts the share of required elements covered and names those missed", () => {
    const s = judgePlan(reference, plan({ firstLine: ["laparoscopic appendectomy"] }));
    expect(s.covered).toEqual(["appendicectomy"]);
    expect(s.missed).toEqual(["anticoagulation", "admit", "nsaids"]);
    expect(s.score).toBe(0.25);
  });

  it("an 'avoid' element is met only in the plan's avoid list, not by doing it", () => {
    expect(judgePlan(reference, plan({ firstLine: ["nsaids for pain"] })).covered).not.toContain("nsaids");
    expect(judgePlan(reference, plan({ monitor: ["no NSAIDs"] })).covered).toContain("nsaids");
  });

  it("penalises a harmful act, but not the same act refused", () => {
    const full = { firstLine: ["anticoagulation", "appendicectomy"], disposition: "admit", avoid: ["nsaids"] };
    const harmed = judgePlan(reference, plan({ ...full, firstLine: [...full.firstLine, "IV tPA"] }));
    expect(harmed.harmful).toEqual(["thrombolysis"]);
    expect(harmed.score).toBeCloseTo(1 - HARM_PENALTY);
    expect(judgePlan(reference, plan({ ...full, avoid: ["nsaids", "thrombolysis"] })).harmful).toEqual([]);
    expect(judgePlan(reference, plan({ ...full, firstLine: [...full.firstLine, "thrombolysis is contraindicated"] })).harmful).toEqual([]);
  });

  it("never scores below zero", () => {
    const worse = ReferencePlanSchema.parse({ required: [{ text: "aspirin", source: src }], harmful: [{ text: "alteplase", source: src }, { text: "heparin", source: src }] });
    expect(judgePlan(worse, plan({ firstLine: ["alteplase", "heparin"] })).score).toBe(0);
  });
});
