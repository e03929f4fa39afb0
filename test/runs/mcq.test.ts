import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pickOption } from "../../agents/mcq.js";
import { loadBundledKnowledge } from "../../cli/knowledge.js";
import { importDiagnosisArena } from "../../core/import/diagnosisarena.js";
import { runBatch } from "../../runs/batch.js";
import { summarise } from "../../runs/summary.js";

const knowledge = loadBundledKnowledge();
const imported = importDiagnosisArena(readFileSync(join(import.meta.dirname, "../fixtures/diagnosisarena-sample.jsonl"), "utf8"), { catalog: knowledge.catalog }).cases.map((c) => ({ file: `${c.case.id}.yaml`, case: c.case }));

describe("multiple choice", () => {
  const options = ["Gastroenteritis", "Acute appendicitis", "Ovarian torsion", "Renal colic"];

  it("keeps a diagnosis that is an option as written", () => {
    const pick = pickOption(options, { name: "acute  Appendicitis" }, [], knowledge.kb);
    expect(pick.index).toBe(1);
    expect(pick.reason).toMatch(/as written/);
  });

  it("otherwise picks the option the differential weighs most, synonyms included", () => {
    const differential = [
      { id: "renal_colic", name: "Ureteric stone (renal colic)", p: 0.6 },
      { id: "appendicitis", name: "Acute appendicitis", p: 0.3 },
    ];
    const pick = pickOption(options, { name: "Ureteric stone", kbId: "renal_colic" }, differential, knowledge.kb);
    expect(pick.index).toBe(3);
    expect(pick.guess.name).toBe("Renal colic");
    expect(pick.reason).toMatch(/closest to the panel's differential/);
  });

  it("says when no option shares a word with the differential and the pick is a guess", () => {
    const pick = pickOption(["Whipple disease", "Kikuchi disease"], { name: "Migraine" }, [{ id: "migraine", name: "Migraine", p: 0.9 }], knowledge.kb);
    expect(pick.reason).toMatch(/is a guess/);
  });

  it("dxsim run --mcq: every diagnosis is one of the case's options, scored against the right one; a case without options fails saying why", async () => {
    const withOptions = imported.filter((c) => c.case.mcq).slice(0, 3);
    const without = imported.find((c) => !c.case.mcq)!;
    const { results, failures } = await runBatch([...withOptions, without], knowledge, { settings: { mcq: true, maxRounds: 4 } });
    expect(results).toHaveLength(3);
    for (const r of results) {
      const c = withOptions.find((x) => x.case.id === r.caseId)!.case;
      expect(c.mcq!.options).toContain(r.diagnosis?.name);
      expect(r.mcq).toEqual({ chosen: c.mcq!.options.indexOf(r.diagnosis!.name), answer: c.mcq!.answer, correct: c.mcq!.options.indexOf(r.diagnosis!.name) === c.mcq!.answer });
    }
    expect(failures.map((f) => f.message)).toEqual([expect.stringMatching(/has no options to choose from: --mcq needs/)]);
    expect(summarise(results).mcq).toMatchObject({ n: 3 });
  });
});
