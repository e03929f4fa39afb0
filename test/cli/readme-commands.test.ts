import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commands } from "../../cli/commands/index.js";
import { Command } from "commander";
import { packageRoot } from "../../core/paths.js";

describe("the README's commands", () => {
  it("show every dxsim command as `npx dxsim …`, which works on a fresh clone", () => {
    const program = new Command();
    for (const register of commands) register(program);
    const names = [...program.commands.map((c) => c.name()), "--version", "--help"];
    const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
    const bare = new RegExp(`(?<!npx )(?<![\\w./-])dxsim (?:${names.map((n) => n.replace(/-/g, "\\-")).join("|")})(?![\\w-])`);
    const lines = readme.split("\n").flatMap((line, i) => (bare.test(line) ? [`${i + 1}: ${line}`] : []));
    expect(lines).toEqual([]);
    expect(readme).toContain("npx dxsim --version");
  });
});
