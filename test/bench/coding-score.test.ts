import { describe, expect, it } from "vitest";
import { loadBundledKnowledge } from "../../cli/knowledge.js";
import type { Case } from "../../core/case.js";
import { constructedCase } from "../support/constructed-case.js";
import { scoreCoder } from "../../bench/coding.js";

const knowledge = loadBundledKnowledge();

/** A constructed hand-coded patient: its vital signs coded for tachycardia only, and a history item coded for a denied cough. */
const handCoded = (history: { text: string; kb: Case["findings"][number]["kb"] }): Case =>
  constructedCase({
    presentation: { kb: [{ id: "chest_pain_pressure" }] },
    findings: [
      { id: "vitals", kind: "exam", topic: "vital signs", text: "HR 118/min, BP 132/80 mmHg, RR 16/min.", kb: [{ id: "tachycardia" }, { id: "hypotension", present: false }] },
      { id: "history", kind: "history", topic: "cough", text: history.text, kb: history.kb },
    ],
  });

describe("the coder's score, read as the gatekeeper reveals the codes", () => {
  it("counts an absence the author left unwritten as agreed when the hand-coded case reveals it absent when asked, and not with links only", () => {
    const cases = [{ file: "constructed.yaml", case: handCoded({ text: "No cough.", kb: [{ id: "cough", present: false }] }) }];
    const revealed = scoreCoder(cases, knowledge);
    const linked = scoreCoder(cases, knowledge, { linkedOnly: true });
    // The coder reads RR 16 as tachypnoea absent; no fact of the case links tachypnoea, and its gatekeeper says it is absent.
    expect(revealed.revealedByDefault).toBeGreaterThan(0);
    expect(revealed.agreed).toBeGreaterThan(linked.agreed);
    expect(revealed.proposed - revealed.agreed).toBeLessThan(linked.proposed - linked.agreed);
  });

  it("lists each fact where the sides differ: the code counted wrong with its words, and the hand code missed", () => {
    const cases = [{ file: "constructed.yaml", case: handCoded({ text: "A dry cough.", kb: [{ id: "cough", present: false }] }) }];
    const history = scoreCoder(cases, knowledge, { linkedOnly: true }).disagreements.find((d) => d.fact === "history: cough");
    expect(history?.wrong).toContainEqual({ id: "cough", present: true, phrase: "A dry cough." });
    expect(history?.missed).toContainEqual({ id: "cough", present: false });
  });

  it("credits no absence of a finding the other side links present elsewhere", () => {
    // The author codes a cough present in the history; the coder's absence of a cough would contradict, not agree.
    const cases = [{ file: "constructed.yaml", case: handCoded({ text: "No cough.", kb: [{ id: "cough", present: true }] }) }];
    const score = scoreCoder(cases, knowledge);
    expect(score.wrong.contradicting).toBeGreaterThan(0);
  });
});
