import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../core/paths.js";

const cli = join(packageRoot, "dist/cli/main.js");

describe.skipIf(!existsSync(cli))("dxsim run with an unknown knowledge-base id (skipped until `npm run build` has made dist/)", () => {
  it("names the id and the file, does not run that case, and exits 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "dxsim-run-kb-"));
    const text = readFileSync(join(packageRoot, "scenarios/cases/abd-01.yaml"), "utf8");
    const broken = text.replace(/kb: \[\{ id: [a-z0-9_]+/, "kb: [{ id: no_such_finding");
    expect(broken).not.toBe(text);
    writeFileSync(join(dir, "abd-01.yaml"), broken);
    const run = spawnSync(process.execPath, [cli, "run", dir], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/abd-01\.yaml:\d+: .*unknown knowledge-base finding "no_such_finding"/);
    expect(run.stdout).not.toMatch(/^abd-01/m);
  });
});
