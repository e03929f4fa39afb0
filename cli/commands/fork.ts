import type { Command } from "commander";
import { positiveInt } from "../options.js";
import { type CommandIo, processIo, withSessions } from "../saved-sessions.js";

export function registerFork(program: Command): void {
  program
    .command("fork")
    .description("start a new session from a saved one's review of a round, before its action was carried out; the original stays as it is")
    .argument("<session>", "a saved session's id (dxsim sessions lists them)")
    .requiredOption("--round <n>", "the round whose review the new session begins at", positiveInt)
    .action(async (id: string, flags: { round: number }) => {
      process.exitCode = await forkSession(id, flags, processIo);
    });
}

export async function forkSession(id: string, flags: { round: number }, io: CommandIo = processIo): Promise<number> {
  return withSessions(io, async (store, knowledge) => {
    // The review needs no brain: the fork is made offline and gets the original's brain when resumed.
    const fork = await store.forkSession(id, flags.round, { knowledge: knowledge() });
    io.out(`${fork.record.id}\n`);
    io.err(`Forked session ${fork.record.id} from ${id} at the review of round ${flags.round}; \`dxsim resume ${fork.record.id}\` continues it.\n`);
    return 0;
  });
}
