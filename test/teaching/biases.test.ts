import { describe, expect, it } from "vitest";
import { likelihoodRatio } from "../../teaching/biases.js";
import { debrief } from "../../teaching/debrief.js";
import { type StagedRound, toyCase, toyKnowledge, toyRecord } from "./toy-session.js";

const FEVER_ED = { complaint: "fever", setting: "emergency" } as const;
const flagsOf = (rounds: StagedRound[], settings = {}) => debrief({ caseFile: toyCase, knowledge: toyKnowledge, learner: toyRecord(rounds), settings }).learner.flags;

/** Staged anchoring: influenza held while cough, aches and the swab all come back against it. */
const ANCHORED: StagedRound[] = [
  { kind: "ask", items: [{ request: "Any cough?", findings: { cough: false } }, { request: "Aching muscles?", findings: { myalgia: false } }] },
  { kind: "order", items: [{ request: "flu_swab", findings: { flu_swab_positive: false } }] },
  { kind: "diagnose", name: "Influenza" },
];

/** A clean workup: the urinary question, the key test, the right diagnosis. */
const CLEAN: StagedRound[] = [
  { kind: "ask", items: [{ request: "Any burning when you pass urine?", findings: { dysuria: true } }, { request: "Any cough?", findings: { cough: false } }] },
  { kind: "order", items: [{ request: "urine_dip", findings: { urine_nitrite: true } }], decidedBy: "panel" },
  { kind: "diagnose", name: "Urinary tract infection", kbId: "uti", decidedBy: "panel" },
];

describe("a finding's likelihood ratio for a hypothesis against the rest", () => {
  it("weighs the rest as they stood: no cough is 0.1 / (1 - 0.1444) for influenza at the priors", () => {
    // The rest at the priors: sepsis 0.15 and uti 0.25 at the leak, other 0.1 at 0.5222 (toy-session.ts).
    const rest = (0.15 * 0.05 + 0.25 * 0.05 + 0.1 * (0.47 / 0.9)) / 0.5;
    expect(likelihoodRatio(toyKnowledge.kb, FEVER_ED, {}, { id: "cough", present: false }, "influenza")).toBeCloseTo(0.1 / (1 - rest), 10);
    expect(likelihoodRatio(toyKnowledge.kb, FEVER_ED, {}, { id: "cough", present: true }, "influenza")).toBeCloseTo(0.9 / rest, 10);
  });
});

describe("anchoring", () => {
  it("is flagged when the named diagnosis was held while the findings turned against it", () => {
    const { anchoring } = flagsOf(ANCHORED);
    expect(anchoring).not.toBeNull();
    expect(anchoring!.hypothesis).toEqual({ id: "influenza", name: "Influenza" });
    expect(anchoring!.peak).toEqual({ round: 1, p: expect.closeTo(0.5, 12) });
    expect(anchoring!.contrary.map((c) => [c.id, c.present, c.round])).toEqual([
      ["cough", false, 1],
      ["myalgia", false, 1],
      ["flu_swab_positive", false, 2],
    ]);
    expect(anchoring!.leader.id).toBe("uti");
    expect(anchoring!.atDiagnosis).toBeLessThan(0.01);
  });

  it("is not flagged on a clean workup", () => {
    expect(flagsOf(CLEAN).anchoring).toBeNull();
  });

  it("is not flagged when only one finding argued against the named diagnosis", () => {
    const once: StagedRound[] = [{ kind: "ask", items: [{ request: "Any cough?", findings: { cough: false } }] }, { kind: "diagnose", name: "Influenza" }];
    expect(flagsOf(once).anchoring).toBeNull();
    expect(flagsOf(once).prematureClosure).not.toBeNull();
  });

  it("is not flagged for a diagnosis the evidence still favours, however it dipped", () => {
    const dipped: StagedRound[] = [
      { kind: "ask", items: [{ request: "Burning?", findings: { dysuria: true } }] },
      { kind: "order", items: [{ request: "urine_dip", findings: { urine_nitrite: false } }, { request: "lactate", findings: { lactate_high: false } }] },
      { kind: "ask", items: [{ request: "Any cough?", findings: { cough: false } }] },
      { kind: "diagnose", name: "Urinary tract infection", kbId: "uti" },
    ];
    expect(flagsOf(dipped).anchoring).toBeNull();
  });
});

