import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fatalLines } from "../../cli/fatal.js";
import { nodeTooOld } from "../../cli/node-version.js";
import { DataFileError } from "../../core/data-file.js";
import { packageRoot } from "../../core/paths.js";

const cli = join(packageRoot, "dist/cli/main.js");
const fatalModule = join(packageRoot, "dist/cli/fatal.js");
const version = (JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version: string }).version;

describe("the Node version check", () => {
  it("refuses Node before 22.13 in one line that says how to run dxsim", () => {
    const refusal = nodeTooOld("20.20.2");
    expect(refusal).toMatch(/^dxsim needs Node 22\.13 or newer and this is Node 20\.20\.2; .*`npx dxsim \.\.\.` or `npm start -- \.\.\.`/);
    expect(refusal).not.toContain("\n");
    expect(nodeTooOld("22.12.0")).toBeDefined();
    expect(nodeTooOld("22.13.0")).toBeUndefined();
    expect(nodeTooOld("24.1.0")).toBeUndefined();
  });

  it("ends with the way to run what was asked for", () => {
    expect(nodeTooOld("20.20.2", "run `npm run bench`.")).toBe("dxsim needs Node 22.13 or newer and this is Node 20.20.2; run `npm run bench`.");
  });
});

describe("the top-level error handler", () => {
  it("prints one line per problem and where the stack trace is, never the trace", () => {
    const lines = fatalLines(new DataFileError([{ file: "a.yaml", line: 3, field: "title", message: "expected string" }]), false);
    expect(lines).toEqual(["dxsim: error: a.yaml:3: title: expected string", "dxsim: this is all that went wrong; set DXSIM_DEBUG=1 to see the stack trace."]);
    const thrown = fatalLines(new RangeError("Maximum call stack size exceeded\n    at f (x.js:1:1)"), false);
    expect(thrown[0]).toBe("dxsim: error: Maximum call stack size exceeded");
    expect(thrown.join("\n")).not.toMatch(/\bat f\b/);
  });

  it("shows the stack trace with DXSIM_DEBUG=1", () => {
    const error = new Error("boom");
    expect(fatalLines(error, true)).toEqual(["dxsim: error: boom", error.stack]);
  });
});

describe.skipIf(!existsSync(cli))("the built entry (skipped until `npm run build` has made dist/)", () => {
  it("prints the version", () => {
    const run = spawnSync(process.execPath, [cli, "--version"], { encoding: "utf8" });
    expect(run.stdout).toBe(`${version}\n`);
    expect(run.status).toBe(0);
  });

  const systemNode = ["/usr/bin/node", "/bin/node"].find((p) => existsSync(p));
  const systemMajor = systemNode ? Number(spawnSync(systemNode, ["-p", "process.versions.node"], { encoding: "utf8" }).stdout.split(".")[0]) : 0;
  it.skipIf(!systemNode || systemMajor >= 22)("on the machine's older Node, says so in one line and exits 1 (skipped when the system Node is 22+ or absent)", () => {
    const run = spawnSync(systemNode!, [cli, "validate"], { encoding: "utf8" });
    expect(run.stderr).toMatch(/^dxsim needs Node 22\.13 or newer and this is Node \d+\.\d+\.\d+; [^\n]*\n$/);
    expect(run.status).toBe(1);
  });

  it.skipIf(!systemNode || systemMajor >= 22)("the bench, on the machine's older Node, says so in one line and exits 1 rather than print slower figures (skipped when the system Node is 22+ or absent)", () => {
    const run = spawnSync(systemNode!, [join(packageRoot, "dist/bench/main.js"), "throughput"], { encoding: "utf8" });
    expect(run.stderr).toMatch(/^dxsim needs Node 22\.13 or newer and this is Node \d+\.\d+\.\d+; in the dxsim folder run `npm run bench`[^\n]*\n$/);
    expect(run.stdout).toBe("");
    expect(run.status).toBe(1);
  });

  it("ends an error nothing else caught with exit 1 and one line, sync or async, the trace only with DXSIM_DEBUG=1", () => {
    const dir = mkdtempSync(join(tmpdir(), "dxsim-fatal-"));
    const script = join(dir, "throws.mjs");
    writeFileSync(script, `import { installFatalHandler } from ${JSON.stringify(fatalModule)};\ninstallFatalHandler();\nsetTimeout(() => { throw new TypeError("x is not a function"); });\n`);
    const run = spawnSync(process.execPath, [script], { encoding: "utf8", env: { ...process.env, DXSIM_DEBUG: "" } });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("dxsim: error: x is not a function\ndxsim: this is all that went wrong; set DXSIM_DEBUG=1 to see the stack trace.\n");
    const rejected = join(dir, "rejects.mjs");
    writeFileSync(rejected, `import { installFatalHandler } from ${JSON.stringify(fatalModule)};\ninstallFatalHandler();\nPromise.reject(new Error("lost"));\n`);
    const debug = spawnSync(process.execPath, [rejected], { encoding: "utf8", env: { ...process.env, DXSIM_DEBUG: "1" } });
    expect(debug.status).toBe(1);
    expect(debug.stderr).toMatch(/^dxsim: error: lost\nError: lost\n\s+at /);
  });

  it("validates a folder holding an alias bomb, an undefined alias and deep nesting: one line each, exit 1, no trace", { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "dxsim-hostile-"));
    writeFileSync(join(dir, "bomb.yaml"), `a: &a [x, x, x, x, x, x, x, x, x]\n${"bcdefgh".split("").map((l, i) => `${l}: &${l} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(", ")}]`).join("\n")}\n`);
    writeFileSync(join(dir, "undefined.yaml"), "id: *nowhere\n");
    writeFileSync(join(dir, "deep.json"), "[".repeat(50_000));
    const run = spawnSync(process.execPath, [cli, "validate", dir], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/bomb\.yaml:2: invalid YAML: aliases expand into too many nodes \(an alias bomb\)/);
    expect(run.stdout).toMatch(/undefined\.yaml:1: invalid YAML: alias \*nowhere has no anchor &nowhere before it/);
    expect(run.stdout).toMatch(/deep\.json:1: invalid JSON: nested deeper than 64 levels/);
    expect(run.stdout).not.toMatch(/\n\s+at /);
  });
});
