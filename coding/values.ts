import type { ResultValue } from "../core/case.js";

/**
 * Reads a measured value against its reference range: high, low or normal. Units are converted
 * when the range names another unit of the same kind (troponin 0.8 ng/mL against "< 34 ng/L" is
 * 800 ng/L, raised). A flag the author wrote wins; a value or range that can't be read gives
 * undefined.
 */
export type Reading = "high" | "low" | "normal";

/** Mass and amount prefixes, and volume denominators, relative to the gram (or mole) and the litre. */
const MASS: Record<string, number> = { g: 1, mg: 1e-3, ug: 1e-6, mcg: 1e-6, "µg": 1e-6, ng: 1e-9, pg: 1e-12 };
const AMOUNT: Record<string, number> = { mol: 1, mmol: 1e-3, umol: 1e-6, "µmol": 1e-6, nmol: 1e-9, pmol: 1e-12 };
const VOLUME: Record<string, number> = { l: 1, dl: 0.1, ml: 1e-3 };

/** The factor that turns a value in `from` into `to`, when both are the same kind of concentration. */
export function unitFactor(from: string, to: string): number | undefined {
  const parse = (u: string) => {
    const m = /^\s*(µ?[a-z]+)\s*\/\s*([a-z]+)\s*$/i.exec(u.replace("μ", "µ"));
    if (!m) return undefined;
    const top = m[1]!.toLowerCase();
    const bottom = m[2]!.toLowerCase();
    const volume = VOLUME[bottom];
    if (volume === undefined) return undefined;
    if (MASS[top] !== undefined) return { kind: "mass", per: MASS[top]! / volume };
    if (AMOUNT[top] !== undefined) return { kind: "amount", per: AMOUNT[top]! / volume };
    return undefined;
  };
  if (from.trim().toLowerCase() === to.trim().toLowerCase()) return 1;
  const a = parse(from);
  const b = parse(to);
  return a && b && a.kind === b.kind ? a.per / b.per : undefined;
}

interface Range {
  low?: number;
  high?: number;
  unit?: string;
}

const NUMBER = String.raw`(-?\d+(?:\.\d+)?)`;

/** "135 - 145", "< 34", "<0.04 ng/mL", ">= 60", "0" (nothing expected). */
export function parseRange(text: string): Range | undefined {
  const t = text.trim();
  const between = new RegExp(`^${NUMBER}\\s*(?:-|–|to)\\s*${NUMBER}\\s*(.*)$`).exec(t);
  if (between) return { low: Number(between[1]), high: Number(between[2]), ...(between[3] ? { unit: between[3].trim() } : {}) };
  const below = new RegExp(`^(?:<|≤|<=|up to)\\s*${NUMBER}\\s*(.*)$`).exec(t);
  if (below) return { high: Number(below[1]), ...(below[2] ? { unit: below[2].trim() } : {}) };
  const above = new RegExp(`^(?:>|≥|>=)\\s*${NUMBER}\\s*(.*)$`).exec(t);
  if (above) return { low: Number(above[1]), ...(above[2] ? { unit: above[2].trim() } : {}) };
  const exact = new RegExp(`^${NUMBER}\\s*(.*)$`).exec(t);
  if (exact) return { low: Number(exact[1]), high: Number(exact[1]), ...(exact[2] ? { unit: exact[2].trim() } : {}) };
  return undefined;
}

export function readValue(v: ResultValue): Reading | undefined {
  if (v.flag === "high") return "high";
  if (v.flag === "low") return "low";
  // "Critical" says how far, not which way: the range tells (glucose 1.8 against 4.0 - 7.8 is low).
  if (v.flag === "critical") {
    const side = againstRange(v);
    return side === "high" || side === "low" ? side : v.range && /^\s*>/.test(v.range) ? "low" : "high";
  }
  return againstRange(v);
}

function againstRange(v: ResultValue): Reading | undefined {
  const value = typeof v.value === "number" ? v.value : /\d/.test(v.value) ? Number(v.value.replace(/[^\d.-]/g, "")) : Number.NaN;
  if (!Number.isFinite(value) || !v.range) return v.flag === "abnormal" ? "high" : undefined;
  const range = parseRange(v.range);
  if (!range) return undefined;
  const factor = range.unit && v.unit ? unitFactor(v.unit, range.unit) : 1;
  if (factor === undefined) return undefined;
  const x = value * factor;
  if (range.high !== undefined && x > range.high) return "high";
  if (range.low !== undefined && x < range.low) return "low";
  return "normal";
}
