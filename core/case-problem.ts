import { type FileProblem, fieldPath, shortMessage } from "./data-file.js";

export type Severity = "error" | "warning";

/** What went wrong, so a report can count problems by cause. */
export type CaseProblemKind =
  | "missing-path"
  | "read"
  | "yaml"
  | "schema"
  | "not-a-case"
  | "unknown-case"
  | "unknown-test"
  | "unknown-kb-id"
  | "duplicate-id"
  | "answer-leak"
  | "identifier"
  | "catalog"
  | "knowledge"
  | "kb-reference";

export interface CaseProblem extends FileProblem {
  severity: Severity;
  kind: CaseProblemKind;
}

export type FieldPath = readonly (string | number)[];

/** A problem inside a parsed case, still addressed by its field path rather than a file line. */
export interface CaseFlaw {
  path: FieldPath;
  severity: Severity;
  kind: CaseProblemKind;
  message: string;
}

/** Places flaws in their file; `lineOf` maps a field path to a line when the file's text is known. */
export const placeFlaws = (file: string, flaws: readonly CaseFlaw[], lineOf?: (path: FieldPath) => number | undefined): CaseProblem[] =>
  flaws.map((f) => {
    const line = lineOf?.(f.path);
    return {
      file,
      ...(line !== undefined ? { line } : {}),
      ...(f.path.length > 0 ? { field: fieldPath(f.path) } : {}),
      message: shortMessage(f.message),
      severity: f.severity,
      kind: f.kind,
    };
  });

/** Orders problems by file, then line, so that each file's read top-down. */
export const byLocation = (a: FileProblem, b: FileProblem): number => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0);

/** Errors before warnings; as a stable sort, keeps the order within each. */
export const errorsFirst = (a: CaseProblem, b: CaseProblem): number => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1);
