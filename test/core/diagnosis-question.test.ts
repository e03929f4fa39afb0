import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadBundledCases } from "../../core/case-loader.js";
import type { Case } from "../../core/case.js";
import { loadCatalog } from "../../core/catalog-loader.js";
import { isDiagnosisQuestion } from "../../core/diagnosis-question.js";
import { REFUSAL, createOfflineGatekeeper } from "../../core/gatekeeper.js";
import { importAgentClinic } from "../../core/import/agentclinic.js";
import { loadKnowledge } from "../../core/knowledge-loader.js";

const kb = loadKnowledge();
const catalog = loadCatalog();

/** A dozen ways to ask about a diagnosis; X stands for the disease named. */
const FORMS = [
  "Is it X?",
  "Is this X?",
  "Could it be X?",
  "Could this be X?",
  "Might this be X?",
  "Have you ruled out X?",
  "Has X been excluded?",
  "Do you think it is X?",
  "Is X likely?",
  "Any chance it's X?",
  "Are you considering X?",
  "Is the picture consistent with X?",
  "Is X the cause?",
];
const MADE_UP = "Glorvian tremblosis";
const OTHERS = ["Pulmonary embolism", "Migraine", "Kawasaki disease", "Acute appendicitis", "Gout"];

/** The replies to every form about one name, with the name put back as X. */
const repliesAbout = (c: Case, name: string): string[] => {
  const gk = createOfflineGatekeeper({ caseFile: c, catalog, kb });
  return FORMS.map((form) => {
    const question = form.replace("X", name);
    return `${gk.ask(question).reveal.kind}: ${gk.ask(question).reveal.text.split(name).join("X")}`;
  });
};

/** The truth, three other diseases (from the knowledge base and outside it) and a made-up name all get the same replies. */
function expectNoTell(c: Case) {
  const others = OTHERS.filter((o) => o.toLowerCase() !== c.diagnosis.name.toLowerCase()).slice(0, 3);
  const truth = repliesAbout(c, c.diagnosis.name);
  for (const name of [...others, MADE_UP]) expect(repliesAbout(c, name), `${c.id}: ${name} against ${c.diagnosis.name}`).toEqual(truth);
  expect(new Set(truth)).toEqual(new Set([`refusal: ${REFUSAL.diagnosis}`]));
}

describe("gatekeeper without tells", () => {
  const { cases } = loadBundledCases();
  it.each(cases.map((l) => [l.case.id, l.case] as const))("%s: one refusal for every diagnosis question, whatever disease it names", (_id, c) => {
    expectNoTell(c);
  });

  const sample = readFileSync(join(import.meta.dirname, "../fixtures/agentclinic-sample.jsonl"), "utf8");
  const imported = importAgentClinic(sample, { catalog }).cases;
  it("covers the imported AgentClinic sample", () => expect(imported.length).toBeGreaterThan(0));
  it.each(imported.map((l) => [l.case.id, l.case] as const))("imported %s: one refusal for every diagnosis question", (_id, c) => {
    expectNoTell(c);
  });

  it.each(["What did the doctors think?", "What is the working diagnosis?", "What's the differential?", "What is causing this?", "Have they considered anything serious?"])(
    "refuses %j",
    (q) => expect(isDiagnosisQuestion(q, kb)).toBe(true),
  );

  it.each([
    "Is it worse when lying down?",
    "Is it painful?",
    "Is it there all the time?",
    "Is the pain constant?",
    "Is she pregnant?",
    "Is he a smoker?",
    "Is she on any medication?",
    "Does he have a fever?",
    "How much alcohol do you drink; is it a lot?",
    "Do the spots look like targets with rings?",
    "Has she ever had asthma?",
    "Any family history of heart disease?",
    "Any heartburn?",
    "Is it getting worse?",
    "What do you find on abdominal examination?",
    "What did you notice first?",
  ])("answers the history question %j", (q) => expect(isDiagnosisQuestion(q, kb)).toBe(false));
});
