import { describe, expect, it } from "vitest";
import { visibleCase } from "../../core/case.js";
import { chargeTests, emptyLedger } from "../../core/ledger.js";
import { chairPrompt } from "../../agents/chair.js";
import { costStewardOffline, costStewardPrompt } from "../../agents/cost-steward.js";
import { gatekeeperAskPrompt, gatekeeperOrderPrompt } from "../../agents/gatekeeper-prompt.js";
import { hypothesisOffline, hypothesisPrompt } from "../../agents/hypothesis.js";
import { JUDGE_EXAMPLES, judgePrompt } from "../../agents/judge-prompt.js";
import { JUDGE_RUBRIC, judgeAnswer } from "../../core/judge.js";
import { bundledVocabulary } from "../../core/vocabulary-loader.js";
import { skepticOffline, skepticPrompt } from "../../agents/skeptic.js";
import { testChooserOffline, testChooserPrompt } from "../../agents/test-chooser.js";
import type { PanelView } from "../../agents/view.js";
import { SessionSettingsSchema } from "../../core/settings.js";
import { fixtureCase, fixtureKnowledge } from "./fixture.js";

const view = (over: Partial<PanelView> = {}): PanelView => ({
  visible: visibleCase(fixtureCase),
  settings: SessionSettingsSchema.parse({}),
  round: 1,
  turn: 1,
  reveals: [],
  ledger: emptyLedger(),
  differentials: [],
  trail: [],
  ...over,
});

/** Every panel role's prompt for a view, built from the offline roles' outputs. */
function panelPrompts(v: PanelView) {
  const hypothesis = hypothesisOffline(v, fixtureKnowledge);
  const chooser = testChooserOffline(v, hypothesis, fixtureKnowledge);
  const skeptic = skepticOffline(v, hypothesis, fixtureKnowledge);
  const steward = costStewardOffline(v, chooser, fixtureKnowledge);
  return {
    hypothesis: hypothesisPrompt(v, fixtureKnowledge),
    chooser: testChooserPrompt(v, hypothesis, fixtureKnowledge),
    skeptic: skepticPrompt(v, hypothesis, fixtureKnowledge),
    steward: costStewardPrompt(v, chooser, fixtureKnowledge),
    chair: chairPrompt(v, { hypothesis, chooser, skeptic, steward }, fixtureKnowledge),
  };
}

const HIDDEN = [fixtureCase.id, fixtureCase.title, "Tender with guarding", "settled in the lower right", "Dilated, thick-walled appendix", "neutrophilia", "14.2"];

describe("the prompts", () => {
  it("give a panel role nothing hidden: no unrevealed finding or result, no case id or title", () => {
    for (const [role, prompt] of Object.entries(panelPrompts(view()))) {
      const text = `${prompt.system}\n${prompt.user}`;
      for (const secret of HIDDEN) expect(text, `${role} prompt holds "${secret}"`).not.toContain(secret);
      expect(text).toContain(fixtureCase.presentation.narrative);
      expect(text).toContain("Revealed so far:\n- nothing yet");
    }
  });

  it("show what the gatekeeper revealed, and the money spent", () => {
    const revealed = view({
      round: 2,
      ledger: chargeTests(emptyLedger(), 1, [{ id: "cbc", name: "Complete blood count", price_usd: 10.5 }]),
      reveals: [{ round: 1, reveal: { kind: "result", request: "fbc", testId: "cbc", testName: "Complete blood count", text: "White cells raised with a neutrophilia.", values: [{ name: "WBC", value: 14.2, unit: "10^9/L", range: "4.0-11.0", flag: "high" }], abnormal: true, findings: [] } }],
    });
    const { hypothesis, steward } = panelPrompts(revealed);
    expect(hypothesis.user).toContain("- round 1: ordered Complete blood count (cbc) → White cells raised with a neutrophilia. [WBC 14.2 10^9/L (ref 4.0-11.0) high] (abnormal)");
    expect(hypothesis.user).toContain("Budget $4000.00: spent $10.50, left $3989.50.");
    expect(steward.system).toContain("Copy these figures exactly: spentUsd 10.5, budgetUsd 4000, leftUsd 3989.5.");
  });

  it("list the knowledge base's diseases for the complaint and the catalog with prices", () => {
    const { chair } = panelPrompts(view());
    expect(chair.user).toContain("- appendicitis: Acute appendicitis (K35.80) — can't miss");
    expect(chair.user).toContain("- ct_abdomen_pelvis: CT abdomen and pelvis with contrast, $250.00");
  });

  it("tell the chair the tests a guideline asks for in every patient with the complaint", () => {
    const source = "Guideline X 2024 (test)";
    const kb = { ...fixtureKnowledge.kb, standardTests: [{ complaint: fixtureCase.complaint, test: "cbc", source }, { complaint: "syncope" as const, test: "ecg", source }] };
    const v = view();
    const hypothesis = hypothesisOffline(v, fixtureKnowledge);
    const { system } = chairPrompt(v, { hypothesis }, { ...fixtureKnowledge, kb });
    expect(system).toContain(`A guideline asks for test cbc in every patient with this complaint (${source})`);
    expect(system).not.toContain("test ecg");
  });

  it("give the gatekeeper the whole case and the SDBench rules", () => {
    const ask = gatekeeperAskPrompt(fixtureCase, "Where is the pain?");
    expect(ask.system).toContain("Diagnosis (secret): Acute appendicitis");
    expect(ask.system).toContain("- abdomen [exam, abdominal examination; tenderness, abdomen]: Tender with guarding in the right iliac fossa.");
    expect(ask.system).toContain("Never name, abbreviate, paraphrase or hint at the diagnosis");
    expect(ask.user).toContain('The panel asks: "Where is the pain?"');
    const order = gatekeeperOrderPrompt(fixtureCase, { id: "lipase", name: "Lipase" }, "serum lipase");
    expect(order.user).toContain('The panel orders: "serum lipase" (catalog test lipase: Lipase). The case file holds no result for it.');
    expect(order.user).toContain("synthetic true");
  });

  it("give the judge the rubric, the confirmed diagnosis and the answer", () => {
    const p = judgePrompt(fixtureCase, { name: "Appendicitis, acute" });
    // The model judge reads the offline judge's rubric, word for word, and worked examples.
    expect(p.system).toContain(JUDGE_RUBRIC);
    for (const e of JUDGE_EXAMPLES) expect(p.system).toContain(`- ${e.truth} | ${e.answer} → ${e.score}: ${e.why}`);
    expect(p.user).toContain("Confirmed diagnosis: Acute appendicitis (ICD-10 K35.80); also called appendicitis.");
    expect(p.user).toContain("Final diagnosis given: Appendicitis, acute.");
  });

  it("give the model judge examples the offline judge scores the same", () => {
    const vocabulary = bundledVocabulary();
    for (const e of JUDGE_EXAMPLES) expect(judgeAnswer({ name: e.truth }, e.answer, vocabulary).score, `${e.truth} | ${e.answer}`).toBe(e.score);
  });
});
