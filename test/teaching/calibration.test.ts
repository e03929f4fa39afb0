import { describe, expect, it } from "vitest";
import { brierScore, calibration } from "../../teaching/calibration.js";
import { debrief } from "../../teaching/debrief.js";
import { toyCase, toyKnowledge, toyRecord } from "./toy-session.js";

describe("the Brier score on the truth", () => {
  it("is (1 - p(truth))² plus the squares of the other hypotheses", () => {
    const d = [
      { id: "a", p: 0.6 },
      { id: "b", p: 0.3 },
      { id: "other", p: 0.1 },
    ];
    expect(brierScore(d, "a")).toBeCloseTo(0.16 + 0.09 + 0.01, 12);
    expect(brierScore(d, "b")).toBeCloseTo(0.36 + 0.49 + 0.01, 12);
  });

  it("counts a truth the differential does not list as p = 0", () => {
    expect(brierScore([{ id: "a", p: 1 }], "b")).toBe(2);
    expect(brierScore([{ id: "b", p: 1 }], "b")).toBe(0);
  });

  it("averages the rounds and keeps each round's score", () => {
    const c = calibration(
      [
        { round: 1, differential: [{ id: "a", p: 1 }] },
        { round: 2, differential: [{ id: "b", p: 1 }] },
      ],
      "b",
      "stated differentials",
    );
    expect(c).toEqual({
      source: "stated differentials",
      brier: 1,
      rounds: [
        { round: 1, brier: 2, truthP: 0 },
        { round: 2, brier: 0, truthP: 1 },
      ],
    });
  });

  it("has nothing to average without a round", () => {
    expect(calibration([], "a", "working differential").brier).toBeNull();
  });
});

describe("the learner's calibration", () => {
  it("scores the working differential: the posterior over the learner's own findings, round by round", () => {
    const learner = toyRecord([
      { kind: "ask", items: [{ request: "Any burning when you pass urine?", findings: { dysuria: true } }] },
      { kind: "diagnose", name: "Urinary tract infection", kbId: "uti" },
    ]);
    const { learner: path } = debrief({ caseFile: toyCase, knowledge: toyKnowledge, learner });
    expect(path.calibration.source).toBe("working differential");
    // Round 1 is the prior: influenza 0.5, sepsis 0.15, uti 0.25, other 0.1.
    expect(path.calibration.rounds[0]!.brier).toBeCloseTo(0.75 ** 2 + 0.5 ** 2 + 0.15 ** 2 + 0.1 ** 2, 10);
    // Round 2 after dysuria: weights 0.025, 0.0075, 0.225 and other 0.1 × 0.2861 (toy-session.ts).
    const weights = [0.025, 0.0075, 0.225, 0.1 * (0.2575 / 0.9)];
    const total = weights.reduce((a, b) => a + b, 0);
    const [flu, sepsis, uti, other] = weights.map((w) => w / total) as [number, number, number, number];
    expect(path.calibration.rounds[1]!.truthP).toBeCloseTo(uti, 10);
    expect(path.calibration.rounds[1]!.brier).toBeCloseTo((1 - uti) ** 2 + flu ** 2 + sepsis ** 2 + other ** 2, 10);
    expect(path.calibration.brier).toBeCloseTo((path.calibration.rounds[0]!.brier + path.calibration.rounds[1]!.brier) / 2, 12);
  });

  it("scores the panel on the differentials it stated in its own run", () => {
    const learner = toyRecord([{ kind: "diagnose", name: "Influenza", kbId: "influenza" }]);
    const panel = {
      ...toyRecord([
        { kind: "order", items: [{ request: "urine_dip", findings: { urine_nitrite: true } }], decidedBy: "panel" },
        { kind: "diagnose", name: "Urinary tract infection", kbId: "uti", decidedBy: "panel" },
      ]),
      differentials: [
        { round: 1, differential: [{ id: "uti", name: "UTI", p: 0.5 }, { id: "influenza", name: "Influenza", p: 0.5 }] },
        { round: 2, differential: [{ id: "uti", name: "UTI", p: 0.9 }, { id: "influenza", name: "Influenza", p: 0.1 }] },
      ],
    };
    const d = debrief({ caseFile: toyCase, knowledge: toyKnowledge, learner, panel });
    expect(d.panel!.calibration.source).toBe("stated differentials");
    expect(d.panel!.calibration.rounds.map((r) => r.brier)).toEqual([0.5, expect.closeTo(0.02, 12)]);
    expect(d.panel!.calibration.brier).toBeCloseTo(0.26, 12);
  });
});
