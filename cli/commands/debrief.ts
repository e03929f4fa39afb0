import { writeFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { z } from "zod";
import type { Knowledge } from "../../agents/view.js";
import type { SessionStore } from "../../sessions/store.js";
import type { Branch } from "../../teaching/branches.js";
import { debrief } from "../../teaching/debrief.js";
import { sessionRecord } from "../../teaching/record.js";
import { renderDebrief } from "../../teaching/render.js";
import { branchOf } from "../debrief-inputs.js";
import { panelAlone } from "../../teaching/panel-alone.js";
import { type CommandIo, processIo, withSessions } from "../saved-sessions.js";
import { refuseOverwrite } from "../output-file.js";

export const DebriefFormatSchema = z.enum(["text", "md"]);

export interface DebriefFlags {
  against?: string;
  format: z.infer<typeof DebriefFormatSchema>;
  out?: string;
  force?: boolean;
}

export function registerDebrief(program: Command): void {
  program
    .command("debrief")
    .description("print a finished saved session's debrief: its path beside the panel's and the key-test path, labels, calibration, flags; a fork is compared with the session it was forked from")
    .argument("<session>", "a saved session's id (dxsim sessions lists them)")
    .option("--against <session>", "compare with this saved session of the same case instead of the one it was forked from")
    .addOption(new Option("--format <format>", "text or md").choices(DebriefFormatSchema.options).default("text"))
    .option("--out <file>", "write to a file instead of stdout (never the sessions database)")
    .option("--force", "overwrite the --out file if it exists")
    .action(async (id: string, flags: DebriefFlags) => {
      process.exitCode = await printDebrief(id, flags, processIo);
    });
}

/**
 * The debrief of a judged saved session. The panel's column comes from a panel-only run of the
 * case played here, offline and in memory; a fork is set beside the session it was forked from,
 * or any session of the same case with --against.
 */
export async function printDebrief(id: string, flags: DebriefFlags, io: CommandIo = processIo): Promise<number> {
  const refused = flags.out ? refuseOverwrite(flags.out, flags.force) : null;
  if (refused) {
    io.err(`error: ${refused}\n`);
    return 1;
  }
  return withSessions(io, async (store, knowledge) => {
    const learner = await reopened(store, id, knowledge());
    if (!learner.values.verdict) {
      io.err(`error: session ${id} has no verdict yet: finish it with \`dxsim resume ${id}\`\n`);
      return 1;
    }
    const { caseFile } = learner;
    const otherId = flags.against ?? learner.record.parent?.id;
    let branch: Branch | undefined;
    if (otherId !== undefined) {
      if (otherId === id) {
        io.err(`error: --against names session ${id} itself: give another session of case ${caseFile.id}\n`);
        return 1;
      }
      const other = store.record(otherId);
      if (other && other.caseId !== caseFile.id) {
        io.err(`error: session ${otherId} is of case ${other.caseId}, session ${id} of case ${caseFile.id}: only sessions of the same case compare\n`);
        return 1;
      }
      branch = await branchOf(store, learner.record, otherId, knowledge());
      if (!branch && flags.against !== undefined) {
        io.err(`error: session ${otherId} has no verdict yet: finish it with \`dxsim resume ${otherId}\`\n`);
        return 1;
      }
      if (!branch) io.err(`note: session ${otherId}, which this one was forked from, has no verdict yet; the debrief leaves it out\n`);
    }
    const settings = learner.values.settings;
    const report = debrief({
      caseFile,
      knowledge: knowledge(),
      learner: sessionRecord(learner.values),
      panel: await panelAlone(caseFile, knowledge(), settings),
      settings,
      ...(branch ? { branch } : {}),
    });
    const text = renderDebrief(report, { format: flags.format === "md" ? "markdown" : "text" });
    if (flags.out) {
      writeFileSync(flags.out, text);
      io.err(`debrief of session ${id} written to ${flags.out}\n`);
    } else {
      io.out(text);
    }
    return 0;
  });
}

/** A saved session reopened, with its latest values (a verdict among them once it was judged). */
async function reopened(store: SessionStore, id: string, knowledge: Knowledge) {
  const opened = await store.reopenSession(id, { knowledge });
  return { ...opened, values: (await opened.session.status()).values };
}
