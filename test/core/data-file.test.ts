import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DataFileError, parseDataText } from "../../core/data-file.js";

const Schema = z.object({ name: z.string(), items: z.array(z.object({ price: z.number() })) });

function problemsOf(text: string, file = "case.yaml") {
  try {
    parseDataText(file, text, Schema);
  } catch (e) {
    if (e instanceof DataFileError) return e.problems;
    throw e;
  }
  throw new Error("expected a DataFileError");
}

describe("data files", () => {
  it("names the file, line and field of a wrong type", () => {
    const [p] = problemsOf("name: x\nitems:\n  - price: 3\n  - price: cheap\n");
    expect(p).toMatchObject({ file: "case.yaml", line: 4, field: "items[1].price" });
    expect(p?.message).toMatch(/number/);
  });

  it("points a missing field at its parent's line", () => {
    const [p] = problemsOf("items: []\n");
    expect(p).toMatchObject({ line: 1, field: "name" });
  });

  it("reports YAML syntax errors with their line", () => {
    const [p] = problemsOf("name: x\nitems: [\n  - : :\n");
    expect(p?.message).toMatch(/invalid YAML/);
    expect(p?.line).toBeGreaterThan(0);
  });

  it("accepts JSON", () => {
    expect(parseDataText("c.json", '{"name":"a","items":[{"price":1}]}', Schema).items[0]?.price).toBe(1);
  });
});
