import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { stringify } from "yaml";
import { loadCatalog } from "../../core/catalog-loader.js";
import { DataFileError, formatProblem } from "../../core/data-file.js";
import { AGENTCLINIC_SOURCE, importAgentClinic } from "../../core/import/agentclinic.js";
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
      process.exitCode = importAgentClinicFile(file, flags.out, Boolean(flags.force));
    });
}

function importAgentClinicFile(file: string, out: string, force: boolean): number {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    process.stderr.write(`error: ${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
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
  const { cases, skipped } = importAgentClinic(text, { catalog });
  // A case file already there may have been edited since: nothing is written unless --force.
  const refused = cases.map((imported) => refuseOverwrite(join(out, `${imported.case.id}.yaml`), force)).filter((r): r is string => r !== null);
  if (refused.length) {
    for (const r of refused) process.stderr.write(`error: ${r}\n`);
    process.stderr.write(`error: nothing imported: ${refused.length} case file${refused.length === 1 ? "" : "s"} would be overwritten\n`);
    return 1;
  }
  mkdirSync(out, { recursive: true });
  for (const imported of cases) {
    const header = `# Imported by dxsim from ${file} line ${imported.line}: ${AGENTCLINIC_SOURCE.name}, ${AGENTCLINIC_SOURCE.licence} licence, ${AGENTCLINIC_SOURCE.url}\n`;
    writeFileSync(join(out, `${imported.case.id}.yaml`), header + stringify(imported.case));
    for (const warning of imported.warnings) process.stdout.write(`warning: ${file}:${imported.line}: ${warning}\n`);
  }
  for (const s of skipped) process.stdout.write(`skipped: ${file}:${s.line}: ${s.reason}\n`);
  process.stdout.write(`imported ${cases.length} case${cases.length === 1 ? "" : "s"} into ${out}, skipped ${skipped.length}\n`);
  return skipped.length > 0 ? 1 : 0;
}
