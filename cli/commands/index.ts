import type { Command } from "commander";
import { registerImport } from "./import.js";
import { registerRun } from "./run.js";
import { registerValidate } from "./validate.js";

/** Each subcommand lives in its own module and registers itself on the program. */
export const commands: ReadonlyArray<(program: Command) => void> = [registerRun, registerValidate, registerImport];
