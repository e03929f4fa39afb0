import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validate } from "../../cli/commands/validate.js";
import { isCoded } from "../../core/case.js";
import { collectCaseFiles, loadBundledCases, loadCases } from "../../core/case-loader.js";

/** Every knowledge-base key in a parsed file, with where it is: `kb` lists and `kb_id`. */
function kbKeys(value: unknown, path = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => kbKeys(v, `${path}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, v]) => [
    ...(key === "kb" || key === "kb_id" ? [`${path}.${key}`] : []),
    ...kbKeys(v, `${path}.${key}`),
  ]);
}

/** A set of plain-text cases written without the knowledge base (held-out or development). */
export interface PlainTextCaseSet {
  label: string;
  dir: string;
  /** What every case's source name contains. */
  sourceName: string;
  minCases: number;
  minComplaints: number;
}

/**
 * The checks both plain-text sets must pass: they load, validate, carry no knowledge-base code,
 * and spread over complaints, sexes, settings and ages.
 */
export function describePlainTextCases(set: PlainTextCaseSet): void {
  const files = collectCaseFiles([set.dir]);
  const { cases, problems } = loadCases([set.dir]);

  describe(set.label, () => {
    it(`are at least ${set.minCases}, and every one loads with the case schema`, () => {
      expect(problems).toEqual([]);
      expect(cases.length).toBe(files.length);
      expect(cases.length).toBeGreaterThanOrEqual(set.minCases);
    });

    it("pass dxsim validate with no errors against the bundled catalog and knowledge base", () => {
      const report = validate([set.dir]);
      expect(report.cases).toBe(cases.length);
      expect(report.problems.filter((p) => p.severity === "error")).toEqual([]);
    });

    it("carry no knowledge-base key anywhere in the file, so nothing is coded for the engine", () => {
      for (const file of files) expect({ file, keys: kbKeys(parse(readFileSync(file, "utf8"))) }).toEqual({ file, keys: [] });
      for (const { case: c } of cases) expect(isCoded(c)).toBe(false);
    });

    it("the key check finds the codes of a bundled case, so it is not blind", () => {
      const bundled = loadBundledCases().cases[0]!;
      expect(kbKeys(parse(readFileSync(bundled.file, "utf8"))).length).toBeGreaterThan(0);
    });

    it(`spread over at least ${set.minComplaints} complaint categories, both sexes, both settings and all ages`, () => {
      const complaints = new Set(cases.map((l) => l.case.complaint));
      expect(complaints.size).toBeGreaterThanOrEqual(set.minComplaints);
      expect(new Set(cases.map((l) => l.case.presentation.sex))).toEqual(new Set(["female", "male"]));
      expect(new Set(cases.map((l) => l.case.presentation.setting))).toEqual(new Set(["emergency", "clinic"]));
      const ages = cases.map((l) => l.case.presentation.age);
      expect(Math.min(...ages)).toBeLessThan(18);
      expect(Math.max(...ages)).toBeGreaterThanOrEqual(80);
    });

    it(`each names its source as the ${set.sourceName} under MIT and has an ICD-10 diagnosis`, () => {
      for (const { case: c } of cases) {
        expect(c.source).toMatchObject({ name: expect.stringContaining(set.sourceName), licence: "MIT" });
        expect(c.diagnosis.icd10).toMatch(/^[A-Z]\d/);
      }
    });
  });
}
