import { writeFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { type ExportFormat, ExportFormatSchema, renderExport } from "../../sessions/export.js";
import { learnerName } from "../options.js";
import { refuseOverwrite } from "../output-file.js";
import { type CommandIo, processIo, withSessions } from "../saved-sessions.js";

export interface ExportFlags {
  format: ExportFormat;
  out?: string;
  learner?: string;
  force?: boolean;
}

export function registerExport(program: Command): void {
  program
    .command("export")
    .description("write a saved session's audit trail: a Markdown transcript, its JSON record (which `dxsim report` reads) or an HTML page")
    .argument("<id>", "a saved session's id (dxsim sessions lists them)")
    .addOption(new Option("--format <format>", "md, json or html").choices(ExportFormatSchema.options).default("md"))
    .option("--out <file>", "write to a file instead of stdout (never the sessions database)")
    .option("--force", "overwrite the --out file if it exists")
    .option("--learner <name>", "the learner's name, kept in the JSON record so a report can compare learners (default: the one the teach session was saved with)", learnerName)
    .action(async (id: string, flags: ExportFlags) => {
      process.exitCode = await exportSession(id, flags, processIo);
    });
}

export async function exportSession(id: string, flags: ExportFlags, io: CommandIo = processIo): Promise<number> {
  const refused = flags.out ? refuseOverwrite(flags.out, flags.force) : null;
  if (refused) {
    io.err(`error: ${refused}\n`);
    return 1;
  }
  return withSessions(io, async (store, knowledge) => {
    if ((await store.summary(id)).status === "not started") {
      io.err(`error: session ${id} has not started: there is nothing to export yet\n`);
      return 1;
    }
    const { session, record, caseFile } = await store.reopenSession(id, { knowledge: knowledge() });
    const { values } = await session.status();
    // Without --learner the JSON record names the learner saved with the session.
    const text = renderExport(flags.format, { record, caseFile, values }, knowledge().catalog, flags.learner ? { learner: flags.learner } : {});
    if (flags.out) {
      writeFileSync(flags.out, text);
      io.err(`session ${id} written to ${flags.out}\n`);
    } else {
      io.out(text);
    }
    return 0;
  });
}
