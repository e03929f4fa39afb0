import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { stringify } from "yaml";
import type { Catalog } from "../../core/catalog.js";
import { loadCatalog } from "../../core/catalog-loader.js";
import { DataFileError, formatProblem } from "../../core/data-file.js";
import { AGENTCLINIC_SOURCE, importAgentClinic } from "../../core/import/agentclinic.js";
import type { ImportedCase, SkippedRecord } from "../../core/import/json-lines.js";
import { DIAGNOSISARENA_SOURCE, importDiagnosisArena } from "../../core/import/diagnosisarena.js";

/** One collection an importer reads: how it converts a file's text, and where its cases come from. */
interface Collection {
  /** terms: the licence or terms of use, as the header of each case file states them. */
  source: { name: string; terms: string; url: string };
  convert: (text: string, context: { catalog: Catalog }) => { cases: ImportedCase[]; skipped: SkippedRecord[] };
}

const AGENTCLINIC: Collection = { source: { ...AGENTCLINIC_SOURCE, terms: `${AGENTCLINIC_SOURCE.licence} licence` }, convert: importAgentClinic };
const DIAGNOSISARENA: Collection = { source: { ...DIAGNOSISARENA_SOURCE, terms: `terms: ${DIAGNOSISARENA_SOURCE.licence}` }, convert: importDiagnosisArena };
import { FILE_LIMITS, TextFileError, readTextFile } from "../../core/file-limits.js";
import { refuseOverwrite } from "../output-file.js";

export function registerImport(program: Command): void {
  const importer = program.command("import").description("convert cases from other collections into dxsim case files");
  importer
    .command("agentclinic")
    .description("convert AgentClinic MedQA records (JSON Lines) into one YAML case file each")
    .argument("<file>", "AgentClinic JSONL file, e.g. agentclinic_medqa.jsonl")
    .requiredOption("--out <folder>", "folder to write the case files to")
    .option("--force", "overwrite case files already in the folder")
    .action((file: string, flags: { out: string; force?: boolean }) => {
      process.exitCode = importFile(AGENTCLINIC, file, flags.out, Boolean(flags.force));
    });
  importer
    .command("diagnosisarena")
    .description("convert DiagnosisArena records (JSON Lines: case information, examination, tests, diagnosis, four options) into one YAML case file each")
    .argument("<file>", "DiagnosisArena JSONL file")
    .requiredOption("--out <folder>", "folder to write the case files to")
    .option("--force", "overwrite case files already in the folder")
    .action((file: string, flags: { out: string; force?: boolean }) => {
      process.exitCode = importFile(DIAGNOSISARENA, file, flags.out, Boolean(flags.force));
    });
}

/** Writes a case file per record it can convert, a reason per record it cannot; exit 1 when any was skipped. */
function importFile({ source, convert }: Collection, file: string, out: string, force: boolean): number {
  let text: string;
  try {
    text = readTextFile(file, FILE_LIMITS.linesFileBytes);
  } catch (e) {
    if (!(e instanceof TextFileError)) throw e;
    process.stderr.write(`error: ${e.message}\n`);
    return 1;
  }
  let catalog;
  try {
    catalog = loadCatalog();
  } catch (e) {
    if (!(e instanceof DataFileError)) throw e;
    for (const p of e.problems) process.stderr.write(`error: ${formatProblem(p)}\n`);
    return 1;
  }
  const { cases, skipped } = convert(text, { catalog });
  // A case file already there may have been edited since: nothing is written unless --force.
  const refused = cases.map((imported) => refuseOverwrite(join(out, `${imported.case.id}.yaml`), force)).filter((r): r is string => r !== null);
  if (refused.length) {
    for (const r of refused) process.stderr.write(`error: ${r}\n`);
    process.stderr.write(`error: nothing imported: ${refused.length} case file${refused.length === 1 ? "" : "s"} would be overwritten\n`);
    return 1;
  }
  mkdirSync(out, { recursive: true });
  for (const imported of cases) {
    const header = `# Imported by dxsim from ${file} line ${imported.line}: ${source.name}, ${source.terms}, ${source.url}\n`;
    writeFileSync(join(out, `${imported.case.id}.yaml`), header + stringify(imported.case));
    for (const warning of imported.warnings) process.stdout.write(`warning: ${file}:${imported.line}: ${warning}\n`);
  }
  for (const s of skipped) process.stdout.write(`skipped: ${file}:${s.line}: ${s.reason}\n`);
  process.stdout.write(`imported ${cases.length} case${cases.length === 1 ? "" : "s"} into ${out}, skipped ${skipped.length}\n`);
  // Exit codes (README): 0 when at least one case imported, skipped lines reported above; 1 when none did.
  if (cases.length === 0) process.stderr.write(`error: ${file}: no case could be imported\n`);
  return cases.length > 0 ? 0 : 1;
}
