import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCaseFile } from "../../core/case-loader.js";
import { packageRoot } from "../../core/paths.js";

const cli = join(packageRoot, "dist/cli/main.js");
const sample = join(import.meta.dirname, "../fixtures/agentclinic-sample.jsonl");

describe.skipIf(!existsSync(cli))("the built dxsim import agentclinic (skipped until `npm run build` has made dist/)", () => {
  it("writes one attributed YAML case per good record and exits 0 naming the skipped line", () => {
    const out = join(mkdtempSync(join(tmpdir(), "dxsim-import-")), "cases");
    const run = spawnSync(process.execPath, [cli, "import", "agentclinic", sample, "--out", out], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`skipped: ${sample}:3: invalid JSON`);
    expect(run.stdout).toMatch(/imported 3 cases into .*, skipped 1\n$/);
    expect(readdirSync(out).sort()).toEqual(["agentclinic-medqa-001.yaml", "agentclinic-medqa-002.yaml", "agentclinic-medqa-004.yaml"]);
    const file = join(out, "agentclinic-medqa-004.yaml");
    expect(readFileSync(file, "utf8")).toMatch(/^# Imported by dxsim from .* line 4: AgentClinic MedQA \(Schmidgall et al\. 2024\), MIT licence/);
    expect(loadCaseFile(file).diagnosis.name).toBe("Dumping Syndrome");
  });
});

const arena = join(import.meta.dirname, "../fixtures/diagnosisarena-sample.jsonl");

describe.skipIf(!existsSync(cli))("the built dxsim import diagnosisarena (skipped until `npm run build` has made dist/)", () => {
  // Two processes (import, then validate): slow on a loaded machine.
  it("writes every line of the sample as an attributed case that validate passes, exit 0", { timeout: 120_000 }, () => {
    const out = join(mkdtempSync(join(tmpdir(), "dxsim-import-")), "arena");
    const run = spawnSync(process.execPath, [cli, "import", "diagnosisarena", arena, "--out", out], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/imported 10 cases into .*, skipped 0\n$/);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(10);
    expect(readFileSync(join(out, "diagnosisarena-da-s03.yaml"), "utf8")).toMatch(/^# Imported by dxsim from .* line 3: DiagnosisArena \(Zhu Y.*arXiv:2505\.14107\), terms: research and model evaluation only; the source journals' copyright applies/);
    expect(loadCaseFile(join(out, "diagnosisarena-da-s03.yaml")).mcq?.options[2]).toBe("Pheochromocytoma");
    const validate = spawnSync(process.execPath, [cli, "validate", out], { encoding: "utf8" });
    expect(validate.status).toBe(0);
    expect(validate.stdout).toMatch(/10 cases checked .*: 0 errors/);
  });

  it("names each line it skipped, writes the others and exits 0 (a case imported)", { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "dxsim-import-"));
    const file = join(dir, "mixed.jsonl");
    const lines = readFileSync(arena, "utf8").trim().split("\n");
    writeFileSync(file, [lines[0], '{"id": "x", "case_information": "no age here at all, sadly", "final_diagnosis": "Something"}', lines[1]].join("\n"));
    const run = spawnSync(process.execPath, [cli, "import", "diagnosisarena", file, "--out", join(dir, "out")], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`skipped: ${file}:2: no age in the case information`);
    expect(run.stdout).toContain("skipped 1");
    expect(readdirSync(join(dir, "out"))).toHaveLength(2);
  });
});
