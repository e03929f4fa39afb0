import { describe, expect, it } from "vitest";
import { CaseSchema } from "../../core/case.js";
import { debrief } from "../../teaching/debrief.js";
import { bestLabel } from "../../teaching/labels.js";
import { type StagedRound, toyCase, toyKnowledge, toyRecord } from "./toy-session.js";

const labelled = (rounds: StagedRound[], caseFile = toyCase) =>
  debrief({ caseFile, knowledge: toyKnowledge, learner: toyRecord(rounds) }).learner.rounds.map((r) => r.items.map((i) => [i.name, i.label]));

describe("labelling each question and test", () => {
  it("calls a key test of the case critical", () => {
    expect(labelled([{ kind: "order", items: [{ request: "urine_dip", findings: { urine_nitrite: true } }] }])).toEqual([[["Test urine_dip", "critical"]]]);
  });

  it("calls critical the question whose reply alone lifts the truth past the confidence threshold", () => {
    // Dysuria: uti 0.225 against influenza 0.025, sepsis 0.0075 and other 0.1 × 0.2861: 0.786, past 0.75.
    const learner = toyRecord([{ kind: "ask", items: [{ request: "Burning?", findings: { dysuria: true } }] }]);
    const d = debrief({ caseFile: toyCase, knowledge: toyKnowledge, learner, settings: { confidenceThreshold: 0.75 } });
    const item = d.learner.rounds[0]!.items[0]!;
    expect(item.label).toBe("critical");
    expect(item.truthBefore).toBeCloseTo(0.25, 12);
    expect(item.truthAfter).toBeCloseTo(0.225 / (0.2575 + 0.1 * (0.2575 / 0.9)), 12);
    expect(item.reason).toContain("lifts Urinary tract infection past the 75% threshold");
    // At the default 85% the same reply only cuts the uncertainty.
    expect(debrief({ caseFile: toyCase, knowledge: toyKnowledge, learner }).learner.rounds[0]!.items[0]!.label).toBe("useful");
  });

  it("calls useful a reply that cuts the uncertainty, and neutral one that leaves the differential as it was", () => {
    const rounds: StagedRound[] = [
      { kind: "ask", items: [{ request: "Any cough?", findings: { cough: false } }] },
      { kind: "order", items: [{ request: "urine_dip", findings: { urine_nitrite: true } }] },
      { kind: "ask", items: [{ request: "Burning?", findings: { dysuria: true } }, { request: "Any headache?", findings: { headache: false } }] },
    ];
    expect(labelled(rounds)).toEqual([
      [["Any cough?", "useful"]],
      [["Test urine_dip", "critical"]],
      [
        ["Burning?", "useful"],
        ["Any headache?", "neutral"],
      ],
    ]);
  });

  it("calls wasted a refusal, a repeat, and a reply that adds no new finding", () => {
    const rounds: StagedRound[] = [
      { kind: "order", items: [{ request: "bloods", refused: true }, { request: "lactate", findings: { lactate_high: false } }] },
      { kind: "ask", items: [{ request: "Any cough?", findings: { cough: false } }, { request: "Coughing at all?", findings: { cough: false } }, { request: "any  COUGH?", findings: { cough: false } }] },
      { kind: "order", items: [{ request: "lactate", findings: { lactate_high: false } }] },
    ];
    const d = debrief({ caseFile: toyCase, knowledge: toyKnowledge, learner: toyRecord(rounds) });
    const items = d.learner.rounds.flatMap((r) => r.items);
    expect(items.map((i) => i.label)).toEqual(["wasted", "useful", "useful", "wasted", "wasted", "wasted"]);
    expect(items[0]!.reason).toMatch(/^refused by the gatekeeper/);
    expect(items[3]!.reason).toBe("no new finding: everything it showed was already known");
    expect(items[4]!.reason).toBe("a repeat: asked already in round 2");
    expect(items[5]!.reason).toBe("a repeat: ordered already in round 1");
    expect(items[5]!.gainBits).toBe(0);
  });

  it("gives a round its best item's label, and none to a diagnosis", () => {
    expect(bestLabel(["wasted", "useful", "neutral"])).toBe("useful");
    expect(bestLabel([])).toBeNull();
    const d = debrief({
      caseFile: toyCase,
      knowledge: toyKnowledge,
      learner: toyRecord([
        { kind: "order", items: [{ request: "lactate", findings: { lactate_high: false } }, { request: "urine_dip", findings: { urine_nitrite: true } }] },
        { kind: "diagnose", name: "Urinary tract infection", kbId: "uti" },
      ]),
    });
    expect(d.learner.rounds.map((r) => r.label)).toEqual(["critical", null]);
  });

  it("does not weigh replies on a case without knowledge-base links, but still spots key tests and repeats", () => {
    const uncoded = CaseSchema.parse({ ...toyCase, diagnosis: { name: "Urinary tract infection" }, findings: [], tests: { urine_dip: { text: "Nitrite positive." } } });
    const rounds: StagedRound[] = [
      { kind: "ask", items: [{ request: "Any cough?" }, { request: "Any cough?" }] },
      { kind: "order", items: [{ request: "urine_dip" }] },
    ];
    expect(labelled(rounds, uncoded)).toEqual([
      [
        ["Any cough?", "neutral"],
        ["Any cough?", "wasted"],
      ],
      [["Test urine_dip", "critical"]],
    ]);
  });
});
