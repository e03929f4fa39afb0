import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Case } from "../core/case.js";
import { loadCases } from "../core/case-loader.js";
import { formatProblem } from "../core/data-file.js";
import { bundledCasesDir } from "../core/paths.js";

/** The cases a command may offer. `file`: where the case was read from, when a case file was named. */
export type PickedCases = { cases: Case[]; caseId?: string; file?: string; warnings: string[] } | { error: string[] };

/** One case, as a command that needs exactly one (`dxsim teach`) takes it. */
export type PickedCase = { caseFile: Case; file?: string; warnings: string[] } | { error: string[] };

const looksLikeFile = (caseArg: string): boolean => existsSync(caseArg) || /\.(ya?ml|json)$/i.test(caseArg);

/**
 * The command line's case argument: a case file on its own, or the bundled cases (with one of
 * them named). `verb` words the error for the command ("cannot play …", "cannot teach …").
 */
export function pickCases(caseArg: string | undefined, verb: string): PickedCases {
  const isFile = caseArg !== undefined && looksLikeFile(caseArg);
  const { cases, problems } = loadCases([isFile ? resolve(caseArg) : bundledCasesDir]);
  const described = problems.map((p) => formatProblem(p));
  if (isFile) {
    if (problems.length || !cases[0]) return { error: [`dxsim: cannot ${verb} ${caseArg}:`, ...described.map((d) => `  ${d}`)] };
    return { cases: [cases[0].case], caseId: cases[0].case.id, file: cases[0].file, warnings: [] };
  }
  if (cases.length === 0) return { error: [`dxsim: no case to ${verb} was found.`, ...described.map((d) => `  ${d}`)] };
  const all = cases.map((c) => c.case);
  if (caseArg !== undefined && !all.some((c) => c.id === caseArg)) {
    return { error: [`dxsim: no bundled case "${caseArg}". Cases: ${all.map((c) => c.id).join(", ")}; or give a case file.`] };
  }
  return { cases: all, ...(caseArg ? { caseId: caseArg } : {}), warnings: described.map((d) => `skipped a case: ${d}`) };
}

/** The one case the argument names: a case file, or a bundled case by id. */
export function pickCase(caseArg: string, verb: string): PickedCase {
  const picked = pickCases(caseArg, verb);
  if ("error" in picked) return picked;
  const caseFile = picked.cases.find((c) => c.id === picked.caseId);
  if (!caseFile) return { error: [`dxsim: no case "${caseArg}" to ${verb}.`] };
  return { caseFile, ...(picked.file ? { file: picked.file } : {}), warnings: picked.warnings };
}
