import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type ReportIo, report } from "../../cli/commands/report.js";
import { packageRoot } from "../../core/paths.js";
import { resultsFile, sessionResult, tempDir, workshopFolder, writeLines } from "./fixture.js";

function capture(extra: Partial<ReportIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const files = new Map<string, string>();
  const io: ReportIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    writeFile: (f, t) => files.set(f, t),
    now: () => new Date("2025-03-04T10:00:00Z"),
    ...extra,
  };
  return { io, out: () => out.join(""), err: () => err.join(""), files };
}

describe("dxsim report", () => {
  it("prints the summary and a line per learner, the frontier starred", async () => {
    const c = capture();
    expect(await report([workshopFolder()], { title: "dxsim report" }, c.io)).toBe(0);
    const lines = c.out().trimEnd().split("\n");
    expect(lines[0]).toBe("cases 3  accuracy 66.7% (95% CI 20.8%–93.9%)");
    expect(lines.slice(-5)).toEqual([
      "by learner:",
      "* Ana       n   1  accuracy 100.0% (95% CI 20.7%–100.0%)  mean cost $250  median $250  points 94",
      "  Ben       n   1  accuracy 100.0% (95% CI 20.7%–100.0%)  mean cost $900  median $900  points 57  harmful orders 1  Brier 0.160 (panel n/a)",
      "* Cy        n   1  accuracy   0.0% (95% CI 0.0%–79.3%)  mean cost $150  median $150  points 0  Brier 0.810 (panel n/a)",
      "* on the accuracy–cost frontier: no other is at least as accurate for no more money",
    ]);
    expect(c.err()).toBe("");
    expect(c.files.size).toBe(0);
  });

  it("writes the HTML report when asked, titled as asked", async () => {
    const c = capture();
    expect(await report([workshopFolder()], { title: "Tuesday workshop", html: "out.html" }, c.io)).toBe(0);
    expect(c.files.get("out.html")).toContain("<h1>Tuesday workshop</h1>");
    expect(c.out()).toMatch(/report written to out\.html\n$/);
  });

  it("reports what it skipped, still covers the rest, and exits 1", async () => {
    const dir = tempDir();
    const file = writeLines(dir, "run.jsonl", [JSON.stringify(sessionResult()), JSON.stringify({ ...sessionResult(), variant: "psychic" })]);
    const c = capture();
    expect(await report([file, "s-4"], { title: "t", html: "r.html" }, c.io)).toBe(1);
    expect(c.err()).toBe(`error: ${file}:2: variant: Invalid option: expected one of "full"|"budgeted"|"ensemble"|"no-steward"|"no-skeptic"|"single"|"order-all"|"oracle"\nerror: s-4: no such file or folder\n`);
    expect(c.out()).toMatch(/^cases 1 /);
    expect(c.files.get("r.html")).toContain(`<li><code>s-4: no such file or folder</code></li>`);
  });

  it("reads sessions through the resolver it is given", async () => {
    const lookupSessions = async (ids: readonly string[]) => new Map(ids.filter((id) => id === "s-4").map((id) => [id, sessionResult({ variant: "budgeted" })]));
    const c = capture({ lookupSessions });
    expect(await report(["s-4"], { title: "t" }, c.io)).toBe(0);
    expect(c.out()).toContain("* budgeted  n   1");
  });

  it("groups saved teach sessions by learner, an unnamed one as the learner of its session, not as a panel variant", async () => {
    const teach = { "s-4": { learner: "Ana" }, "s-5": {} };
    const lookupSessions = async (ids: readonly string[]) => new Map(ids.map((id) => [id, { ...sessionResult(), session: id, mode: "teach", ...teach[id as keyof typeof teach] }]));
    const c = capture({ lookupSessions });
    expect(await report(["s-4", "s-5"], { title: "t" }, c.io)).toBe(0);
    expect(c.out()).toContain("by learner:\n");
    expect(c.out()).toMatch(/^\* Ana +n {3}1 /m);
    expect(c.out()).toMatch(/^\* learner s-5 +n {3}1 /m);
    expect(c.out()).not.toMatch(/\bfull\b/);
  });

  it("refuses a --case that is not in the results, naming those that are", async () => {
    const file = resultsFile(tempDir(), "run.jsonl", [sessionResult({ caseId: "cp-01" }), sessionResult({ caseId: "abd-01" })]);
    const c = capture();
    expect(await report([file], { title: "t", case: "ha-09", html: "r.html" }, c.io)).toBe(1);
    expect(c.err()).toBe("error: --case ha-09: no session of that case here (cases: abd-01, cp-01)\n");
    expect(c.files.size).toBe(0);
  });

  it("says so when the HTML cannot be written", async () => {
    const missingFolder = () => {
      throw Object.assign(new Error("no such folder"), { code: "ENOENT" });
    };
    const c = capture({ writeFile: missingFolder });
    expect(await report([workshopFolder()], { title: "t", html: "gone/r.html" }, c.io)).toBe(1);
    expect(c.err()).toBe("error: gone/r.html: cannot write the report (ENOENT)\n");
  });

  it("exits 1 when nothing could be read", async () => {
    const c = capture();
    expect(await report([join(tempDir(), "none.jsonl")], { title: "t", html: "r.html" }, c.io)).toBe(1);
    expect(c.err()).toMatch(/no such file or folder\nerror: no results to report\n$/);
    expect(c.files.size).toBe(0);
  });
});

const cli = join(packageRoot, "dist/cli/main.js");

describe.skipIf(!existsSync(cli))("the built dxsim report (skipped until `npm run build` has made dist/)", () => {
  it("writes a report from a workshop folder", () => {
    const html = join(tempDir(), "report.html");
    const run = spawnSync(process.execPath, [cli, "report", workshopFolder(), "--html", html, "--title", "Workshop"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("by learner:");
    expect(readFileSync(html, "utf8")).toContain("<h1>Workshop</h1>");
  });
});
