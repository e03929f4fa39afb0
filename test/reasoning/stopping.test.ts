import { describe, expect, it } from "vitest";
import { abstentionText, STOPPING_PARAMETERS, type StopInput, stopDecision } from "../../reasoning/index.js";

/** A constructed patient's position: a leader, its threshold, what is open and what can be done. */
const at = (p: number, over: Partial<StopInput> = {}): StopInput => ({
  decisive: null,
  leader: { id: "alpha", name: "Alpha", p },
  otherP: 0.05,
  treatmentThreshold: 0.85,
  checksDue: [],
  cantMissOpen: [],
  canGather: true,
  ...over,
});

describe("the one stopping rule (Pauker-Kassirer thresholds)", () => {
  it("diagnoses once the leader passes its treatment threshold with nothing can't-miss open", () => {
    expect(stopDecision(at(0.9)).kind).toBe("diagnose");
    expect(stopDecision(at(0.84)).kind).toBe("gather");
  });

  it("keeps gathering while a can't-miss alternative is above its testing threshold", () => {
    const open = at(0.9, { cantMissOpen: [{ id: "beta", name: "Beta", p: 0.04 }] });
    expect(stopDecision(open)).toMatchObject({ kind: "gather" });
    expect(stopDecision(open).reason).toContain("Beta");
  });

  it("keeps gathering while a check due before naming is not done", () => {
    expect(stopDecision(at(0.95, { checksDue: ["ECG is due for every patient with syncope"] })).kind).toBe("gather");
  });

  it("when nothing more can be gathered, names a leader more likely than not", () => {
    expect(stopDecision(at(0.6, { canGather: false })).kind).toBe("diagnose");
    // A can't-miss rival nothing can exclude does not keep the panel from naming the leader.
    expect(stopDecision(at(0.9, { canGather: false, cantMissOpen: [{ id: "beta", name: "Beta", p: 0.05 }] })).kind).toBe("diagnose");
  });

  it("abstains when nothing more can be gathered and the leader is a guess", () => {
    expect(stopDecision(at(STOPPING_PARAMETERS.minNamedP - 0.01, { canGather: false })).kind).toBe("abstain");
  });

  it("abstains when most of the probability lies outside the knowledge base", () => {
    expect(stopDecision(at(0.3, { otherP: 0.6, canGather: false })).reason).toContain("outside the knowledge base");
    expect(stopDecision(at(0.3, { otherP: 0.6, canGather: true })).kind).toBe("gather");
  });

  it("a decisive finding settles its diagnosis at once, whatever the thresholds say", () => {
    const decisive = { id: "beta", name: "Beta", finding: "Crystals" };
    expect(stopDecision(at(0.3, { decisive, cantMissOpen: [{ id: "gamma", name: "Gamma", p: 0.2 }] })).kind).toBe("diagnose");
  });

  it("the abstention names the closest diagnoses it knows", () => {
    expect(abstentionText([{ name: "Alpha", p: 0.3 }])).toBe(
      "This presentation is outside what the offline knowledge base covers; the closest it knows: Alpha (30%).",
    );
  });
});
