import { jsonText } from "../../output/safe-text.js";
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { redactSecrets } from "../../llm/secrets.js";
import { overrideTraces } from "../../sessions/traces.js";
import { type CommandIo, processIo, withSessions } from "../saved-sessions.js";

export function registerExportTraces(program: Command): void {
  program
    .command("export-traces")
    .description("write every physician override in the saved sessions, with what was known at the time and how it turned out (JSON Lines)")
    .option("--out <file>", "write to a file instead of stdout")
    .action(async (flags: { out?: string }) => {
      process.exitCode = await exportTraces(flags, processIo);
    });
}

/** One JSON line per override, oldest session first; a session whose case cannot be found is skipped with a warning. */
export async function exportTraces(flags: { out?: string }, io: CommandIo = processIo): Promise<number> {
  return withSessions(io, async (store, knowledge) => {
    const lines: string[] = [];
    let sessions = 0;
    const byStart = (await store.listSessions()).sort((a, b) => a.started.localeCompare(b.started) || a.id.localeCompare(b.id));
    for (const summary of byStart) {
      if (summary.status === "not started") continue;
      let opened;
      try {
        opened = await store.reopenSession(summary.id, { knowledge: knowledge() });
      } catch (e) {
        io.err(`warning: skipped session ${summary.id}: ${e instanceof Error ? e.message : String(e)}\n`);
        continue;
      }
      const traces = overrideTraces(opened.record, (await opened.session.status()).values);
      if (traces.length) sessions++;
      // No key is put in a session, but a typed question or a model's reply could hold one.
      lines.push(...traces.map((t) => redactSecrets(jsonText(t))));
    }
    const text = lines.map((l) => `${l}\n`).join("");
    if (flags.out) writeFileSync(flags.out, text);
    else io.out(text);
    io.err(`${lines.length} override${lines.length === 1 ? "" : "s"} from ${sessions} session${sessions === 1 ? "" : "s"}${flags.out ? ` written to ${flags.out}` : ""}\n`);
    return 0;
  });
}
