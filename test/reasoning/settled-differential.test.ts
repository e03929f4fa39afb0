import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../core/knowledge-loader.js";
import { OTHER_DIAGNOSIS } from "../../core/knowledge.js";
import { settledDifferential } from "../../reasoning/decisive.js";
import type { Differential } from "../../reasoning/differential.js";

const kb = loadKnowledge();
const entry = (id: string, p: number) => ({ id, name: kb.diseaseById.get(id)?.name ?? id, p });

describe("a settled diagnosis's probability", () => {
  it("sets aside the leak: diseases that do not list a decisive finding drop out and the rest are renormalised", () => {
    // Constipation in an infant: the biopsy's absent ganglion cells settle it whatever the prior said.
    const before: Differential = [entry("acute_gastroenteritis", 0.7), entry(OTHER_DIAGNOSIS, 0.28), entry("hirschsprung_disease", 0.02)];
    const after = settledDifferential(kb, before, "aganglionosis_on_biopsy");
    expect(after).toEqual([{ ...entry("hirschsprung_disease", 0.02), p: 1 }]);
  });

  it("leaves a finding with a cited false-positive rate to the posterior", () => {
    expect(kb.findingById.get("ct_aortic_dissection_flap")!.base_rate).toBeDefined();
    const before: Differential = [entry("aortic_dissection", 0.45), entry("acute_coronary_syndrome", 0.3), entry(OTHER_DIAGNOSIS, 0.25)];
    expect(settledDifferential(kb, before, "ct_aortic_dissection_flap")).toBe(before);
  });
});
