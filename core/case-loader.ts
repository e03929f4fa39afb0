import { existsSync, readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { isMap, isNode, isScalar, type parseDocument } from "yaml";
import { type Case, CaseSchema } from "./case.js";
import { answerLeaks, identifierFlaws } from "./case-lint.js";
import { type CaseFlaw, type CaseProblem, type CaseProblemKind, type FieldPath, placeFlaws } from "./case-problem.js";
import type { Catalog } from "./catalog.js";
import { DataFileError, type FileProblem, type ParsedData, checkData, parseData, readDataFile, readDataText } from "./data-file.js";
import { FILE_KIND_LABEL, type FileKind, fileKindOf } from "./file-kind.js";
import type { KnowledgeBase } from "./knowledge.js";
import { bundledCasesDir } from "./paths.js";

export interface LoadedCase {
  file: string;
  case: Case;
  /** The line a field path starts on in the file, for placing problems found after loading. */
  lineOf?: (path: FieldPath) => number | undefined;
}

const CASE_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

/** Reads one case file; throws DataFileError with file:line:field problems. */
export const loadCaseFile = (path: string): Case => readDataFile(path, CaseSchema);

/**
 * The case files named by paths: files as given (a missing one too, so that loading can name
 * it), folders searched recursively for .yaml, .yml and .json, each folder's files sorted.
 */
export function collectCaseFiles(pathsOrFolders: readonly string[]): string[] {
  const files = pathsOrFolders.flatMap((path) => (isFolder(path) ? filesUnder(path).sort() : [path]));
  return [...new Set(files)];
}

const isFolder = (path: string): boolean => existsSync(path) && statSync(path).isDirectory();

const filesUnder = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith("."))
    .flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return filesUnder(path);
      return CASE_EXTENSIONS.has(extname(entry.name).toLowerCase()) ? [path] : [];
    });

/** A data file that is not a case: its kind, told from its content, and its parsed data. */
export interface OtherDataFile {
  kind: Exclude<FileKind, "case">;
  parsed: ParsedData;
}

/**
 * Reads and parses every file the paths name, and checks each case against the case schema;
 * files of other kinds are handed back parsed. A file that fails is reported among the
 * problems, never fatal: one bad file does not stop the others.
 */
export function loadDataFiles(paths: readonly string[]): { cases: LoadedCase[]; others: OtherDataFile[]; problems: CaseProblem[] } {
  const cases: LoadedCase[] = [];
  const others: OtherDataFile[] = [];
  const problems: CaseProblem[] = [];
  const report = (e: unknown, kind: (p: FileProblem) => CaseProblemKind) => {
    if (!(e instanceof DataFileError)) throw e;
    problems.push(...e.problems.map((p) => ({ ...p, severity: "error" as const, kind: kind(p) })));
  };
  for (const file of collectCaseFiles(paths)) {
    if (!existsSync(file)) {
      problems.push({ file, message: "no such file or folder", severity: "error", kind: "missing-path" });
      continue;
    }
    let text: string;
    let parsed: ParsedData;
    try {
      text = readDataText(file);
    } catch (e) {
      report(e, () => "read");
      continue;
    }
    try {
      parsed = parseData(file, text);
    } catch (e) {
      report(e, () => "yaml");
      continue;
    }
    const kind = fileKindOf(file, parsed.data);
    if (kind !== "case") {
      others.push({ kind, parsed });
      continue;
    }
    try {
      cases.push({ file, case: checkData(parsed, CaseSchema), lineOf: lineFinder(parsed) });
    } catch (e) {
      report(e, () => "schema");
    }
  }
  return { cases, others, problems };
}

/** Loads every case it can; a file of another kind (a physician script, say) is a problem, as is a file that fails. */
export function loadCases(paths: readonly string[]): { cases: LoadedCase[]; problems: CaseProblem[] } {
  const { cases, others, problems } = loadDataFiles(paths);
  const misplaced = others.map(({ kind, parsed }): CaseProblem => ({
    file: parsed.file,
    message: `a ${FILE_KIND_LABEL[kind]}, not a case`,
    severity: "error",
    kind: "not-a-case",
  }));
  return { cases, problems: [...problems, ...misplaced] };
}

export const loadBundledCases = (): { cases: LoadedCase[]; problems: CaseProblem[] } => loadCases([bundledCasesDir]);

/** Maps a field path to its line in the parsed file. */
function lineFinder({ doc, lines }: ParsedData): (path: FieldPath) => number | undefined {
  return (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node = keyOrNode(doc, path.slice(0, n));
      if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
}

/** A mapping's entry is placed at its key: its value may start on a later line. */
function keyOrNode(doc: ReturnType<typeof parseDocument>, path: FieldPath): unknown {
  const parent = path.length > 0 ? doc.getIn(path.slice(0, -1), true) : undefined;
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
    if (pair) return pair.key;
  }
  return doc.getIn(path, true);
}

