import type { Command } from "commander";
import { createOracle } from "../../graph/oracle.js";
import { pickCase } from "../case-arg.js";
import { loadBundledKnowledge } from "../knowledge.js";
import { printable, printableJson } from "../printable.js";
import { type CommandIo, processIo } from "../saved-sessions.js";

export function registerAsk(program: Command): void {
  program
    .command("ask")
    .description("ask a case's gatekeeper questions as the panel would, and print its replies (offline), so that a case author can probe a case")
    .argument("<case>", "a bundled case's id or a case file")
    .argument("<questions...>", "one or more questions, each in quotes")
    .option("--json", 'print one line per question: {"question", "reply"}')
    .action(async (caseArg: string, questions: string[], flags: { json?: boolean }) => {
      process.exitCode = await runAsk(caseArg, questions, flags, processIo);
    });
}

/** 0 when every question was asked, 1 when the case cannot be loaded. */
export async function runAsk(caseArg: string, questions: readonly string[], flags: { json?: boolean }, io: CommandIo): Promise<number> {
  const picked = pickCase(caseArg, "ask");
  if ("error" in picked) {
    io.err(`${printable(picked.error.join("\n"))}\n`);
    return 1;
  }
  const oracle = createOracle(picked.caseFile, loadBundledKnowledge());
  for (const question of questions) {
    const reply = (await oracle.ask(question)).reveal.text;
    io.out(flags.json ? `${printableJson({ question, reply })}\n` : `Q: ${printable(question)}\nA: ${printable(reply)}\n`);
  }
  return 0;
}
