import type { z } from "zod";
import { CaseSchema } from "../core/case.js";
import type { OtherDataFile } from "../core/case-loader.js";
import type { CaseProblem } from "../core/case-problem.js";
import { CatalogFileSchema, VisitFeeFileSchema } from "../core/catalog.js";
import { DataFileError, checkData } from "../core/data-file.js";
import type { FileKind } from "../core/file-kind.js";
import { DiseasesFileSchema, FindingGroupsFileSchema, FindingsFileSchema, KnowledgeMetaSchema } from "../core/knowledge.js";
import { DecisiveFileSchema, EligibilityFileSchema, HarmsFileSchema, SpecimensFileSchema, TimeCriticalFileSchema } from "../core/clinical-rules.js";
import { ManagementFileSchema } from "../core/management.js";
import { CaseMixFileSchema } from "../core/case-mix.js";
import { VocabularyFileSchema } from "../core/vocabulary.js";
import { type ScriptFileSchema, scriptSchemaFor, scriptsByCase } from "../core/script.js";
import { ConfigFileSchema } from "../llm/config.js";

/** Each kind of data file and the schema it is read with where dxsim reads it. */
const SCHEMA_OF_KIND: Readonly<Record<Exclude<FileKind, "script">, z.ZodType>> = {
  case: CaseSchema,
  catalog: CatalogFileSchema,
  "visit-fee": VisitFeeFileSchema,
  "kb-meta": KnowledgeMetaSchema,
  "kb-findings": FindingsFileSchema,
  "kb-diseases": DiseasesFileSchema,
  "kb-decisive": DecisiveFileSchema,
  "kb-eligibility": EligibilityFileSchema,
  "kb-harms": HarmsFileSchema,
  "kb-specimens": SpecimensFileSchema,
  "kb-time_critical": TimeCriticalFileSchema,
  "kb-groups": FindingGroupsFileSchema,
  "kb-management": ManagementFileSchema,
  "kb-case_mix": CaseMixFileSchema,
  vocabulary: VocabularyFileSchema,
  config: ConfigFileSchema,
};

/**
 * Checks each non-case file against its own schema; a physician script must also name a case
 * that exists (one of `caseIds`, the cases checked and the bundled ones).
 */
export function checkOtherFiles(files: readonly OtherDataFile[], caseIds: ReadonlySet<string>): CaseProblem[] {
  return files.flatMap(({ kind, parsed }): CaseProblem[] => {
    let data: unknown;
    try {
      data = checkData(parsed, kind === "script" ? scriptSchemaFor(parsed.data) : SCHEMA_OF_KIND[kind]);
    } catch (e) {
      if (!(e instanceof DataFileError)) throw e;
      return e.problems.map((p) => ({ ...p, severity: "error", kind: "schema" }));
    }
    if (kind !== "script") return [];
    return [...scriptsByCase(data as z.infer<typeof ScriptFileSchema>).keys()]
      .filter((id) => !caseIds.has(id))
      .map((id) => ({ file: parsed.file, field: "case", message: `no case "${id}" among the cases checked or bundled`, severity: "error", kind: "unknown-case" }));
  });
}
