import type { Command } from "commander";
import { registerCode } from "./code.js";
import { registerDebrief } from "./debrief.js";
import { registerExport } from "./export.js";
import { registerExportTraces } from "./export-traces.js";
import { registerFork } from "./fork.js";
import { registerImport } from "./import.js";
import { registerJudge } from "./judge.js";
import { registerAsk } from "./ask.js";
import { registerPlay } from "./play.js";
import { registerReport } from "./report.js";
import { registerResume } from "./resume.js";
import { registerRun } from "./run.js";
import { registerServe } from "./serve.js";
import { registerSessions } from "./sessions.js";
import { registerTeach } from "./teach.js";
import { registerValidate } from "./validate.js";
import { registerWorkshop } from "./workshop.js";

/** Each subcommand lives in its own module and registers itself on the program. */
export const commands: ReadonlyArray<(program: Command) => void> = [registerPlay, registerTeach, registerRun, registerValidate, registerImport, registerReport, registerSessions, registerResume, registerExport, registerFork, registerDebrief, registerExportTraces, registerServe, registerWorkshop, registerJudge, registerAsk, registerCode];