describe("premature closure", () => {
  it("is flagged when the diagnosis is named below the confidence threshold", () => {
    expect(flagsOf(ANCHORED).prematureClosure).toEqual({
      hypothesis: { id: "influenza", name: "Influenza" },
      round: 3,
      // Influenza 0.5 × 0.1 × 0.2 × 0.1 against sepsis and uti 0.4 × 0.95³ and other 0.1 × (1 − 0.5222)² × (1 − 0.4667).
      p: expect.closeTo(0.001 / (0.001 + 0.4 * 0.95 ** 3 + 0.1 * (1 - 0.47 / 0.9) ** 2 * (1 - 0.42 / 0.9)), 12),
      threshold: 0.85,
      forced: null,
    });
  });

  it("follows the session's threshold", () => {
    const early: StagedRound[] = [{ kind: "ask", items: [{ request: "Burning?", findings: { dysuria: true } }] }, { kind: "diagnose", name: "Urinary tract infection", kbId: "uti" }];
    // Dysuria: uti 0.225 against influenza 0.025, sepsis 0.0075 and other 0.1 × 0.2861: 0.786.
    expect(flagsOf(early, { confidenceThreshold: 0.75 }).prematureClosure).toBeNull();
    expect(flagsOf(early).prematureClosure?.p).toBeCloseTo(0.225 / (0.2575 + 0.1 * (0.2575 / 0.9)), 12);
  });

  it("is not flagged on a clean workup", () => {
    expect(flagsOf(CLEAN).prematureClosure).toBeNull();
  });

  it("is not judged for a diagnosis outside the knowledge base, which has no posterior of its own", () => {
    const outside: StagedRound[] = [{ kind: "ask", items: [{ request: "Any cough?", findings: { cough: false } }] }, { kind: "diagnose", name: "Familial Mediterranean fever" }];
    expect(flagsOf(outside)).toMatchObject({ anchoring: null, prematureClosure: null });
  });
});

describe("can't-miss diagnoses never excluded", () => {
  it("lists a can't-miss diagnosis still above the can't-miss threshold at the end", () => {
    expect(flagsOf(ANCHORED).cantMissOpen).toEqual([{ id: "sepsis", name: "Sepsis", p: expect.any(Number) }]);
    expect(flagsOf(ANCHORED).cantMissOpen[0]!.p).toBeGreaterThan(0.2);
  });

  it("lists none once the workup has made it unlikely enough", () => {
    expect(flagsOf(CLEAN).cantMissOpen).toEqual([]);
    expect(flagsOf(ANCHORED, { cantMissThreshold: 0.9 }).cantMissOpen).toEqual([]);
  });
});

describe("tests that changed nothing", () => {
  it("lists tests ordered after the answer was clear, and repeats, with their price", () => {
    const rounds: StagedRound[] = [
      ...CLEAN.slice(0, 2),
      { kind: "order", items: [{ request: "lactate", findings: { lactate_high: false } }, { request: "urine_dip", findings: { urine_nitrite: true } }] },
      { kind: "diagnose", name: "Urinary tract infection", kbId: "uti" },
    ];
    const idle = flagsOf(rounds).testsThatChangedNothing;
    expect(idle.map((t) => [t.round, t.testId, t.usd])).toEqual([
      [3, "lactate", 15],
      [3, "urine_dip", 5],
    ]);
    expect(Math.abs(idle[0]!.gainBits)).toBeLessThanOrEqual(0.05);
  });

  it("leaves out a test that moved the differential", () => {
    expect(flagsOf(CLEAN).testsThatChangedNothing).toEqual([]);
  });
});
