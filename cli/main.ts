#!/usr/bin/env node
import { nodeTooOld } from "./node-version.js";

// The version is checked before the program is loaded: its static imports need node:sqlite,
// which on an old Node fails with a bare "No such built-in module" before any check could run.
const refusal = nodeTooOld(process.versions.node);
if (refusal) {
  process.stderr.write(`${refusal}\n`);
  process.exitCode = 1;
} else {
  await import("./program.js");
}
