import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkCase, checkCases, collectCaseFiles, loadCaseFile, loadCases } from "../../core/case-loader.js";
import { DataFileError } from "../../core/data-file.js";
import { fixtureCatalog, fixtureKb } from "../fixtures/bad-cases/context.js";

const dir = join(import.meta.dirname, "../fixtures/bad-cases");
const fixture = (name: string) => join(dir, name);
const context = { catalog: fixtureCatalog, kb: fixtureKb };

const problemsOf = (name: string) => loadCases([fixture(name)]).problems;
const checked = (name: string) => {
  const { cases, problems } = loadCases([fixture(name)]);
  expect(problems).toEqual([]);
  return checkCases(cases, context);
};

describe("case files", () => {
  it("loads a well-formed case with its defaults filled in", () => {
    const c = loadCaseFile(fixture("valid.yaml"));
    expect(c.id).toBe("bad-fixture-valid");
    expect(c.case_tests).toEqual([]);
    expect(c.findings[1]?.kb).toEqual([]);
    expect(checked("valid.yaml")).toEqual([]);
  });

  it("throws a DataFileError for a file it cannot load", () => {
    expect(() => loadCaseFile(fixture("missing-field.yaml"))).toThrow(DataFileError);
  });

  it("collects case files from folders, sorted, skipping other files", () => {
    const files = collectCaseFiles([dir]).map((f) => f.slice(dir.length + 1));
    expect(files).toEqual([
      "answer-leak.yaml",
      "duplicate-id.yaml",
      "identifiers.yaml",
      "missing-field.yaml",
      "unknown-test.yaml",
      "valid.yaml",
      "wrong-type.yaml",
      "yaml-syntax.yaml",
    ]);
  });

  it("reports a YAML syntax error with its line", () => {
    const [p] = problemsOf("yaml-syntax.yaml");
    expect(p).toMatchObject({ file: fixture("yaml-syntax.yaml"), severity: "error", kind: "yaml" });
    expect(p?.message).toMatch(/^invalid YAML/);
    expect(p?.line).toBeGreaterThanOrEqual(6);
  });

  it("reports a missing field at its parent's line", () => {
    expect(problemsOf("missing-field.yaml")).toEqual([
      { file: fixture("missing-field.yaml"), line: 1, field: "diagnosis", message: expect.stringMatching(/expected object/), severity: "error", kind: "schema" },
    ]);
  });

  it("reports a wrong type with the field's line", () => {
    expect(problemsOf("wrong-type.yaml")).toEqual([
      { file: fixture("wrong-type.yaml"), line: 10, field: "presentation.age", message: expect.stringMatching(/expected number/), severity: "error", kind: "schema" },
    ]);
  });

  it("names a path that does not exist", () => {
    const missing = fixture("no-such-case.yaml");
    expect(loadCases([missing]).problems).toEqual([{ file: missing, message: "no such file or folder", severity: "error", kind: "missing-path" }]);
  });

  it("keeps loading the other files when some fail", () => {
    const { cases, problems } = loadCases([dir]);
    expect(cases.map((c) => c.case.id).sort()).toEqual([
      "bad-fixture-identifiers",
      "bad-fixture-leak",
      "bad-fixture-unknown-test",
      "bad-fixture-valid",
      "bad-fixture-valid",
    ]);
    expect([...new Set(problems.map((p) => `${p.kind} ${p.file.slice(dir.length + 1)}`))].sort()).toEqual([
      "schema missing-field.yaml",
      "schema wrong-type.yaml",
      "yaml yaml-syntax.yaml",
    ]);
  });
});

