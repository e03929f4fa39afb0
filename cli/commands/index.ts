import type { Command } from "commander";

/** Each subcommand lives in its own module and registers itself on the program. */
export const commands: ReadonlyArray<(program: Command) => void> = [];
