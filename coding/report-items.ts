import { join } from "node:path";
import { z } from "zod";
import type { ResultValue } from "../core/case.js";
import { readDataFile } from "../core/data-file.js";
import { packageRoot } from "../core/paths.js";

/**
 * A test report written as "name: verdict" items ("WBC: Normal; Hemoglobin: Within normal limits;
 * Na: 138 mEq/L; Culture: Pending"), as imported cases often are. Clause splitting would leave the
 * name alone ("WBC:"), and a bare analyte name reads as its abnormal finding. So an item whose
 * verdict is normal or negative becomes a denial of the name ("No WBC."); a bare number becomes a
 * value read against the adult reference interval of its analyte (coding/reference-ranges.yaml),
 * or says nothing when the analyte or its unit is not there; a pending item says nothing. Other
 * items stand as written.
 */

const AnalyteSchema = z.object({
  names: z.array(z.string().min(1)).min(1),
  unit: z.string().min(1),
  /** Other spellings of the same unit ("meq/l" for mmol/L of a monovalent ion). */
  also: z.array(z.string()).default([]),
  /** A cell count in thousands per mm3: a count per mm3 or µL over 1,000 is scaled to it. */
  count: z.boolean().default(false),
  low: z.number(),
  high: z.number(),
  /** Where this interval comes from, when not from the file's source. */
  source: z.string().min(10).optional(),
  /** The interval holds from this age only (a child's alkaline phosphatase is higher): younger, the number is not read. */
  min_age: z.number().int().nonnegative().optional(),
});
const RangesSchema = z.object({ source: z.string().min(10), licence: z.string().min(2), analytes: z.array(AnalyteSchema) });
type Analyte = z.infer<typeof AnalyteSchema>;

let analytes: Map<string, Analyte> | undefined;
const byName = () =>
  (analytes ??= new Map(readDataFile(join(packageRoot, "coding/reference-ranges.yaml"), RangesSchema).analytes.flatMap((a) => a.names.map((n) => [fold(n), a] as const))));

const fold = (s: string) => s.toLowerCase().replace(/[_\s]+/g, " ").trim();

const ITEM = /^\s*([^:]{1,60}?)\s*:\s*(.+?)\s*\.?\s*$/;
const NORMAL = /^(?:normal(?: range| limits)?|within (?:the )?(?:normal|reference)(?: reference)? (?:limits|range|interval)|wnl|unremarkable|negative|not detected|none detected|non-?reactive|absent|no abnormality(?: detected)?)$/i;
const NOTHING_YET = /^(?:pending|awaited|not done|not performed|not available|n\/a)$/i;
const BARE_NUMBER = /^[<>≤≥~]?\s*(\d[\d,]*(?:\.\d+)?)\s*([a-zµμ%/^*0-9.\s]*)$/i;
/** The report's own flag after a number ("63,000/mm3 (elevated)"): the interval reads the number instead. */
const FLAG = /\([^()]*\)$/;
/** Units of a count per volume: per mm3 and per µL are the same; x10^9/L is thousands per µL. */
const COUNT_UNIT = /^(?:(?:x\s*)?10\^?[39]\s*\/\s*(?:mm3|[uµμ]l|l)|\/\s*(?:mm3|[uµμ]l)|cells\s*\/\s*(?:mm3|[uµμ]l))?$/i;

/** The bare number read as a value against its analyte's interval, or undefined when either is unknown. */
function valueOf(name: string, number: string, unit: string, age: number | undefined): ResultValue | undefined {
  const analyte = byName().get(fold(name));
  if (!analyte || (analyte.min_age !== undefined && age !== undefined && age < analyte.min_age)) return undefined;
  let value = Number(number.replace(/,/g, ""));
  const u = fold(unit).replace(/\s/g, "");
  if (analyte.count) {
    if (!COUNT_UNIT.test(u)) return undefined;
    if (value >= 1000) value /= 1000;
  } else if (u !== "" && u !== fold(analyte.unit) && !analyte.also.includes(u)) return undefined;
  return { name: name.replace(/_/g, " "), value, unit: analyte.unit, range: `${analyte.low} - ${analyte.high} ${analyte.unit}` };
}

const VERDICT = /^\s*(?:(present|positive|yes|seen)|(absent|negative|no|none|not present|not seen))\s*(?:\([^)]*\))?\s*\.?\s*$/i;
/**
 * A history or examination item that is a bare verdict on its heading ("Cervical lymphadenopathy:
 * Present" as topic and text) as a sentence about the heading; the report items below are the
 * same written form inside one test result.
 */
export function verdictOn(topic: string, text: string): string | undefined {
  const m = VERDICT.exec(text);
  return m ? (m[2] ? `No ${topic}.` : `${topic}.`) : undefined;
}

export interface ReportReading {
  /** The report's words, items rewritten as above. */
  text: string;
  /** Bare numbers read against a reference interval. */
  values: ResultValue[];
}

/** `age`, when known, keeps an interval from a patient younger than it holds for. */
export function readReportItems(report: string, age?: number): ReportReading {
  const values: ResultValue[] = [];
  const sentences = report.split(/\s*(?:;|\n)\s*/).flatMap((item) => {
    const m = ITEM.exec(item);
    if (!m) return [item];
    const [, name, verdict] = m as unknown as [string, string, string];
    if (NORMAL.test(verdict)) return [`No ${name}.`];
    if (NOTHING_YET.test(verdict)) return [];
    const flag = FLAG.exec(verdict);
    const bare = BARE_NUMBER.exec(flag ? verdict.slice(0, flag.index).trimEnd() : verdict);
    if (!bare) return [item];
    const value = valueOf(name, bare[1]!, bare[2] ?? "", age);
    if (value) values.push(value);
    // A number no interval reads keeps the report's flag as words; a bare one says nothing.
    return value || !flag ? [] : [item];
  });
  return { text: sentences.join("; "), values };
}
