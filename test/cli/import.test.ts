import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
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