describe("checking a case", () => {
  it("refuses test ids that are neither in the catalog nor among the case's own tests", () => {
    const problems = checked("unknown-test.yaml").filter((p) => p.kind === "unknown-test");
    expect(problems.map((p) => [p.field, p.line, p.message])).toEqual([
      ["tests.magic_scan", 25, 'unknown test "magic_scan": neither a catalog test id nor one of case_tests'],
      ["key_tests[1]", 30, 'unknown test "magic_scan": neither a catalog test id nor one of case_tests'],
    ]);
  });

  it("accepts a test id the case declares in case_tests", () => {
    const c = loadCaseFile(fixture("unknown-test.yaml"));
    const withCaseTest = { ...c, case_tests: [{ id: "magic_scan", name: "Magic scan", synonyms: [] }] };
    expect(checkCase("x.yaml", withCaseTest, context).filter((p) => p.kind === "unknown-test")).toEqual([]);
  });

  it("refuses knowledge-base ids the knowledge base lacks", () => {
    const problems = checked("unknown-test.yaml").filter((p) => p.kind === "unknown-kb-id");
    expect(problems.map((p) => [p.field, p.message])).toEqual([
      ["findings[0].kb[0].id", 'unknown knowledge-base finding "no_such_finding"'],
      ["diagnosis.kb_id", 'unknown knowledge-base disease "no_such_disease"'],
    ]);
    expect(problems.every((p) => p.severity === "error")).toBe(true);
  });

  it("skips the catalog and knowledge-base checks when they are not loaded", () => {
    const c = loadCaseFile(fixture("unknown-test.yaml"));
    expect(checkCase("x.yaml", c, {})).toEqual([]);
  });

  it("names both files when two cases share an id", () => {
    const { cases } = loadCases([fixture("valid.yaml"), fixture("duplicate-id.yaml")]);
    expect(checkCases(cases, context)).toEqual([
      {
        file: fixture("duplicate-id.yaml"),
        line: 1,
        field: "id",
        message: `case id "bad-fixture-valid" is also used by ${fixture("valid.yaml")}`,
        severity: "error",
        kind: "duplicate-id",
      },
    ]);
  });

  it("refuses an item id used twice within a case", () => {
    const c = loadCaseFile(fixture("valid.yaml"));
    const twice = { ...c, findings: [c.findings[0]!, { ...c.findings[1]!, id: "onset" }] };
    expect(checkCase("x.yaml", twice, context)).toEqual([
      { file: "x.yaml", field: "findings[1].id", message: 'finding id "onset" is used twice', severity: "error", kind: "duplicate-id" },
    ]);
  });

  it("refuses a case test that reuses a catalog id", () => {
    const c = loadCaseFile(fixture("valid.yaml"));
    const shadow = { ...c, case_tests: [{ id: "ecg", name: "Another ECG", synonyms: [] }] };
    expect(checkCase("x.yaml", shadow, context).map((p) => [p.kind, p.field])).toEqual([["duplicate-id", "case_tests[0].id"]]);
  });

  it("reports the diagnosis named in the presentation as an error, and in findings as a warning", () => {
    const problems = checked("answer-leak.yaml");
    expect(problems.map((p) => [p.severity, p.kind, p.field, p.line, p.message])).toEqual([
      ["error", "answer-leak", "presentation.narrative", 14, 'names the diagnosis ("pulmonary embolus")'],
      ["warning", "answer-leak", "findings[0].text", 19, 'names the diagnosis ("pe")'],
    ]);
  });

  it("warns about personal data left in a case", () => {
    const problems = checked("identifiers.yaml");
    expect(problems.every((p) => p.severity === "warning" && p.kind === "identifier")).toBe(true);
    expect(problems.map((p) => [p.field, p.message.replace(/; cases must be de-identified$/, "")])).toEqual([
      ["presentation.narrative", 'looks like a person\'s name with a title ("Mr. Smith", "Dr Jane Doe")'],
      ["findings[0].text", 'looks like a phone number ("555-123-4567")'],
      ["findings[0].text", 'looks like an e-mail address ("j.smith@example.com")'],
      ["findings[0].text", 'looks like a street address ("12 Elm Street")'],
      ["findings[1].text", 'looks like a date of birth ("DOB")'],
      ["findings[1].text", 'looks like a full date ("03/04/1962")'],
      ["findings[1].text", 'looks like a medical record number ("MRN 1234567")'],
    ]);
  });

  it("uses the knowledge-base disease's synonyms too when looking for the answer", () => {
    const c = loadCaseFile(fixture("valid.yaml"));
    const leaky = { ...c, presentation: { ...c.presentation, narrative: "Known to have had an MI before, now with chest pressure." } };
    expect(checkCase("x.yaml", leaky, context).map((p) => p.message)).toEqual(['names the diagnosis ("mi")']);
  });
});
