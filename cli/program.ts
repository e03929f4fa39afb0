import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { packageRoot } from "../core/paths.js";
import { commands } from "./commands/index.js";
import { exitOnFatal, installFatalHandler } from "./fatal.js";
import { guardProcessOutput } from "../output/terminal-guard.js";

const { version } = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version: string };

guardProcessOutput();
installFatalHandler();

const program = new Command()
  .name("dxsim")
  .description("Sequential-diagnosis simulator. For education and research; not a medical device.")
  .version(version, "-V, --version", "print dxsim's version")
  .showHelpAfterError();

for (const register of commands) register(program);

await program.parseAsync(process.argv).catch(exitOnFatal);
