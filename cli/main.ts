#!/usr/bin/env node
import { nodeTooOld } from "./node-version.js";

// The version is checked before the program is loaded: its static imports need node:sqlite,
// which on an old Node fails with a bare "No such built-in module" before any check could run.
const refusal = nodeTooOld(process.versions.node);
if (refusal) {
  process.stderr.write(`${refusal}\n`);
  process.exitCode = 1;
} else {
  // Node keeps the compiled code of the program's modules (some 2,000, LangGraph's and LangChain's
  // most of them) on disk between runs, instead of compiling them at every start.
  (await import("node:module")).enableCompileCache();
  await import("./program.js");
}
