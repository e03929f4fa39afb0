import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validate } from "../../cli/commands/validate.js";
import { loadCases } from "../../core/case-loader.js";
import { fileKindOf } from "../../core/file-kind.js";
import { bundledCasesDir, catalogDir, knowledgeDir, packageRoot, scenariosDir } from "../../core/paths.js";

describe("telling a file's kind from its content", () => {
  it.each([
    ["case", "x.yaml", { id: "c", presentation: {} }],
    ["case", "x.yaml", { id: "c" }],
    ["case", "x.yaml", "just text"],
    ["script", "x.yaml", { case: "abd-01", rounds: {} }],
    ["script", "x.yaml", [{ case: "abd-01", rounds: {} }]],
    ["visit-fee", "visit.yaml", { visit_fee_usd: 300, source: "s" }],
    ["catalog", "labs.yaml", { tests: [{ id: "cbc" }] }],
    ["kb-diseases", "d.yaml", { diseases: [] }],
    ["kb-findings", "f.yaml", { findings: [] }],
    ["kb-meta", "meta.yaml", { leak: 0.03 }],
    ["config", "dxsim.config.yaml", {}],
    ["config", "brains.yaml", { brain: "openai", model: "gpt-4o-mini" }],
  ])("%s: %s", (kind, file, data) => {
    expect(fileKindOf(file, data)).toBe(kind);
  });
});

describe("dxsim validate on every kind of file", () => {
  it("checks the whole scenarios folder, scripts, catalog and knowledge base included, with no error", () => {
    const report = validate([scenariosDir]);
    expect(report.errors.total).toBe(0);
    expect(report.otherFiles.script).toBeGreaterThanOrEqual(2);
    expect(report.otherFiles["visit-fee"]).toBe(1);
    expect(report.otherFiles["kb-meta"]).toBe(1);
    expect(report.otherFiles.catalog).toBeGreaterThan(0);
    expect(report.otherFiles["kb-diseases"]).toBeGreaterThan(0);
  });

  it("checks each kind against its own schema and a script's case against the cases", () => {
    const dir = mkdtempSync(join(tmpdir(), "dxsim-kinds-"));
    writeFileSync(join(dir, "script.yaml"), "case: no-such-case\nrounds:\n  1:\n    diagnose: Appendicitis\n");
    writeFileSync(join(dir, "bad-script.yaml"), "case: abd-01\nrounds:\n  1:\n    order: []\n");
    writeFileSync(join(dir, "labs.yaml"), "tests:\n  - id: cbc\n    price_usd: cheap\n");
    writeFileSync(join(dir, "dxsim.config.yaml"), "brain: quantum\n");
    writeFileSync(join(dir, "diseases.yaml"), "diseases: []\n");
    const report = validate([dir]);
    const at = (file: string) => report.problems.filter((p) => p.file === join(dir, file)).map((p) => [p.line, p.field, p.kind]);
    expect(at("script.yaml")).toEqual([[undefined, "case", "unknown-case"]]);
    expect(at("bad-script.yaml")).toEqual([[3, "rounds.1.order", "schema"]]);
    expect(at("labs.yaml").some(([line, field]) => line === 3 && field === "tests[0].price_usd")).toBe(true);
    expect(at("dxsim.config.yaml")).toEqual([[1, "brain", "schema"]]);
    expect(at("diseases.yaml")).toEqual([[1, "diseases", "schema"]]);
    expect(report.otherFiles).toEqual({ script: 2, catalog: 1, config: 1, "kb-diseases": 1 });
    expect(report.cases).toBe(0);
  });

  it("tells a command that needs cases that a physician script is not one", () => {
    const { cases, problems } = loadCases([join(scenariosDir, "scripts")]);
    expect(cases).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual(expect.arrayContaining(["a physician script, not a case"]));
  });
});

const cli = join(packageRoot, "dist/cli/main.js");

describe.skipIf(!existsSync(cli))("the built dxsim validate on a copy of the bundled data (skipped until `npm run build`)", () => {
  it("exits 0 on the scenarios and 1 when a script is broken", { timeout: 120_000 }, () => {
    const ok = spawnSync(process.execPath, [cli, "validate", scenariosDir], { encoding: "utf8" });
    expect(ok.stdout).toMatch(/^\d+ cases, .*\d+ physician scripts, .*checked against .*: 0 errors, 0 warnings\nknowledge base sourcing: /);
    expect(ok.status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), "dxsim-kinds-cli-"));
    mkdirSync(join(dir, "scripts"));
    writeFileSync(join(dir, "scripts", "broken.yaml"), "case: cp-01\nrounds:\n  x: approve\n");
    copyFileSync(join(bundledCasesDir, "cp-01.yaml"), join(dir, "cp-01.yaml"));
    const bad = spawnSync(process.execPath, [cli, "validate", dir, join(catalogDir, "visit.yaml"), join(knowledgeDir, "meta.yaml")], { encoding: "utf8" });
    expect(bad.stdout).toContain(`error: ${join(dir, "scripts", "broken.yaml")}:3: rounds.x: Invalid key in record: a round number from 1`);
    expect(bad.status).toBe(1);
  });
});
