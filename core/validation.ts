import { type LoadedCase, checkCases } from "./case-loader.js";
import { type CaseProblem, type CaseProblemKind, byLocation, errorsFirst } from "./case-problem.js";
import type { Catalog } from "./catalog.js";
import type { FileProblem } from "./data-file.js";
import type { FileKind } from "./file-kind.js";
import type { KnowledgeBase } from "./knowledge.js";
import { checkKnowledge } from "./knowledge-loader.js";
import { type SourcingReport, sourcingReport } from "./sourcing-report.js";

export interface ProblemCount {
  total: number;
  byKind: Partial<Record<CaseProblemKind, number>>;
}

/** What `dxsim validate` reports, as printed by --json. */
export interface ValidationReport {
  cases: number;
  /** Files of the other kinds checked, by kind (physician scripts, catalog, knowledge-base and config files). */
  otherFiles: Partial<Record<Exclude<FileKind, "case">, number>>;
  catalogTests: number;
  kbDiseases: number;
  kbFindings: number;
  /** How many of the knowledge base's decisive likelihoods are cited; absent when it failed to load. */
  kbSourcing?: SourcingReport;
  errors: ProblemCount;
  warnings: ProblemCount;
  problems: CaseProblem[];
}

/** What was loaded, with the problems met while loading; a part that failed to load is absent. */
export interface ValidationInput {
  cases: readonly LoadedCase[];
  caseLoadProblems: readonly CaseProblem[];
  catalog?: Catalog;
  catalogProblems: readonly FileProblem[];
  kb?: KnowledgeBase;
  kbProblems: readonly FileProblem[];
  /** Files of other kinds found among the paths, with the problems checking them found. */
  otherFiles?: readonly Exclude<FileKind, "case">[];
  otherFileProblems?: readonly CaseProblem[];
}

/**
 * Checks the cases against the catalog and knowledge base, and the knowledge base against the
 * catalog, and counts what was found.
 */
export function validationReport(input: ValidationInput): ValidationReport {
  const asError = (kind: CaseProblemKind) => (p: FileProblem): CaseProblem => ({ ...p, severity: "error", kind });
  const caseProblems = [
    ...input.caseLoadProblems,
    ...(input.otherFileProblems ?? []),
    ...checkCases(input.cases, { ...(input.catalog ? { catalog: input.catalog } : {}), ...(input.kb ? { kb: input.kb } : {}) }),
  ].sort(byLocation);
  // The shared data first: a broken catalog or knowledge base explains problems in the cases.
  const problems = [
    ...input.catalogProblems.map(asError("catalog")),
    ...input.kbProblems.map(asError("knowledge")),
    ...(input.kb && input.catalog ? checkKnowledge(input.kb, new Set(input.catalog.byId.keys())).map(asError("kb-reference")) : []),
    ...caseProblems,
  ].sort(errorsFirst);
  const otherFiles: ValidationReport["otherFiles"] = {};
  for (const kind of input.otherFiles ?? []) otherFiles[kind] = (otherFiles[kind] ?? 0) + 1;
  return {
    cases: input.cases.length,
    otherFiles,
    catalogTests: input.catalog?.tests.length ?? 0,
    kbDiseases: input.kb?.diseases.length ?? 0,
    kbFindings: input.kb?.findings.length ?? 0,
    ...(input.kb ? { kbSourcing: sourcingReport(input.kb) } : {}),
    errors: countOf(problems.filter((p) => p.severity === "error")),
    warnings: countOf(problems.filter((p) => p.severity === "warning")),
    problems,
  };
}

const countOf = (problems: readonly CaseProblem[]): ProblemCount => {
  const byKind: Partial<Record<CaseProblemKind, number>> = {};
  for (const p of problems) byKind[p.kind] = (byKind[p.kind] ?? 0) + 1;
  return { total: problems.length, byKind };
};
