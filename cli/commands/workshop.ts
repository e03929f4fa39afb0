import type { Command } from "commander";
import { workshopReport, workshopStatus } from "../remote/commands.js";

export function registerWorkshop(program: Command): void {
  const workshop = program.command("workshop").description("the instructor's view of a workshop served by `dxsim serve` (needs DXSIM_INSTRUCTOR_TOKEN)");
  workshop
    .command("status")
    .description("a table of every learner's sessions: case, attempt, round, spend and status")
    .requiredOption("--server <url>", "the workshop server, e.g. http://127.0.0.1:8787")
    .option("--json", "print the table as JSON")
    .action(async (flags: { server: string; json?: boolean }) => {
      process.exitCode = await workshopStatus(flags.server, flags);
    });
  workshop
    .command("report")
    .description("the cohort report: accuracy against cost per learner, from every judged session on the server")
    .requiredOption("--server <url>", "the workshop server, e.g. http://127.0.0.1:8787")
    .option("--html <file>", "also write a self-contained HTML report")
    .option("--title <text>", "title of the HTML report", "dxsim workshop report")
    .action(async (flags: { server: string; html?: string; title: string }) => {
      process.exitCode = await workshopReport(flags.server, flags);
    });
}
