#!/usr/bin/env node
import { Command } from "commander";
import { commands } from "./commands/index.js";
import { guardProcessOutput } from "../output/terminal-guard.js";

guardProcessOutput();

const program = new Command()
  .name("dxsim")
  .description("Sequential-diagnosis simulator. For education and research; not a medical device.")
  .showHelpAfterError();

for (const register of commands) register(program);

await program.parseAsync(process.argv);
