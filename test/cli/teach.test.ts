import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const run = (args: string[]) =>
  spawnSync(process.execPath, ["dist/cli/main.js", ...args], {
    encoding: "utf8",
    env: { ...process.env, DXSIM_HOME: mkdtempSync(join(tmpdir(), "dxsim-teach-")) },
    stdio: ["ignore", "pipe", "pipe"],
  });

describe("dxsim teach", () => {
  it("plays a learner's script and prints a debrief that flags the anchoring", () => {
    const result = run(["teach", "cp-02", "--script", "scenarios/scripts/anchoring-cp-02.yaml"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Debrief: ");
    expect(result.stdout).toContain("- You: Unstable angina (acute coronary syndrome) in round 3 (incorrect");
    expect(result.stdout).toMatch(/^- Anchoring: you named /m);
    expect(result.stdout).toMatch(/^- Premature closure: in round 3 you named /m);
    expect(result.stderr).toMatch(/^session cp-02-/);
  });

  it("says learner mode needs a terminal when there is none and no script", () => {
    const result = run(["teach", "cp-02"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("learner mode needs a terminal");
    expect(result.stdout).toBe("");
  });
});
