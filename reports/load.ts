import { readdirSync, realpathSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { z } from "zod";
import { DataFileError, type FileProblem, fieldPath, readDataFile } from "../core/data-file.js";
import { FILE_LIMITS, TextFileError, parseJsonWithinLimits, readTextFile } from "../core/file-limits.js";
import { LearnerNameSchema } from "../core/learner.js";
import { CaseResultSchema } from "../runs/result.js";
import type { ReportEntry } from "./comparison.js";

/**
 * A results line, or a learner's export: one session's record, with the learner's name when a
 * workshop collects everyone's sessions in one folder.
 */
export const LearnerResultSchema = CaseResultSchema.extend({ learner: LearnerNameSchema.optional() });

/** What a report reads of a record: a session's export also says which session it was and why it was played. */
const ReportRecordSchema = LearnerResultSchema.extend({ session: z.string().optional(), mode: z.string().optional() });
export type ReportRecord = z.infer<typeof ReportRecordSchema>;

/** A saved session looked up by id: its record, as `dxsim export --format json` writes it, or why it has none yet. */
export type SessionLookup = ReportRecord | { problem: string };

export interface LoadOptions {
  /** Looks a session id up (in the sessions database); inputs that are not paths are tried here. */
  resolveSession?: (id: string) => SessionLookup | undefined;
}

export interface LoadedInputs {
  entries: ReportEntry[];
  /** Inputs, files and lines that were skipped, and why. */
  problems: FileProblem[];
}

const READABLE = new Set([".jsonl", ".json"]);

/**
 * Reads results files (JSON Lines), learners' JSON exports, folders of either (not descending
 * into subfolders) and session ids. Bad lines and unknown inputs are reported and skipped; a
 * file named twice, directly or through its folder, is read once.
 */
export function loadReportInputs(inputs: readonly string[], options: LoadOptions = {}): LoadedInputs {
  const entries: ReportEntry[] = [];
  const problems: FileProblem[] = [];
  const read = new Set<string>();
  const readFile = (file: string) => {
    const real = realpathSync(file);
    if (read.has(real)) return;
    read.add(real);
    const loaded = extname(file) === ".jsonl" ? readResultsFile(file) : readExport(file);
    entries.push(...loaded.entries);
    problems.push(...loaded.problems);
  };
  for (const input of inputs) {
    const kind = pathKind(input);
    if (kind === "folder") {
      const files = readdirSync(input, { withFileTypes: true })
        .filter((d) => d.isFile() && READABLE.has(extname(d.name)))
        .map((d) => join(input, d.name))
        .sort();
      if (files.length === 0) problems.push({ file: input, message: "the folder holds no .jsonl results or .json exports" });
      files.forEach(readFile);
    } else if (kind === "file") {
      if (READABLE.has(extname(input))) readFile(input);
      else problems.push({ file: input, message: "not a .jsonl results file or a .json export" });
    } else {
      const found = options.resolveSession?.(input);
      if (found && "problem" in found) problems.push({ file: input, message: found.problem });
      else if (found) entries.push(entryOf(found, `session ${input}`));
      else problems.push({ file: input, message: options.resolveSession ? "no such file, folder or session" : "no such file or folder" });
    }
  }
  return { entries, problems };
}

function pathKind(input: string): "file" | "folder" | undefined {
  try {
    const stat = statSync(input);
    return stat.isDirectory() ? "folder" : "file";
  } catch {
    return undefined;
  }
}

const entryOf = (record: ReportRecord, source: string): ReportEntry => {
  const { learner, session, mode, ...result } = record;
  // A teach session is a learner's even when unnamed: named by its session, never taken for a panel variant.
  const name = learner ?? (mode === "teach" && session !== undefined ? `learner ${session}` : undefined);
  return { result, ...(name !== undefined ? { learner: name } : {}), source };
};

/** One record a line; blank lines are allowed, a bad line is skipped with file:line: field: message. */
export function readResultsFile(file: string): LoadedInputs {
  const entries: ReportEntry[] = [];
  const problems: FileProblem[] = [];
  let lines: string[];
  try {
    lines = readTextFile(file, FILE_LIMITS.linesFileBytes).split("\n");
  } catch (e) {
    if (!(e instanceof TextFileError)) throw e;
    return { entries, problems: [{ file, ...(e.line ? { line: e.line } : {}), message: e.reason }] };
  }
  lines.forEach((text, i) => {
    if (text.trim() === "") return;
    const line = i + 1;
    let json: unknown;
    try {
      json = parseJsonWithinLimits(text);
    } catch (e) {
      problems.push({ file, line, message: `invalid JSON: ${(e as Error).message}` });
      return;
    }
    const parsed = ReportRecordSchema.safeParse(json);
    if (parsed.success) entries.push(entryOf(parsed.data, `${file}:${line}`));
    else for (const issue of parsed.error.issues) problems.push({ file, line, ...fieldOf(issue.path), message: issue.message });
  });
  if (entries.length === 0 && problems.length === 0) problems.push({ file, message: "the file holds no results" });
  return { entries, problems };
}

/** A learner's export: one session's record as a JSON object. */
export function readExport(file: string): LoadedInputs {
  try {
    return { entries: [entryOf(readDataFile(file, ReportRecordSchema), file)], problems: [] };
  } catch (e) {
    if (e instanceof DataFileError) return { entries: [], problems: e.problems };
    throw e;
  }
}

const fieldOf = (path: readonly PropertyKey[]): { field?: string } => {
  const field = fieldPath(path);
  return field ? { field } : {};
};
