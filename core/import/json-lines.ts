import type { Case } from "../case.js";
import { parseJsonWithinLimits } from "../file-limits.js";

/** A record that cannot become a case; the importer reports it by line and goes on. */
export class ImportRecordError extends Error {
  override name = "ImportRecordError";
}

export interface ImportedCase {
  line: number;
  case: Case;
  warnings: string[];
}

export interface SkippedRecord {
  line: number;
  reason: string;
}

/** The id itself, or with a numeric suffix when taken; the id is then marked taken. */
export const uniqueId = (id: string, taken: Set<string>): string => {
  let unique = id;
  for (let n = 2; taken.has(unique); n++) unique = `${id}_${n}`;
  taken.add(unique);
  return unique;
};

/**
 * Converts every non-blank line of a JSON Lines text with `convert`: each line is parsed within
 * the file limits, a line that cannot become a case (ImportRecordError) is skipped with its
 * reason, and two cases with one id get a suffix rather than overwrite each other's file.
 */
export function importJsonLines(
  text: string,
  convert: (record: unknown, line: number) => { case: Case; warnings: string[] },
): { cases: ImportedCase[]; skipped: SkippedRecord[] } {
  const cases: ImportedCase[] = [];
  const skipped: SkippedRecord[] = [];
  const ids = new Set<string>();
  for (const [index, raw] of text.split("\n").entries()) {
    const line = index + 1;
    if (raw.trim() === "") continue;
    try {
      let record: unknown;
      try {
        record = parseJsonWithinLimits(raw);
      } catch (e) {
        throw new ImportRecordError(`invalid JSON: ${(e as Error).message}`);
      }
      const converted = convert(record, line);
      const id = uniqueId(converted.case.id, ids);
      if (id !== converted.case.id) converted.warnings.push(`id "${converted.case.id}" already used by an earlier line; written as ${id}`);
      cases.push({ line, ...converted, case: { ...converted.case, id } });
    } catch (e) {
      if (!(e instanceof ImportRecordError)) throw e;
      skipped.push({ line, reason: e.message });
    }
  }
  return { cases, skipped };
}
