import { type Case, CaseSchema } from "../../core/case.js";
import type { Catalog, CatalogTest } from "../../core/catalog.js";
import { type Disease, DiseaseSchema, type FindingDef, FindingDefSchema, type KnowledgeBase, knowledgeBase } from "../../core/knowledge.js";
import type { Knowledge } from "../../agents/view.js";

/*
 * A small world of our own for the model-brain tests, so they do not depend on the bundled
 * knowledge base: three abdominal diagnoses, five findings, four tests, and one fictional case.
 * Every number is a toy estimate for tests, not medical data.
 */
const SOURCE = "estimate: toy number for a model-brain test";

const findings: FindingDef[] = [
  { id: "pain_migration", name: "Pain moving to the right lower abdomen", kind: "symptom", question: "Did the pain start around the navel and move to the right lower abdomen?", topics: ["pain moved", "migration"] },
  { id: "rlq_tenderness", name: "Right lower abdominal tenderness", kind: "sign", question: "Is the right lower abdomen tender on examination?", topics: ["abdominal examination", "tenderness"] },
  { id: "wbc_high", name: "Raised white cell count", kind: "test", topics: ["white cell count"], tests: ["cbc"] },
  { id: "hematuria", name: "Blood in the urine", kind: "test", topics: ["blood in urine"], tests: ["urinalysis"] },
  { id: "appendix_inflamed", name: "Inflamed appendix on CT", kind: "test", topics: ["inflamed appendix"], tests: ["ct_abdomen_pelvis"] },
].map((f) => FindingDefSchema.parse(f));

const disease = (id: string, name: string, icd10: string, cant_miss: boolean, prior: number, likelihoods: Record<string, number>): Disease =>
  DiseaseSchema.parse({
    id,
    name,
    icd10,
    presentations: ["abdominal_pain"],
    prior: { emergency: prior, clinic: prior, source: SOURCE },
    cant_miss,
    findings: Object.entries(likelihoods).map(([fid, p]) => ({ id: fid, p, source: SOURCE })),
  });

const diseases: Disease[] = [
  disease("appendicitis", "Acute appendicitis", "K35.80", true, 0.3, { pain_migration: 0.6, rlq_tenderness: 0.85, wbc_high: 0.8, appendix_inflamed: 0.95 }),
  disease("gastroenteritis", "Viral gastroenteritis", "A08.4", false, 0.4, { pain_migration: 0.1, rlq_tenderness: 0.2, wbc_high: 0.3 }),
  disease("renal_colic", "Renal colic", "N23", false, 0.2, { hematuria: 0.85, rlq_tenderness: 0.2 }),
];

export const fixtureKb: KnowledgeBase = knowledgeBase(diseases, findings, { leak: 0.05, otherPrior: 0.05 });

const test = (id: string, name: string, price_usd: number, synonyms: string[] = []): CatalogTest => ({
  id,
  name,
  synonyms,
  category: id.startsWith("ct_") ? "imaging" : "lab",
  code: "00000",
  price_usd,
  price_source: SOURCE,
  normal_result: `${name}: within normal limits.`,
});

const tests = [
  test("cbc", "Complete blood count", 10.5, ["full blood count", "fbc"]),
  test("urinalysis", "Urinalysis", 4),
  test("ct_abdomen_pelvis", "CT abdomen and pelvis with contrast", 250, ["ct abdomen"]),
  test("lipase", "Lipase", 9),
];

export const fixtureCatalog: Catalog = { tests, byId: new Map(tests.map((t) => [t.id, t])), visitFeeUsd: 300, visitFeeSource: SOURCE };

export const fixtureKnowledge: Knowledge = { kb: fixtureKb, catalog: fixtureCatalog };

export const fixtureCase: Case = CaseSchema.parse({
  id: "llm-abd-01",
  title: "Young man with pain that moved (model-brain test case)",
  specialty: "general surgery",
  difficulty: "easy",
  complaint: "abdominal_pain",
  source: { name: "dxsim test fixture (fictional)", licence: "MIT" },
  presentation: {
    age: 24,
    sex: "male",
    setting: "emergency",
    chief_complaint: "Belly pain since last night",
    narrative: "A vague ache around the navel began last night; this morning it is sharper and lower down. He has not eaten since.",
  },
  findings: [
    {
      id: "pain-site",
      kind: "history",
      topic: "where the pain is and whether it moved",
      synonyms: ["pain moved", "where is the pain", "navel"],
      text: "It started around the navel and settled in the lower right abdomen this morning.",
      kb: [{ id: "pain_migration" }],
    },
    { id: "abdomen", kind: "exam", topic: "abdominal examination", synonyms: ["tenderness", "abdomen"], text: "Tender with guarding in the right iliac fossa.", kb: [{ id: "rlq_tenderness" }] },
  ],
  tests: {
    cbc: { text: "White cells raised with a neutrophilia.", values: [{ name: "WBC", value: 14.2, unit: "10^9/L", range: "4.0-11.0", flag: "high" }], abnormal: true, kb: [{ id: "wbc_high" }] },
    ct_abdomen_pelvis: { text: "Dilated, thick-walled appendix with surrounding fat stranding.", abnormal: true, kb: [{ id: "appendix_inflamed" }] },
  },
  diagnosis: { name: "Acute appendicitis", icd10: "K35.80", synonyms: ["appendicitis"], kb_id: "appendicitis" },
  key_tests: ["ct_abdomen_pelvis"],
});
