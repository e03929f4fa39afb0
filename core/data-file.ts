import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LineCounter, parseDocument, isNode } from "yaml";
import type { z } from "zod";

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

/**
 * Parses YAML or JSON text (JSON is YAML) and validates it against a schema. Errors carry the
 * file, the line of the offending node (or its nearest parent), the field path and what was
 * expected; YAML syntax errors carry the line too.
 */
export function parseDataText<S extends z.ZodType>(file: string, text: string, schema: S): z.infer<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new DataFileError(
      doc.errors.map((e) => ({
        file,
        line: e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line,
        message: `invalid ${file.endsWith(".json") ? "JSON" : "YAML"}: ${e.message.split("\n")[0]}`,
      })),
    );
  }
  const parsed = schema.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  throw new DataFileError(
    parsed.error.issues.map((issue) => {
      const path = issue.path as PropertyKey[];
      return { file, line: lineOf(doc, lineCounter, path), field: fieldPath(path) || undefined, message: issue.message };
    }),
  );
}

export function readDataFile<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new DataFileError([{ file, message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})` }]);
  }
  return parseDataText(file, text, schema);
}

/** Line of the deepest node on the path that exists (a missing field points at its parent). */
function lineOf(doc: ReturnType<typeof parseDocument>, lc: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
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
