import { readFileSync, statSync } from "node:fs";

/**
 * How much of a file dxsim will read. Every file may come from someone else, so each kind has
 * a ceiling well above any real file (the largest bundled data file is under 100 kB) and far
 * below what could exhaust memory or time.
 */
export const FILE_LIMITS = {
  /** A YAML or JSON data file: a case, physician script, config, catalog or knowledge-base file. */
  dataFileBytes: 1024 * 1024,
  /** A JSON Lines file: a recording, a results file, an import input. */
  linesFileBytes: 64 * 1024 * 1024,
  /** One JSON line of such a file. */
  jsonLineBytes: 4 * 1024 * 1024,
  /**
   * Values (scalars and collections) in one data file: the largest bundled file, the knowledge
   * base's findings, holds about 6,400; parsing is the slow part of reading a file, so this
   * bounds its time.
   */
  values: 40_000,
  /** Collections inside collections, in a data file or a JSON line (a case needs about 6). */
  nestingDepth: 64,
  /** YAML aliases (*name) in one data file; each also expands at most this many times. */
  aliases: 100,
} as const;

/** A file that cannot be read as text within its limit; the message is one line, ready to print. */
export class TextFileError extends Error {
  override name = "TextFileError";
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ""}: ${reason}`);
  }
}

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MB`;

/**
 * Reads a text file of at most `maxBytes`: a folder, a device, an oversized or a binary file
 * (a NUL byte) is refused with one line saying why, before any of it is parsed.
 */
export function readTextFile(file: string, maxBytes: number): string {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new TextFileError(file, "is a folder, not a file");
    if (!stat.isFile()) throw new TextFileError(file, "is not a regular file");
    size = stat.size;
  } catch (e) {
    if (e instanceof TextFileError) throw e;
    throw new TextFileError(file, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (size > maxBytes) throw new TextFileError(file, `too big: ${megabytes(size)}; the limit for this kind of file is ${megabytes(maxBytes)}`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new TextFileError(file, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const nul = text.indexOf("\u0000");
  if (nul >= 0) throw new TextFileError(file, "is not a text file (it holds binary data)", lineAt(text, nul));
  return text;
}

/** The 1-based line of a character offset. */
export const lineAt = (text: string, offset: number): number => {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
};

/**
 * Parses one JSON text (a line of a JSON Lines file) within the size and nesting limits, so
 * that checking it against a schema cannot recurse without bound. Throws a SyntaxError-like
 * Error with a one-line message.
 */
export function parseJsonWithinLimits(text: string): unknown {
  if (text.length > FILE_LIMITS.jsonLineBytes) throw new Error(`too long: ${megabytes(text.length)}; the limit for one JSON line is ${megabytes(FILE_LIMITS.jsonLineBytes)}`);
  const depth = jsonDepth(text);
  if (depth > FILE_LIMITS.nestingDepth) throw new Error(`nested deeper than ${FILE_LIMITS.nestingDepth} levels`);
  return JSON.parse(text);
}

/** The deepest bracket nesting in a JSON text, brackets inside strings not counted; linear. */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}
