import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { readDataFile } from "../../core/data-file.js";
import { scenariosDir } from "../../core/paths.js";
import { ScriptFileSchema, scriptsByCase } from "../../core/script.js";
import { runBatch } from "../../runs/batch.js";
import { summarise } from "../../runs/summary.js";
import { bundled } from "../graph/helpers.js";

const { knowledge, cases } = bundled();
const loaded = [...cases.values()].map((c) => ({ file: `${c.id}.yaml`, case: c }));
const pick = (...ids: string[]) => loaded.filter((l) => ids.includes(l.case.id));
const script = (name: string) => scriptsByCase(readDataFile(join(scenariosDir, "scripts", name), ScriptFileSchema));

describe("scripted runs", () => {
  it("a staged anchoring script changes the outcome of a case the panel gets right", async () => {
    const plain = await runBatch(pick("cp-02"), knowledge, { settings: {} });
    const staged = await runBatch(pick("cp-02"), knowledge, { settings: {}, scripts: script("anchoring-cp-02.yaml") });
    expect(plain.results[0]?.correct).toBe(true);
    expect(staged.results[0]).toMatchObject({ correct: false, decidedBy: "physician", diagnosis: { name: "Unstable angina (acute coronary syndrome)" } });
    const round2 = staged.results[0]!.trail.find((t) => t.round === 2);
    expect(round2).toMatchObject({ decidedBy: "physician", action: { kind: "order", tests: ["stress_test"] } });
    expect(round2?.replaced).toBeDefined();
  });

  it("gives identical results whatever the number of jobs", async () => {
    const one = await runBatch(loaded, knowledge, { settings: {}, jobs: 1 });
    const four = await runBatch(loaded, knowledge, { settings: {}, jobs: 4 });
    expect(four.results).toEqual(one.results);
    expect(one.results.map((r) => r.caseId)).toEqual(loaded.map((l) => l.case.id));
  });

  it("repeats a case with identical offline runs and reports no spread", async () => {
    const { results } = await runBatch(pick("fev-01"), knowledge, { settings: {}, repeat: 3 });
    expect(results.map((r) => r.run)).toEqual([0, 1, 2]);
    expect(new Set(results.map((r) => JSON.stringify({ ...r, run: 0 }))).size).toBe(1);
    expect(summarise(results).repeats).toEqual({ runs: 3, accuracySd: 0, meanCostSd: 0 });
  });

  it("reports a case that fails and goes on with the others", async () => {
    const broken = { file: "broken.yaml", case: { ...loaded[0]!.case, id: "broken", key_tests: ["no_such_test"] } };
    const failures: string[] = [];
    const { results } = await runBatch([broken, ...pick("fev-01")], knowledge, { settings: {}, onFailure: (f) => failures.push(f.file) });
    expect(failures).toEqual(["broken.yaml"]);
    expect(results.map((r) => r.caseId)).toEqual(["fev-01"]);
  });
});

describe("panel variants", () => {
  it("oracle orders exactly the key tests and costs the oracle cost", async () => {
    const { results } = await runBatch(pick("abd-01", "cp-01"), knowledge, { settings: { variant: "oracle" } });
    for (const r of results) {
      const c = cases.get(r.caseId)!;
      expect(r.ledger.entries.filter((e) => e.kind === "test").map((e) => e.id).sort()).toEqual([...c.key_tests].sort());
      expect(r.costUsd).toBeCloseTo(r.oracleCostUsd, 2);
    }
  });

  it("single has no skeptic or steward in its debate; no-skeptic and no-steward drop theirs", async () => {
    const roles = async (variant: "single" | "no-skeptic" | "no-steward") =>
      new Set((await runBatch(pick("dys-01"), knowledge, { settings: { variant } })).results[0]!.debate.map((m) => m.role));
    expect(await roles("single")).toEqual(new Set(["hypothesis", "test-chooser", "chair"]));
    expect(await roles("no-skeptic")).toEqual(new Set(["hypothesis", "test-chooser", "cost-steward", "chair"]));
    expect(await roles("no-steward")).toEqual(new Set(["hypothesis", "test-chooser", "skeptic", "chair"]));
  });

  it("ensemble votes over independent runs and counts each distinct test once", async () => {
    const { results } = await runBatch(pick("dys-01"), knowledge, { settings: { variant: "ensemble" } });
    const r = results[0]!;
    expect(r.variant).toBe("ensemble");
    const tests = r.ledger.entries.filter((e) => e.kind === "test").map((e) => e.id);
    expect(new Set(tests).size).toBe(tests.length);
    expect(r.costUsd).toBeCloseTo(r.ledger.entries.reduce((s, e) => s + e.usd, 0), 2);
  });

  it("more debate turns let roles answer one another before the chair", async () => {
    const { results } = await runBatch(pick("dys-01"), knowledge, { settings: { debateTurns: 2 } });
    const round1 = results[0]!.debate.filter((m) => m.round === 1);
    expect(round1.filter((m) => m.role === "hypothesis").map((m) => m.turn)).toEqual([1, 2]);
    expect(round1.filter((m) => m.role === "chair")).toHaveLength(1);
  });
});