/** What a case is checked against; a part that failed to load is left out and its checks skipped. */
export interface CaseContext {
  catalog?: Catalog;
  kb?: KnowledgeBase;
}

/**
 * Checks one case beyond its schema: every test it names exists, every knowledge-base link
 * resolves, item ids are unique, the answer is not given away, and no personal data is left.
 */
export function checkCase(file: string, c: Case, context: CaseContext, lineOf?: (path: FieldPath) => number | undefined): CaseProblem[] {
  const flaws = [
    ...testFlaws(c, context.catalog),
    ...kbFlaws(c, context.kb),
    ...duplicateItemFlaws(c),
    ...answerLeaks(c, kbDiseaseNames(c, context.kb)),
    ...identifierFlaws(c),
  ];
  return placeFlaws(file, flaws, lineOf);
}

/** checkCase for each case, plus case ids used by more than one file. */
export function checkCases(loaded: readonly LoadedCase[], context: CaseContext): CaseProblem[] {
  const firstFile = new Map<string, string>();
  return loaded.flatMap(({ file, case: c, lineOf }) => {
    const problems = checkCase(file, c, context, lineOf);
    const other = firstFile.get(c.id);
    if (other === undefined) firstFile.set(c.id, file);
    else
      problems.push(
        ...placeFlaws(file, [{ path: ["id"], severity: "error", kind: "duplicate-id", message: `case id "${c.id}" is also used by ${other}` }], lineOf),
      );
    return problems;
  });
}

function testFlaws(c: Case, catalog: Catalog | undefined): CaseFlaw[] {
  if (!catalog) return [];
  const caseTestIds = new Set(c.case_tests.map((t) => t.id));
  const unknown = (id: string) => !catalog.byId.has(id) && !caseTestIds.has(id);
  const message = (id: string) => `unknown test "${id}": neither a catalog test id nor one of case_tests`;
  return [
    ...Object.keys(c.tests)
      .filter(unknown)
      .map((id): CaseFlaw => ({ path: ["tests", id], severity: "error", kind: "unknown-test", message: message(id) })),
    ...c.key_tests.flatMap((id, i): CaseFlaw[] =>
      unknown(id) ? [{ path: ["key_tests", i], severity: "error", kind: "unknown-test", message: message(id) }] : [],
    ),
    ...c.case_tests.flatMap((t, i): CaseFlaw[] =>
      catalog.byId.has(t.id)
        ? [{ path: ["case_tests", i, "id"], severity: "error", kind: "duplicate-id", message: `case test "${t.id}" has the id of a catalog test` }]
        : [],
    ),
  ];
}

function kbFlaws(c: Case, kb: KnowledgeBase | undefined): CaseFlaw[] {
  if (!kb) return [];
  const unknownFinding = (path: FieldPath, id: string): CaseFlaw[] =>
    kb.findingById.has(id) ? [] : [{ path, severity: "error", kind: "unknown-kb-id", message: `unknown knowledge-base finding "${id}"` }];
  return [
    ...c.presentation.kb.flatMap((link, j) => unknownFinding(["presentation", "kb", j, "id"], link.id)),
    ...c.findings.flatMap((f, i) => f.kb.flatMap((link, j) => unknownFinding(["findings", i, "kb", j, "id"], link.id))),
    ...Object.entries(c.tests).flatMap(([testId, result]) =>
      result.kb.flatMap((link, j) => unknownFinding(["tests", testId, "kb", j, "id"], link.id)),
    ),
    ...(c.diagnosis.kb_id !== undefined && !kb.diseaseById.has(c.diagnosis.kb_id)
      ? [{ path: ["diagnosis", "kb_id"], severity: "error", kind: "unknown-kb-id", message: `unknown knowledge-base disease "${c.diagnosis.kb_id}"` } satisfies CaseFlaw]
      : []),
  ];
}

function duplicateItemFlaws(c: Case): CaseFlaw[] {
  const duplicates = (ids: readonly string[], list: "findings" | "case_tests", what: string): CaseFlaw[] => {
    const seen = new Set<string>();
    return ids.flatMap((id, i): CaseFlaw[] => {
      if (!seen.has(id)) {
        seen.add(id);
        return [];
      }
      return [{ path: [list, i, "id"], severity: "error", kind: "duplicate-id", message: `${what} id "${id}" is used twice` }];
    });
  };
  return [
    ...duplicates(c.findings.map((f) => f.id), "findings", "finding"),
    ...duplicates(c.case_tests.map((t) => t.id), "case_tests", "case test"),
  ];
}

const kbDiseaseNames = (c: Case, kb: KnowledgeBase | undefined): string[] => {
  const disease = c.diagnosis.kb_id !== undefined ? kb?.diseaseById.get(c.diagnosis.kb_id) : undefined;
  return disease ? [disease.name, ...disease.synonyms] : [];
};
