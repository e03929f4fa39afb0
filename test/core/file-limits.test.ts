import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DataFileError, type FileProblem, parseDataText, readDataFile } from "../../core/data-file.js";
import { FILE_LIMITS, TextFileError, parseJsonWithinLimits, readTextFile } from "../../core/file-limits.js";
import { loadCases } from "../../core/case-loader.js";
import { yamlShapeHazard } from "../../core/yaml-guard.js";

const Anything = z.unknown();

function problemsOf(text: string, file = "x.yaml"): FileProblem[] {
  try {
    parseDataText(file, text, Anything);
  } catch (e) {
    if (e instanceof DataFileError) return e.problems;
    throw e;
  }
  throw new Error("expected a DataFileError");
}

/** A billion laughs: each level's list holds nine aliases of the level before. */
const aliasBomb = ["a: &a [x, x, x, x, x, x, x, x, x]", ..."bcdefgh".split("").map((l, i) => `${l}: &${l} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(", ")}]`)].join("\n");

describe("parsing with limits", () => {
  it("refuses an undefined alias with its line, not a ReferenceError", () => {
    expect(problemsOf("id: x\ntitle: *nowhere\n")).toEqual([{ file: "x.yaml", line: 2, message: "invalid YAML: alias *nowhere has no anchor &nowhere before it" }]);
  });

  it("refuses an alias used before its anchor, and an undefined merge alias", () => {
    expect(problemsOf("a: *b\nb: &b 1\n")[0]?.message).toMatch(/alias \*b has no anchor/);
    expect(problemsOf("a:\n  <<: *base\n")[0]?.line).toBe(2);
  });

  it("refuses an alias bomb", () => {
    const [p] = problemsOf(aliasBomb);
    expect(p?.message).toMatch(/^invalid YAML: aliases expand into too many nodes \(an alias bomb\)$/);
  });

  it("refuses a cyclic alias", () => {
    expect(problemsOf("a: &a [1, *a]\n")).toEqual([{ file: "x.yaml", line: 1, message: "invalid YAML: alias *a refers to a node that contains it" }]);
  });

  it("still accepts a few ordinary aliases", () => {
    expect(parseDataText("x.yaml", "base: &b {unit: mg}\nother: *b\n", Anything)).toEqual({ base: { unit: "mg" }, other: { unit: "mg" } });
  });

  it("refuses deep nesting of every kind before the parser recurses into it", () => {
    const n = 200_000;
    for (const text of ["[".repeat(n), "{a: ".repeat(n), "- ".repeat(n) + "x", "? ".repeat(n), Array.from({ length: 100 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n")]) {
      const [p] = problemsOf(text);
      expect(p?.message).toBe(`invalid YAML: nested deeper than ${FILE_LIMITS.nestingDepth} levels`);
    }
  });

  it("counts neither brackets in strings and block text nor comments as nesting", () => {
    const text = `a: "${"[".repeat(100)}"\nb: '${"{".repeat(100)}'\nc: |\n  ${"- ".repeat(100)}\n# ${"[".repeat(100)}\nd: ${"x[".repeat(50)}\n`;
    expect(yamlShapeHazard(text)).toBeUndefined();
    expect(parseDataText("x.yaml", text, Anything)).toMatchObject({ a: "[".repeat(100) });
  });

  it("refuses a file of more values than the limit, counting quoted and flow values too", () => {
    expect(problemsOf(Array.from({ length: FILE_LIMITS.values + 1 }, (_, i) => `- item ${i}`).join("\n"))[0]?.message).toBe(`invalid YAML: holds more than ${FILE_LIMITS.values} values`);
    expect(problemsOf(`[${Array(FILE_LIMITS.values + 1).fill('"x"').join(",")}]`, "x.json")[0]?.message).toBe(`invalid JSON: holds more than ${FILE_LIMITS.values} values`);
    expect(yamlShapeHazard(`[${Array(FILE_LIMITS.values - 1).fill("1").join(",")}]`)).toBeUndefined();
  });

  it("places a nesting problem on its line", () => {
    expect(yamlShapeHazard(`a: 1\nb: 2\nc: ${"[".repeat(70)}`)?.line).toBe(3);
  });

  it("caps the problems reported for one file", () => {
    const text = Array.from({ length: 100 }, (_, i) => `- ${i}`).join("\n");
    const problems = (() => {
      try {
        parseDataText("x.yaml", text, z.array(z.string()));
      } catch (e) {
        return (e as DataFileError).problems;
      }
      return [];
    })();
    expect(problems).toHaveLength(26);
    expect(problems[25]?.message).toBe("and 75 more problems");
  });
});

describe("reading files with limits", () => {
  const dir = mkdtempSync(join(tmpdir(), "dxsim-limits-"));

  it("refuses a file over the size limit without reading it", () => {
    const file = join(dir, "big.yaml");
    writeFileSync(file, `title: "${"x".repeat(FILE_LIMITS.dataFileBytes)}"\n`);
    expect(() => readDataFile(file, Anything)).toThrow(/big\.yaml: too big: 1 MB; the limit for this kind of file is 1 MB/);
  });

  it("refuses binary data, a folder and a missing file in one line each", () => {
    const bin = join(dir, "bin.yaml");
    writeFileSync(bin, Buffer.from([0x61, 0x3a, 0x0a, 0x00, 0xff, 0xfe]));
    expect(() => readTextFile(bin, 100)).toThrow(new TextFileError(bin, "is not a text file (it holds binary data)", 2));
    expect(() => readTextFile(dir, 100)).toThrow(/is a folder, not a file/);
    expect(() => readTextFile(join(dir, "none.yaml"), 100)).toThrow(/cannot read the file \(ENOENT\)/);
  });

  it("reports a bad file in a folder of cases and goes on to the others", () => {
    const folder = join(dir, "cases");
    mkdirSync(folder);
    writeFileSync(join(folder, "a-bomb.yaml"), aliasBomb);
    writeFileSync(join(folder, "b-undefined.yaml"), "id: *x\n");
    writeFileSync(join(folder, "c-deep.yaml"), "[".repeat(100_000));
    writeFileSync(join(folder, "d-binary.yaml"), Buffer.from([0, 1, 2, 3]));
    writeFileSync(join(folder, "e-not-a-case.yaml"), "id: 3\n");
    const { cases, problems } = loadCases([folder]);
    expect(cases).toEqual([]);
    expect(new Set(problems.map((p) => p.file.split("/").pop()))).toEqual(new Set(["a-bomb.yaml", "b-undefined.yaml", "c-deep.yaml", "d-binary.yaml", "e-not-a-case.yaml"]));
    expect(problems.every((p) => !p.message.includes("\n"))).toBe(true);
  });

  it("parses a JSON line only within the nesting limit", () => {
    expect(parseJsonWithinLimits('{"a": ["[[[["]}')).toEqual({ a: ["[[[["] });
    expect(() => parseJsonWithinLimits("[".repeat(65) + "]".repeat(65))).toThrow(/nested deeper than 64 levels/);
    expect(() => parseJsonWithinLimits('["\\\\"]')).not.toThrow();
  });
});

describe("the alias count", () => {
  it("refuses more aliases than the limit, even harmless ones", () => {
    const text = `a: &a 1\nlist: [${Array(FILE_LIMITS.aliases + 1).fill("*a").join(", ")}]\n`;
    expect(problemsOf(text)).toEqual([{ file: "x.yaml", line: 2, message: `invalid YAML: more than ${FILE_LIMITS.aliases} aliases (*name); dxsim refuses alias bombs` }]);
  });
});

describe("messages quoting a value from the file", () => {
  it("are cut to a readable length", async () => {
    const { checkCase } = await import("../../core/case-loader.js");
    const { caseWithText } = await import("../../bench/lint.js");
    const c = caseWithText("A tired woman.");
    const id = "x".repeat(100_000);
    const problem = checkCase("c.yaml", { ...c, key_tests: [id] }, { catalog: { tests: [], byId: new Map(), visitFeeUsd: 300, visitFeeSource: "s" } }).find((p) => p.field === "key_tests[0]");
    expect(problem?.message.length).toBeLessThanOrEqual(300);
    expect(problem?.message).toMatch(/^unknown test "x{100,} … \(\d+ characters left out\) … .*case_tests$/);
  });
});
