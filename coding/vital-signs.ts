import { join } from "node:path";
import { z } from "zod";
import { readDataFile } from "../core/data-file.js";
import { packageRoot } from "../core/paths.js";

const MeasureSchema = z.enum(["heart_rate", "systolic", "respiratory_rate", "spo2", "temperature", "ejection_fraction", "fluid_white_cells", "gcs"]);
type Measure = z.infer<typeof MeasureSchema>;
const VitalsFileSchema = z.object({
  source: z.string().min(10),
  vitals: z.array(z.object({ finding: z.string(), measure: MeasureSchema, above: z.number().optional(), below: z.number().optional() })),
});
export type VitalRule = z.infer<typeof VitalsFileSchema>["vitals"][number];

let rules: readonly VitalRule[] | undefined;
export const vitalRules = (): readonly VitalRule[] => (rules ??= readDataFile(join(packageRoot, "coding/vitals.yaml"), VitalsFileSchema).vitals);

/** How each measure is written in a note: "HR 96/min", "BP 158/94", "RR 18", "SpO2 97%", "temperature 36.8 °C", "T 39.1". */
const PATTERNS: readonly [Measure, RegExp, ((x: number) => number)?][] = [
  ["heart_rate", /\b(?:hr|heart rate|pulse(?: rate)?|p)\s*(?:of|is|was|:|=)?\s*(\d{2,3})\b/gi],
  ["systolic", /\b(?:bp|blood pressure)\s*(?:of|is|was|:|=)?\s*(\d{2,3})\s*\/\s*\d{2,3}/gi],
  ["respiratory_rate", /\b(?:rr|resp(?:iratory)? rate|breathing rate)\s*(?:of|is|was|:|=)?\s*(\d{1,2})\b/gi],
  ["spo2", /\b(?:spo2|sao2|o2 sat(?:uration)?s?|oxygen saturation|sats)\s*(?:of|is|was|:|=)?\s*(\d{2,3})\s*%/gi],
  ["temperature", /\b(?:temp(?:erature)?s?|t)\s*(?:of|is|was|:|=|to|up to|of up to|reaching)?\s*(\d{2}(?:\.\d)?)\s*°?\s*c\b/gi],
  // Fahrenheit, as US notes write it ("temperature 101.2°F"), read in °C.
  ["temperature", /\b(?:temp(?:erature)?|t)\s*(?:of|is|was|:|=)?\s*(\d{2,3}(?:\.\d)?)\s*°?\s*f\b/gi, (f) => ((f - 32) * 5) / 9],
  // An echo report's left ventricular ejection fraction ("ejection fraction 30%", "LVEF of 55 %").
  ["ejection_fraction", /\b(?:(?:left ventricular )?ejection fraction|lvef|ef)\s*(?:of|is|was|:|=)?\s*(?:about |approximately |~)?(\d{1,2})\s*%/gi],
  // The Glasgow coma scale's total ("GCS 12", "GCS 14/15", "GCS 6 (E1 V1 M4)").
  ["gcs", /\bgcs\s*(?:of|is|was|:|=)?\s*(\d{1,2})(?:\s*\/\s*15)?\b/gi],
  // White cells in a body fluid, per microlitre ("white cells 24,000/uL", "WBC 112000 x10^6/L"); a blood count's x10^9/L is not read.
  ["fluid_white_cells", /\b(?:white cells|white cell count|wbc|leu[ck]ocytes)\s*(?:of|is|was|:|=)?\s*(\d{1,3}(?:,\d{3})+|\d+)\s*(?:\/\s*(?:u|µ|μ)l|\/\s*mm(?:3|³)|x\s*10\^?6\s*\/\s*l)/gi],
];

export interface VitalReading {
  finding: string;
  present: boolean;
  phrase: string;
}

/** The vital-sign findings a text's numbers settle, present or absent; the lowest reading rules for "below", the highest for "above". */
export function readVitals(text: string): VitalReading[] {
  const readings: VitalReading[] = [];
  const measured = new Set<Measure>();
  for (const [measure, pattern, toUnit] of PATTERNS) {
    if (measured.has(measure)) continue;
    const found = [...text.matchAll(pattern)].map((m) => {
      const n = Number(m[1]!.replace(/,/g, ""));
      return { value: toUnit ? toUnit(n) : n, phrase: m[0] };
    });
    if (found.length === 0) continue;
    measured.add(measure);
    const read = vitalRules()
      .filter((r) => r.measure === measure)
      .map((rule) => {
        const pick = rule.above !== undefined ? found.reduce((a, b) => (b.value > a.value ? b : a)) : found.reduce((a, b) => (b.value < a.value ? b : a));
        const present = (rule.above !== undefined && pick.value > rule.above) || (rule.below !== undefined && pick.value < rule.below);
        return { rule, reading: { finding: rule.finding, present, phrase: pick.phrase } };
      });
    // A finding read present says the other side of its measure is not: a heart rate of 116 is
    // tachycardia, and "no bradycardia" beside it adds nothing.
    const high = read.some(({ rule, reading }) => reading.present && rule.above !== undefined);
    const low = read.some(({ rule, reading }) => reading.present && rule.below !== undefined);
    readings.push(...read.filter(({ rule, reading }) => reading.present || !(rule.above !== undefined ? low : high)).map(({ reading }) => reading));
  }
  return readings;
}
