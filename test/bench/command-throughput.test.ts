import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { benchCommandThroughput } from "../../bench/command-throughput.js";
import { scenariosDir } from "../../core/paths.js";

// Spawns the built command (dist/cli/main.js), as `npm test` builds it first.
describe("the spawned command's throughput", () => {
  it("times every case line the command prints, repeats included", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dxsim-command-"));
    for (const file of ["abd-01.yaml", "cp-01.yaml"]) copyFileSync(join(scenariosDir, "cases", file), join(dir, file));
    const timed = await benchCommandThroughput(dir, 2, 2);
    expect(timed.cases).toBe(4);
    expect(timed.perSecond).toBeGreaterThan(0);
    expect(Number.isFinite(timed.perSecond)).toBe(true);
    expect(timed.firstLineSeconds).toBeLessThan(timed.totalSeconds);
  }, 60_000);

  it("says so when the command fails instead of printing a figure", async () => {
    await expect(benchCommandThroughput(join(tmpdir(), "dxsim-no-such-cases-dir"), 1, 1)).rejects.toThrow(/exited 1 after 0 case lines/);
  }, 60_000);
});
