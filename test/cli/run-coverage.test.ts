import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../core/paths.js";

const cli = join(packageRoot, "dist/cli/main.js");

describe.skipIf(!existsSync(cli))("dxsim run --out (skipped until `npm run build` has made dist/)", () => {
  it("records each case's coverage, automatic codes counted, in the results file", () => {
    const dir = mkdtempSync(join(tmpdir(), "dxsim-run-coverage-"));
    const text = readFileSync(join(packageRoot, "scenarios/cases/abd-01.yaml"), "utf8");
    // The presentation's codes removed: the coder must add some back at load.
    const stripped = text.replace(/^(  kb: )\[.*\]$/m, "$1[]");
    expect(stripped).not.toBe(text);
    writeFileSync(join(dir, "abd-01.yaml"), stripped);
    const out = join(dir, "results.jsonl");
    const run = spawnSync(process.execPath, [cli, "run", dir, "--out", out], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const record = JSON.parse(readFileSync(out, "utf8").trim().split("\n")[0]!);
    expect(record.caseId).toBe("abd-01");
    expect(record.coverage.facts).toBeGreaterThan(0);
    expect(record.coverage.readable).toBeGreaterThan(0);
    expect(record.coverage.readable).toBeLessThanOrEqual(record.coverage.facts);
    expect(record.coverage.automatic).toBeGreaterThan(0);
    expect(record.coverage.diagnosisInKb).toBe(true);
  });
});
