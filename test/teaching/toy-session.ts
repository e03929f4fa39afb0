import type { Action } from "../../core/action.js";
import { type Case, CaseSchema } from "../../core/case.js";
import { chargeQuestions, chargeTests, emptyLedger } from "../../core/ledger.js";
import type { Knowledge } from "../../agents/view.js";
import type { SessionRecord } from "../../teaching/record.js";
import { knowledgeBase } from "../../core/knowledge.js";
import { catalog, disease, finding } from "../reasoning/toy.js";

/*
 * A toy fever clinic for the debrief, small enough to check by hand. Emergency priors 0.5, 0.15,
 * 0.25 and "other" 0.1 already sum to 1, so they are the round-1 differential as they stand.
 *
 * P(finding | hypothesis)    influenza  sepsis  uti    other#
 *   cough                    0.90       0.05*   0.05*  0.5222
 *   myalgia                  0.80       0.05*   0.05*  0.4667
 *   dysuria                  0.05*      0.05*   0.90   0.2861
 *   rigors                   0.05*      0.70    0.05*  0.1583
 *   flu_swab_positive        0.90       0.05*   0.05*  0.5222
 *   lactate_high             0.05*      0.80    0.05*  0.1750
 *   urine_nitrite            0.05*      0.05*   0.90   0.2861
 * (* = not listed: the leak; # = the three diseases' mean by prior, weights 5/9, 1.5/9, 2.5/9)
 */
const findings = [
  finding({ id: "cough", kind: "symptom", question: "Any cough?" }),
  finding({ id: "myalgia", kind: "symptom", question: "Aching muscles?" }),
  finding({ id: "dysuria", kind: "symptom", question: "Burning on passing urine?" }),
  finding({ id: "rigors", kind: "symptom", question: "Any shaking chills?" }),
  finding({ id: "flu_swab_positive", kind: "test", tests: ["flu_swab"] }),
  finding({ id: "lactate_high", kind: "test", tests: ["lactate"] }),
  finding({ id: "urine_nitrite", kind: "test", tests: ["urine_dip"] }),
  // Listed by none, so every hypothesis, "other" too, shows it at the leak: a reply that moves nothing.
  finding({ id: "headache", kind: "symptom", question: "Any headache?" }),
];
const diseases = [
  { ...disease("influenza", ["fever"], { emergency: 0.5, clinic: 0.5 }, { cough: 0.9, myalgia: 0.8, flu_swab_positive: 0.9 }), name: "Influenza", synonyms: ["flu"] },
  { ...disease("sepsis", ["fever"], { emergency: 0.15, clinic: 0.05 }, { rigors: 0.7, lactate_high: 0.8 }), name: "Sepsis", cant_miss: true },
  { ...disease("uti", ["fever"], { emergency: 0.25, clinic: 0.3 }, { dysuria: 0.9, urine_nitrite: 0.9 }), name: "Urinary tract infection", synonyms: ["UTI"] },
];

export const toyKnowledge: Knowledge = {
  kb: knowledgeBase(diseases, findings, { leak: 0.05, otherPrior: 0.1 }),
  catalog: catalog({ flu_swab: 40, lactate: 15, urine_dip: 5 }),
};

export const toyCase: Case = CaseSchema.parse({
  id: "toy-uti",
  title: "Fever and burning",
  specialty: "emergency medicine",
  difficulty: "easy",
  complaint: "fever",
  source: { name: "dxsim test fixture", licence: "MIT" },
  presentation: { age: 30, sex: "female", setting: "emergency", chief_complaint: "Fever", narrative: "A day of fever and feeling unwell." },
  findings: [
    { id: "urinary", kind: "history", topic: "urinary symptoms", text: "Burning when passing urine.", kb: [{ id: "dysuria" }] },
    { id: "resp", kind: "history", topic: "cough", text: "No cough.", kb: [{ id: "cough", present: false }] },
  ],
  tests: { urine_dip: { text: "Nitrite positive.", abnormal: true, kb: [{ id: "urine_nitrite" }] } },
  diagnosis: { name: "Urinary tract infection", kb_id: "uti" },
  key_tests: ["urine_dip"],
  teaching_points: ["Ask about urinary symptoms in every febrile patient."],
});

/** One reply in a staged round: what was asked or ordered, and the findings it established. */
export interface StagedItem {
  request: string;
  findings?: Record<string, boolean>;
  /** The gatekeeper refused it (a vague question, a test not in the catalog). */
  refused?: boolean;
}

export type StagedRound =
  | { kind: "ask" | "order"; items: StagedItem[]; decidedBy?: "panel" | "physician"; replaced?: Action }
  | { kind: "diagnose"; name: string; kbId?: string; decidedBy?: "panel" | "physician" };

/** A finished session's record, as the graph would have written it, from staged rounds on the toy. */
export function toyRecord(rounds: readonly StagedRound[]): SessionRecord {
  const record: SessionRecord = {
    harms: [],
    trail: [],
    reveals: [],
    differentials: [],
    debate: [],
    ledger: emptyLedger(),
    diagnosis: null,
    decidedBy: null,
    forced: null,
    verdict: null,
  };
  rounds.forEach((step, i) => {
    const round = i + 1;
    const decidedBy = step.decidedBy ?? "physician";
    if (step.kind === "diagnose") {
      const guess = { name: step.name, ...(step.kbId ? { kbId: step.kbId } : {}) };
      const correct = step.kbId === "uti";
      record.trail.push({ round, decidedBy, action: { kind: "diagnose", diagnosis: guess } });
      record.diagnosis = guess;
      record.decidedBy = decidedBy;
      record.verdict = { score: correct ? 5 : 1, correct, matchedBy: correct ? "kb-id" : "none", reason: "staged" };
      return;
    }
    const requests = step.items.map((it) => it.request);
    const action: Action = step.kind === "ask" ? { kind: "ask", questions: requests } : { kind: "order", tests: requests };
    record.trail.push({ round, decidedBy, action, ...(step.replaced ? { replaced: step.replaced } : {}) });
    for (const item of step.items) {
      const links = Object.entries(item.findings ?? {}).map(([id, present]) => ({ id, present }));
      const test = step.kind === "order" && !item.refused ? toyKnowledge.catalog.byId.get(item.request) : undefined;
      record.reveals.push({
        round,
        reveal: {
          kind: item.refused ? "refusal" : step.kind === "ask" ? "answer" : "result",
          request: item.request,
          ...(test ? { testId: test.id, testName: test.name } : {}),
          text: item.refused ? "Please order a named test." : "staged reply",
          values: [],
          abnormal: false,
          findings: item.refused ? [] : links,
        },
      });
    }
    const charged = step.items.flatMap((it) => (it.refused ? [] : (toyKnowledge.catalog.byId.get(it.request) ?? [])));
    record.ledger = step.kind === "ask" ? chargeQuestions(record.ledger, round, toyKnowledge.catalog.visitFeeUsd) : chargeTests(record.ledger, round, charged);
  });
  return record;
}
