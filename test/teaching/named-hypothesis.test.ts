import { describe, expect, it } from "vitest";
import { loadBundledKnowledge } from "../../cli/knowledge.js";
import { scopeModel } from "../../reasoning/scope.js";
import { namedHypothesis } from "../../teaching/named-hypothesis.js";

const { kb } = loadBundledKnowledge();
const chestPain = scopeModel(kb, { complaint: "chest_pain", setting: "emergency" }).hypotheses.map((h) => h.id);

describe("reading a named diagnosis as a hypothesis of the differential", () => {
  it("takes the knowledge-base id when the diagnosis gives one in play", () => {
    expect(namedHypothesis({ name: "whatever it is called", kbId: "aortic_dissection" }, kb, chestPain)).toBe("aortic_dissection");
  });

  it("finds the disease whose name or synonym a free-text diagnosis spells", () => {
    expect(namedHypothesis({ name: "Unstable angina (acute coronary syndrome)" }, kb, chestPain)).toBe("nstemi");
    expect(namedHypothesis({ name: "Aortic dissection" }, kb, chestPain)).toBe("aortic_dissection");
    expect(namedHypothesis({ name: "acute aortic dissection" }, kb, chestPain)).toBe("aortic_dissection");
  });

  it("reads a name no disease in play answers to as another diagnosis", () => {
    expect(namedHypothesis({ name: "Boerhaave syndrome, probably" }, kb, chestPain)).toBe("other");
    expect(namedHypothesis({ name: "Acute appendicitis", kbId: "appendicitis" }, kb, chestPain)).toBe("other");
  });
});
