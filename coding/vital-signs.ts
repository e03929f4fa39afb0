import { join } from "node:path";
import { z } from "zod";
import { readDataFile } from "../core/data-file.js";
import { packageRoot } from "../core/paths.js";

const MeasureSchema = z.enum([
  "heart_rate",
  "systolic",
  "respiratory_rate",
  "spo2",
  "temperature",
  "ejection_fraction",
  "fluid_white_cells",
  "gcs",
  "systolic_fall_on_standing",
  "diastolic_fall_on_standing",
  "muscle_power",
]);
type Measure = z.infer<typeof MeasureSchema>;
const VitalsFileSchema = z.object({
  source: z.string().min(10),
  vitals: z.array(
    z.object({
      finding: z.string(),
      measure: MeasureSchema,
      above: z.number().optional(),
      below: z.number().optional(),
      // The ages in whole years a rule holds for; a rule with a max_age is a child's and needs a known age.
      min_age: z.number().int().min(0).optional(),
      max_age: z.number().int().min(0).optional(),
    }),
  ),
});
export type VitalRule = z.infer<typeof VitalsFileSchema>["vitals"][number];

let rules: readonly VitalRule[] | undefined;
export const vitalRules = (): readonly VitalRule[] => (rules ??= readDataFile(join(packageRoot, "coding/vitals.yaml"), VitalsFileSchema).vitals);

/** Whether a rule holds for a patient of this age (unknown: the adult rules). */
const holdsAt = (rule: VitalRule, age: number | undefined): boolean =>
  age === undefined ? rule.max_age === undefined : age >= (rule.min_age ?? 0) && age <= (rule.max_age ?? Infinity);

const number = (text: string | undefined): number => Number((text ?? "").replace(/,/g, ""));
/** The fall from the lying to the standing reading, of the systolic (groups 1 and 3) or diastolic (2 and 4) pressure. */
const fall = (pressure: 0 | 1) => (m: RegExpMatchArray) => number(m[1 + pressure]) - number(m[3 + pressure]);
/** Lying then standing pressures: "lying 114/70 mmHg, HR 66; standing at 3 minutes 108/68 mmHg", "174/58 mmHg lying and 170/60 standing". */
const LYING_STANDING = [
  /\blying\b[^0-9;.]{0,20}(\d{2,3})\s*\/\s*(\d{2,3})[^.]{0,40}?\bstanding\b(?:\s*(?:at|after)\s*\d+\s*min(?:ute)?s?)?[^0-9;.]{0,20}(\d{2,3})\s*\/\s*(\d{2,3})/gi,
  /(\d{2,3})\s*\/\s*(\d{2,3})\s*(?:mm\s*hg\s*)?(?:when\s+)?lying\s*(?:and|,)\s*(\d{2,3})\s*\/\s*(\d{2,3})\s*(?:mm\s*hg\s*)?(?:on\s+|when\s+)?standing/gi,
];

