import { validate, type ValidateSources } from "../../cli/commands/validate.js";
import { loadCatalog } from "../../core/catalog-loader.js";
import { DataFileError, formatProblem } from "../../core/data-file.js";
import { loadKnowledge } from "../../core/knowledge-loader.js";
import { bundledCasesDir } from "../../core/paths.js";
import { readScriptFile } from "../../core/script.js";
import { LlmConfigError, readConfigFile, resolveLlmConfig } from "../../llm/config.js";
import type { FuzzKind } from "./inputs.js";

/**
 * What became of one input. `refused`: one or more clear errors (one line each, naming the
 * file); `unclear`: an error that is not; `crash`: an exception nobody caught, which the CLI
 * would end on (its stack trace is kept here, for the report).
 */
export type Verdict = "accepted" | "refused" | "unclear" | "crash";

export interface Outcome {
  verdict: Verdict;
  /** The first error line, or the crash's stack. */
  detail?: string;
}

let sources: ValidateSources | undefined;
/** The bundled catalog and knowledge base, loaded once per process: only the input varies. */
const bundledSources = (): ValidateSources => {
  if (!sources) {
    const catalog = loadCatalog();
    const kb = loadKnowledge();
    sources = { loadCatalog: () => catalog, loadKnowledge: () => kb };
  }
  return sources;
};

/** Loads what every input is checked against and reads a valid case once, so no input pays for start-up. */
export function warmUp(): void {
  validate([bundledCasesDir], bundledSources());
}

/** A clear error is one line that names the file, and short enough to read. */
const clear = (file: string, lines: readonly string[]): Outcome => {
  const bad = lines.find((line) => line.includes("\n") || !line.includes(file) || line.length > 2000);
  return bad === undefined ? { verdict: "refused", detail: lines[0] } : { verdict: "unclear", detail: bad.slice(0, 500) };
};

/** Reads `file` as dxsim reads a file of this kind: a case through validate, a script as --script, a config as --config. */
export function checkInput(kind: FuzzKind, file: string): Outcome {
  try {
    if (kind === "case") {
      const report = validate([file], bundledSources());
      const errors = report.problems.filter((p) => p.severity === "error").map(formatProblem);
      return errors.length === 0 ? { verdict: "accepted" } : clear(file, errors);
    }
    if (kind === "script") {
      readScriptFile(file);
      return { verdict: "accepted" };
    }
    resolveLlmConfig(readConfigFile(file), {});
    return { verdict: "accepted" };
  } catch (e) {
    if (e instanceof DataFileError) return clear(file, e.problems.map(formatProblem));
    // A config's problems name the file when they come from it, and the setting to change otherwise.
    if (e instanceof LlmConfigError) return e.problems.every((p) => !p.includes("\n")) ? { verdict: "refused", detail: e.problems[0] } : { verdict: "unclear", detail: e.message };
    return { verdict: "crash", detail: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}
