import { describe, expect, it } from "vitest";
import { CaseSchema, visibleCase } from "../../core/case.js";
import { orderAllPlan } from "../../agents/order-all.js";
import { referencePlan } from "../../graph/session.js";
import { runBatch } from "../../runs/batch.js";
import { scopeModel } from "../../reasoning/scope.js";
import { bundled } from "./helpers.js";

const { knowledge } = bundled();

/** A constructed patient with acute headache; `tests` is what the hidden case happens to list. */
const patient = (sex: "male" | "female", age: number, tests: Record<string, { text: string; abnormal: boolean; kb?: { id: string }[] }> = { ct_head: { text: "Normal.", abnormal: false } }) =>
  CaseSchema.parse({
    id: "constructed-headache",
    title: "Constructed headache",
    specialty: "emergency medicine",
    difficulty: "easy",
    complaint: "headache",
    source: { name: "constructed in test/graph/order-all.test.ts", licence: "MIT" },
    presentation: { age, sex, setting: "emergency", chief_complaint: "Sudden severe headache", narrative: "Sudden severe headache an hour ago." },
    tests,
    diagnosis: { name: "Subarachnoid haemorrhage", kb_id: "subarachnoid_haemorrhage" },
    key_tests: Object.keys(tests),
  });

describe("order-all, the shotgun reference point", () => {
  it("orders every catalog test that can show a finding of a disease this patient could have", () => {
    const visible = visibleCase(patient("female", 30));
    const plan = orderAllPlan(visible, knowledge);
    const model = scopeModel(knowledge.kb, { complaint: "headache", setting: "emergency", age: 30, sex: "female" });
    const expected = new Set(
      model.hypotheses.flatMap(({ id }) =>
        (knowledge.kb.diseaseById.get(id)?.findings ?? []).flatMap((f) => (knowledge.kb.findingById.get(f.id)?.tests ?? []).filter((t) => knowledge.catalog.byId.has(t))),
      ),
    );
    expect(expected.size).toBeGreaterThan(5);
    for (const t of expected) expect(plan).toContain(t);
    expect(new Set(plan).size).toBe(plan.length);
  });

  it("puts the procedure that yields a specimen before the specimen's analysis", () => {
    const plan = orderAllPlan(visibleCase(patient("female", 30)), knowledge);
    const spec = knowledge.kb.specimens.find((s) => plan.includes(s.analysis));
    expect(spec).toBeDefined();
    const procedure = spec!.procedures.find((p) => plan.includes(p));
    expect(procedure).toBeDefined();
    expect(plan.indexOf(procedure!)).toBeLessThan(plan.indexOf(spec!.analysis));
  });

  it("never reads the hidden case: two patients alike on the surface get one plan whatever their tests", () => {
    const plain = patient("male", 45);
    const rich = patient("male", 45, { ct_head: { text: "Blood in the basal cisterns.", abnormal: true }, lumbar_puncture: { text: "Opening pressure raised.", abnormal: true } });
    expect(referencePlan(rich, "order-all", knowledge)).toEqual(referencePlan(plain, "order-all", knowledge));
  });

  it("costs what it orders: more than the full panel spends on the same patient", async () => {
    // Coded, so the full panel reads the CT (an unreadable result leaves it searching instead).
    const c = patient("male", 45, { ct_head: { text: "Blood in the basal cisterns.", abnormal: true, kb: [{ id: "ct_head_subarachnoid_blood" }] } });
    const run = async (variant: "order-all" | "full") => (await runBatch([{ file: "c.yaml", case: c }], knowledge, { settings: { variant } })).results[0]!;
    const [all, full] = [await run("order-all"), await run("full")];
    const plan = orderAllPlan(visibleCase(c), knowledge);
    const ordered = all.ledger.entries.filter((e) => e.kind === "test").map((e) => e.id);
    expect(ordered.length).toBeGreaterThan(3);
    expect(ordered).toEqual(plan.slice(0, ordered.length));
    expect(all.costUsd).toBeGreaterThan(full.costUsd);
  });

  it("names the diagnosis a revealed decisive finding settles, as the panel's decision rule does, and states it as settled", async () => {
    // A migraineur with her usual headache: migraine leads on the story, and the CT's blood settles it otherwise.
    const c = CaseSchema.parse({
      ...patient("female", 30, { ct_head: { text: "Blood in the basal cisterns.", abnormal: true, kb: [{ id: "ct_head_subarachnoid_blood" }] } }),
      presentation: {
        age: 30,
        sex: "female",
        setting: "emergency",
        chief_complaint: "One of her usual migraines",
        narrative: "Headache like her usual migraines.",
        kb: [{ id: "migraine_history" }, { id: "headache_recurrent_similar" }],
      },
    });
    const result = (await runBatch([{ file: "c.yaml", case: c }], knowledge, { settings: { variant: "oracle" } })).results[0]!;
    expect(result.diagnosis?.kbId).toBe("subarachnoid_haemorrhage");
    // The CT's blood does not stray into migraine: the stated probability is the settled one.
    expect(result.confidence).toBeGreaterThan(0.99);
  });
});