/** How each measure is written in a note: "HR 96/min", "BP 158/94", "RR 18", "SpO2 97%", "temperature 36.8 °C", "T 39.1"; the value is the first group's number unless read otherwise. */
const PATTERNS: readonly [Measure, RegExp, ((m: RegExpMatchArray) => number)?][] = [
  ["heart_rate", /\b(?:hr|heart rate|pulse(?: rate)?|p)\s*(?:of|is|was|:|=)?\s*(\d{2,3})\b/gi],
  ["systolic", /\b(?:bp|blood pressure)\s*(?:of|is|was|:|=)?\s*(\d{2,3})\s*\/\s*\d{2,3}/gi],
  ["respiratory_rate", /\b(?:rr|resp(?:iratory)? rate|breathing rate)\s*(?:of|is|was|:|=)?\s*(\d{1,2})\b/gi],
  ["spo2", /\b(?:spo2|sao2|o2 sat(?:uration)?s?|oxygen saturation|sats)\s*(?:of|is|was|:|=)?\s*(\d{2,3})\s*%/gi],
  ["temperature", /\b(?:temp(?:erature)?s?|t)\s*(?:of|is|was|:|=|to|up to|of up to|reaching)?\s*(\d{2}(?:\.\d)?)\s*°?\s*c\b/gi],
  // Fahrenheit, as US notes write it ("temperature 101.2°F"), read in °C.
  ["temperature", /\b(?:temp(?:erature)?|t)\s*(?:of|is|was|:|=)?\s*(\d{2,3}(?:\.\d)?)\s*°?\s*f\b/gi, (m) => ((number(m[1]) - 32) * 5) / 9],
  // An echo report's left ventricular ejection fraction ("ejection fraction 30%", "LVEF of 55 %").
  ["ejection_fraction", /\b(?:(?:left ventricular )?ejection fraction|lvef|ef)\s*(?:of|is|was|:|=)?\s*(?:about |approximately |~)?(\d{1,2})\s*%/gi],
  // The Glasgow coma scale's total ("GCS 12", "GCS 14/15", "GCS 6 (E1 V1 M4)").
  ["gcs", /\bgcs\s*(?:of|is|was|:|=)?\s*(\d{1,2})(?:\s*\/\s*15)?\b/gi],
  // White cells in a body fluid, per microlitre ("white cells 24,000/uL", "WBC 112000 x10^6/L"); a blood count's x10^9/L is not read.
  // A count given only as above a bound (">50,000/uL") is read as just over it.
  ["fluid_white_cells", /\b(?:white cells|white cell count|wbc|leu[ck]ocytes)\s*(?:of|is|was|:|=)?\s*(?:>|more than|over|above)\s*(\d{1,3}(?:,\d{3})+|\d+)\s*(?:\/\s*(?:u|µ|μ)l|\/\s*mm(?:3|³)|x\s*10\^?6\s*\/\s*l)/gi, (m) => number(m[1]) + 1],
  ["fluid_white_cells", /\b(?:white cells|white cell count|wbc|leu[ck]ocytes)\s*(?:of|is|was|:|=)?\s*(\d{1,3}(?:,\d{3})+|\d+)\s*(?:\/\s*(?:u|µ|μ)l|\/\s*mm(?:3|³)|x\s*10\^?6\s*\/\s*l)/gi],
  // A muscle's power graded below 5 of 5 ("right arm power 2/5", "hip flexion 4/5"); a full grade is not
  // read, since normal power alone leaves a sensory or other focal deficit open.
  ["muscle_power", /\b(?:power|strength|flexion|extension|dorsiflexion|abduction|adduction|grip)\b[^.;0-9]{0,30}?\(?([0-4])\s*\/\s*5\b/gi],
  // Orthostatic hypotension: a fall of 20 mmHg systolic or 10 diastolic on standing (vitals.yaml).
  ...LYING_STANDING.flatMap((pattern): [Measure, RegExp, (m: RegExpMatchArray) => number][] => [
    ["systolic_fall_on_standing", pattern, fall(0)],
    ["diastolic_fall_on_standing", pattern, fall(1)],
  ]),
];

export interface VitalReading {
  finding: string;
  present: boolean;
  phrase: string;
}

/**
 * The vital-sign findings a text's numbers settle for a patient of this age, present or absent;
 * the lowest reading rules for "below", the highest for "above".
 */
export function readVitals(text: string, age?: number): VitalReading[] {
  const readings: VitalReading[] = [];
  const measured = new Set<Measure>();
  for (const [measure, pattern, valueOf] of PATTERNS) {
    if (measured.has(measure)) continue;
    const found = [...text.matchAll(pattern)].map((m) => ({ value: valueOf ? valueOf(m) : number(m[1]), phrase: m[0] }));
    if (found.length === 0) continue;
    measured.add(measure);
    const read = vitalRules()
      .filter((r) => r.measure === measure && holdsAt(r, age))
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
