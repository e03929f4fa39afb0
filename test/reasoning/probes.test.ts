import { describe, expect, it } from "vitest";
import { candidateProbes } from "../../reasoning/index.js";
import { knowledgeBase } from "../../core/knowledge.js";
import { disease, FEVER_ED, finding, toyKb } from "./toy.js";

const none = { asked: new Set<string>(), ordered: new Set<string>() };

describe("candidate probes", () => {
  it("offers questions for askable findings and tests that reveal something", () => {
    expect(candidateProbes(toyKb(), FEVER_ED, {}, none)).toEqual([
      { kind: "question", findingId: "f1" },
      { kind: "question", findingId: "f2" },
      { kind: "test", testId: "panel" },
      { kind: "test", testId: "t1" },
    ]);
  });

  it("leaves out what was asked, ordered or is already known", () => {
    const exclude = { asked: new Set(["f1"]), ordered: new Set(["t1"]) };
    expect(candidateProbes(toyKb(), FEVER_ED, { f2: false }, exclude)).toEqual([
      { kind: "test", testId: "panel" },
    ]);
  });

  it("drops a test once every finding it reveals is known", () => {
    const probes = candidateProbes(toyKb(), FEVER_ED, { f3: true }, none);
    expect(probes).toContainEqual({ kind: "test", testId: "panel" });
    expect(probes).not.toContainEqual({ kind: "test", testId: "t1" });
    expect(candidateProbes(toyKb(), FEVER_ED, { f2: true, f3: true }, none).map((p) => p.kind)).toEqual([
      "question",
    ]);
  });

  it("skips findings no hypothesis in scope tells apart, and findings with no question", () => {
    const kb = toyKb({
      findings: [
        finding({ id: "f4", kind: "symptom", question: "Any f4?" }),
        finding({ id: "f5", kind: "sign", base_rate: 0.4 }),
        finding({ id: "f6", kind: "history", question: "Any f6?", base_rate: 0.4 }),
      ],
    });
    const questions = candidateProbes(kb, FEVER_ED, {}, none).filter((p) => p.kind === "question");
    // f4: every hypothesis at the leak. f5: no question. f6: no disease lists it, so every
    // hypothesis, "other" included, sits at its base rate 0.4.
    expect(questions).toEqual([
      { kind: "question", findingId: "f1" },
      { kind: "question", findingId: "f2" },
    ]);
  });

  it("judges 'other' by the mean of the complaint's diseases, so a finding they all share tells nothing", () => {
    // Both diseases list f6 at 0.6, and "other", a disease outside the knowledge base that
    // presents alike, shows it at their mean: 0.6. Listed apart (0.6, 0.2), it tells them apart.
    const lists = (id: string, p: number) => disease(id, ["fever"], { emergency: 0.3, clinic: 0.3 }, { f6: p });
    const f6 = [finding({ id: "f6", kind: "history", question: "Any f6?", base_rate: 0.4 })];
    const meta = { leak: 0.05, otherPrior: 0.1 };
    expect(candidateProbes(knowledgeBase([lists("delta", 0.6), lists("epsilon", 0.6)], f6, meta), FEVER_ED, {}, none)).toEqual([]);
    expect(candidateProbes(knowledgeBase([lists("delta", 0.6), lists("epsilon", 0.2)], f6, meta), FEVER_ED, {}, none)).toEqual([
      { kind: "question", findingId: "f6" },
    ]);
  });

  it("judges discrimination among the hypotheses in scope only", () => {
    // Only delta (fever) lists f4; for cough, beta sits at the leak and so does "other", its mean.
    const kb = toyKb({
      findings: [finding({ id: "f4", kind: "symptom", question: "Any f4?" })],
      diseases: [disease("delta", ["fever"], { emergency: 0.1, clinic: 0.1 }, { f4: 0.9 })],
    });
    const f4 = { kind: "question", findingId: "f4" };
    expect(candidateProbes(kb, FEVER_ED, {}, none)).toContainEqual(f4);
    expect(candidateProbes(kb, { complaint: "cough", setting: "emergency" }, {}, none)).not.toContainEqual(f4);
  });
});
