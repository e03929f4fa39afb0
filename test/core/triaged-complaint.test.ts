import { checkSync } from "recheck";
import { describe, expect, it } from "vitest";
import { visibleCase } from "../../core/case.js";
import { COMPLAINT_RULES, complaintOf, triagedComplaint } from "../../core/complaint.js";
import { loadKnowledge } from "../../core/knowledge-loader.js";
import { scopeModel } from "../../reasoning/scope.js";
import { constructedCase } from "../support/constructed-case.js";

const filedUnderOther = (chief_complaint: string) => constructedCase({ complaint: "other", presentation: { age: 15, sex: "male", chief_complaint, narrative: `${chief_complaint}, since this morning.` } });

describe("the complaint the panel works a case up under", () => {
  it("is the one a case filed under 'other' names in its chief complaint", () => {
    expect(visibleCase(filedUnderOther("Pain in my testicle and tummy")).complaint).toBe("abdominal_pain");
    expect(visibleCase(filedUnderOther("Sudden weakness of the left arm")).complaint).toBe("focal_weakness");
  });

  it("stays 'other' when the chief complaint names no category, and stays as filed otherwise", () => {
    expect(visibleCase(filedUnderOther("A lump in the breast")).complaint).toBe("other");
    expect(triagedComplaint("chest_pain", "Chest pain and a tummy ache")).toBe("chest_pain");
    expect(triagedComplaint("other", "A lump in the breast")).toBe(complaintOf("A lump in the breast"));
  });

  it("gives the panel the triaged complaint's candidates", () => {
    const kb = loadKnowledge();
    const visible = visibleCase(filedUnderOther("Pain in my testicle and tummy"));
    const { presentation } = visible;
    const model = scopeModel(kb, { complaint: visible.complaint, setting: presentation.setting, sex: presentation.sex, age: presentation.age });
    const candidates = model.hypotheses.map((h) => h.id).filter((id) => id !== "other");
    expect(candidates).toContain("testicular_torsion");
    for (const id of candidates) expect(kb.diseaseById.get(id)?.presentations).toContain("abdominal_pain");
  });
});

// Every case's chief complaint is triaged, so a hostile one must not stall the search: each rule
// is proved linear by a ReDoS checker (an unbounded gap between a body part and its complaint
// was quadratic, some 120 ms on 32 kB of "leg leg leg").
describe("the triage rules on hostile text", () => {
  it.each(COMPLAINT_RULES.map(([pattern, complaint]) => [complaint, pattern] as const))("the %s rule runs in linear time (recheck)", { timeout: 60_000 }, (_complaint, pattern) => {
    expect(checkSync(pattern.source, pattern.flags, { checker: "automaton", timeout: 20_000 }).status).toBe("safe");
  });
});
