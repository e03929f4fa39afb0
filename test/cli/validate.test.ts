import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { formatValidation, validate } from "../../cli/commands/validate.js";
import { loadCaseFile } from "../../core/case-loader.js";
import { DataFileError } from "../../core/data-file.js";
import { packageRoot } from "../../core/paths.js";
import { fixtureCatalog, fixtureKb } from "../fixtures/bad-cases/context.js";

const dir = join(import.meta.dirname, "../fixtures/bad-cases");
const sources = { loadCatalog: () => fixtureCatalog, loadKnowledge: () => fixtureKb };

describe("dxsim validate", () => {
  it("counts cases, catalog and knowledge base, and problems by kind", () => {
    const report = validate([dir], sources);
    expect(report).toMatchObject({ cases: 5, catalogTests: 4, kbDiseases: 3, kbFindings: 2 });
    expect(report.errors.byKind).toEqual({ yaml: expect.any(Number), schema: 2, "unknown-test": 2, "unknown-kb-id": 2, "duplicate-id": 1, "answer-leak": 1 });
    expect(report.warnings).toEqual({ total: 8, byKind: { "answer-leak": 1, identifier: 7 } });
    expect(report.errors.total).toBe(Object.values(report.errors.byKind).reduce((a, b) => a + b, 0));
  });

  it("passes a clean case", () => {
    const report = validate([join(dir, "valid.yaml")], sources);
    expect(report.errors.total + report.warnings.total).toBe(0);
    expect(formatValidation(report).split("\n")[0]).toBe("1 case checked against 4 catalog tests and 3 diseases / 2 findings in the knowledge base: 0 errors, 0 warnings");
  });

  it("reports the share of decisive likelihoods that are cited", () => {
    const report = validate([join(dir, "valid.yaml")], sources);
    expect(report.kbSourcing).toMatchObject({ decisive: expect.any(Number), cited: expect.any(Number) });
    expect(formatValidation(report)).toMatch(/knowledge base sourcing: \d+ of \d+ decisive likelihoods cited \(\d+\.\d%\)/);
  });

  it("prints errors before warnings as file:line: field: message, then a summary", () => {
    const lines = formatValidation(validate([join(dir, "answer-leak.yaml")], sources)).trimEnd().split("\n");
    expect(lines).toEqual([
      `error: ${join(dir, "answer-leak.yaml")}:14: presentation.narrative: names the diagnosis ("pulmonary embolus")`,
      `warning: ${join(dir, "answer-leak.yaml")}:19: findings[0].text: names the diagnosis ("pe")`,
      "1 case checked against 4 catalog tests and 3 diseases / 2 findings in the knowledge base: 1 error, 1 warning",
      expect.stringMatching(/^knowledge base sourcing: /),
    ]);
  });

  it("reports a catalog that fails to load, and still checks the cases", () => {
    const broken = {
      loadCatalog: () => {
        throw new DataFileError([{ file: "catalog/labs.yaml", line: 3, field: "tests[0].price_usd", message: "expected number" }]);
      },
      loadKnowledge: () => fixtureKb,
    };
    const report = validate([join(dir, "answer-leak.yaml")], broken);
    expect(report.catalogTests).toBe(0);
    expect(report.problems[0]).toEqual({ file: "catalog/labs.yaml", line: 3, field: "tests[0].price_usd", message: "expected number", severity: "error", kind: "catalog" });
    expect(report.errors.byKind).toEqual({ catalog: 1, "answer-leak": 1 });
  });
});

const cli = join(packageRoot, "dist/cli/main.js");

describe.skipIf(!existsSync(cli))("the built dxsim validate (skipped until `npm run build` has made dist/)", () => {
  it("exits 1 on errors and prints one JSON report", () => {
    const run = spawnSync(process.execPath, [cli, "validate", join(dir, "unknown-test.yaml"), join(dir, "valid.yaml"), "--json"], { encoding: "utf8" });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { cases: number; catalogTests: number; errors: { byKind: Record<string, number> } };
    expect(report.cases).toBe(2);
    expect(report.catalogTests).toBeGreaterThan(0);
    expect(report.errors.byKind["unknown-test"]).toBe(2);
  });

  it("exits 0 on a clean case", () => {
    // The fixture's knowledge-base links are to the test knowledge base; without them it is clean anywhere.
    const c = loadCaseFile(join(dir, "valid.yaml"));
    const file = join(mkdtempSync(join(tmpdir(), "dxsim-validate-")), "clean.yaml");
    writeFileSync(file, stringify({ ...c, findings: c.findings.map((f) => ({ ...f, kb: [] })), tests: { ecg: c.tests.ecg }, key_tests: ["ecg"], diagnosis: { name: c.diagnosis.name } }));
    const run = spawnSync(process.execPath, [cli, "validate", file], { encoding: "utf8" });
    expect(run.stdout).toMatch(/^1 case checked against \d+ catalog tests .*: 0 errors, 0 warnings\nknowledge base sourcing: \d+ of \d+ decisive likelihoods cited .*\n$/);
    expect(run.status).toBe(0);
  });
});
