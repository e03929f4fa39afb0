import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { FILE_LIMITS, TextFileError, readTextFile } from "./file-limits.js";
import { firstAliasLine, yamlAliasHazards, yamlShapeHazard } from "./yaml-guard.js";
import { yaml } from "./yaml-lib.js";

/** One problem in a data file, located well enough for a person to fix it. */
export interface FileProblem {
  file: string;
  line?: number;
  /** Dotted field path, e.g. "tests.troponin.values[0].unit". */
  field?: string;
  message: string;
}

export class DataFileError extends Error {
  constructor(readonly problems: FileProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "DataFileError";
  }
}

export const formatProblem = (p: FileProblem): string =>
  `${p.file}${p.line ? `:${p.line}` : ""}: ${p.field ? `${p.field}: ` : ""}${p.message}`;

export const fieldPath = (path: readonly PropertyKey[]): string =>
  path
    .map((k, i) => (typeof k === "number" ? `[${k}]` : `${i === 0 ? "" : "."}${String(k)}`))
    .join("");

/** A file with hundreds of problems is usually one mistake; the first ones say what it is. */
const MAX_PROBLEMS_PER_FILE = 25;

/** A data file parsed and guarded, not yet checked against a schema. */
export interface ParsedData {
  file: string;
  data: unknown;
  doc: ReturnType<typeof parseDocument>;
  lines: LineCounter;
}

/**
 * Parses YAML or JSON text (JSON is YAML) into plain data. Syntax errors carry their line.
 * Text nested too deep, an alias without its anchor, a cyclic alias or an alias bomb is
 * refused before it becomes data.
 */
export function parseData(file: string, text: string): ParsedData {
  const syntax = `invalid ${file.endsWith(".json") ? "JSON" : "YAML"}`;
  const nesting = yamlShapeHazard(text);
  if (nesting) throw new DataFileError([{ file, line: nesting.line, message: `${syntax}: ${nesting.message}` }]);
  const lib = yaml();
  const lines = new lib.LineCounter();
  // logLevel "error": the library would otherwise print its warnings (a collection as a key, say) on stderr.
  const doc = lib.parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, logLevel: "error" });
  if (doc.errors.length > 0) {
    throw new DataFileError(
      doc.errors.slice(0, MAX_PROBLEMS_PER_FILE).map((e) => ({
        file,
        line: e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line,
        message: `${syntax}: ${e.message.split("\n")[0]}`,
      })),
    );
  }
  const hazards = yamlAliasHazards(doc, lines);
  if (hazards.length > 0) throw new DataFileError(hazards.map((h) => ({ file, line: h.line, message: `${syntax}: ${h.message}` })));
  try {
    return { file, data: doc.toJS({ maxAliasCount: FILE_LIMITS.aliases }), doc, lines };
  } catch (e) {
    // The yaml library's own guard against an alias bomb throws a ReferenceError.
    const message = /Excessive alias count/.test(String(e)) ? "aliases expand into too many nodes (an alias bomb)" : String(e).split("\n")[0];
    const line = firstAliasLine(doc, lines);
    throw new DataFileError([{ file, ...(line ? { line } : {}), message: `${syntax}: ${message}` }]);
  }
}

/**
 * Checks parsed data against a schema. Errors carry the file, the line of the offending node
 * (or its nearest parent), the field path and what was expected.
 */
export function checkData<S extends z.ZodType>({ file, data, doc, lines }: ParsedData, schema: S): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const problems: FileProblem[] = issues.slice(0, MAX_PROBLEMS_PER_FILE).map((issue) => {
    const path = issue.path as PropertyKey[];
    return { file, line: lineOf(doc, lines, path), field: fieldPath(path) || undefined, message: oneLine(messageOf(issue)) };
  });
  if (issues.length > MAX_PROBLEMS_PER_FILE) problems.push({ file, message: `and ${issues.length - MAX_PROBLEMS_PER_FILE} more problems` });
  throw new DataFileError(problems);
}

/** parseData, then checkData. */
export const parseDataText = <S extends z.ZodType>(file: string, text: string, schema: S): z.infer<S> => checkData(parseData(file, text), schema);

/** A bad record key's own message says what was expected ("a round number from 1"); zod nests it. */
const messageOf = (issue: z.core.$ZodIssue): string =>
  issue.code === "invalid_key" && issue.issues[0] ? `${issue.message}: ${issue.issues[0].message}` : issue.message;

/**
 * A message cut to a readable length: one quoting a value from the file (an unknown id, a
 * leaked name) could otherwise run to a megabyte.
 */
export const shortMessage = (message: string, max = 300): string =>
  message.length <= max ? message : `${message.slice(0, max - 80)} … (${message.length - max + 20} characters left out) … ${message.slice(-20)}`;

const oneLine = (message: string): string => shortMessage(message.replace(/\s*\n\s*/g, "; "));

/** Reads and parses a data file within FILE_LIMITS.dataFileBytes. */
export function readDataFile<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  return parseDataText(file, readDataText(file), schema);
}

/** A data file's text, or a DataFileError saying in one line why it cannot be read. */
export function readDataText(file: string): string {
  try {
    return readTextFile(file, FILE_LIMITS.dataFileBytes);
  } catch (e) {
    if (e instanceof TextFileError) throw new DataFileError([{ file, ...(e.line ? { line: e.line } : {}), message: e.reason }]);
    throw e;
  }
}

/** Line of the deepest node on the path that exists (a missing field points at its parent). */
function lineOf(doc: ParsedData["doc"], lc: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true);
    if (yaml().isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return undefined;
}

/** The YAML and JSON files directly in a folder, sorted, so loading order never varies. */
export function dataFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => /\.(ya?ml|json)$/.test(name))
      .sort()
      .map((name) => join(dir, name));
  } catch (e) {
    throw new DataFileError([{ file: dir, message: `cannot read the folder (${(e as NodeJS.ErrnoException).code ?? String(e)})` }]);
  }
}
