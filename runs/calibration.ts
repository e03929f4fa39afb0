import { z } from "zod";
import { Random } from "./random.js";

/** A stated probability of the final diagnosis and whether that diagnosis was right. */
export interface Forecast {
  readonly p: number;
  readonly correct: boolean;
}

export const CalibrationSchema = z.object({
  /** Cases with a stated probability (the panel named a listed disease). */
  n: z.number().int(),
  /** Mean squared error of the stated probability against correctness (0 best). */
  brier: z.number(),
  /** Expected calibration error over ten equal-width bins (0 best). */
  ece: z.number(),
});
export type Calibration = z.infer<typeof CalibrationSchema>;

export const ReliabilityBinSchema = z.object({ from: z.number(), to: z.number(), n: z.number().int(), meanP: z.number(), accuracy: z.number() });
export type ReliabilityBin = z.infer<typeof ReliabilityBinSchema>;

const BINS = 10;

/** The forecasts by decile of stated probability (the last bin includes 1). */
export function reliability(forecasts: readonly Forecast[]): ReliabilityBin[] {
  return Array.from({ length: BINS }, (_, i) => {
    const from = i / BINS;
    const to = (i + 1) / BINS;
    const members = forecasts.filter((f) => f.p >= from && (f.p < to || (i === BINS - 1 && f.p <= 1)));
    const n = members.length;
    return {
      from,
      to,
      n,
      meanP: n ? members.reduce((s, f) => s + f.p, 0) / n : 0,
      accuracy: n ? members.filter((f) => f.correct).length / n : 0,
    };
  });
}

/** Brier score and expected calibration error (Naeini et al., AAAI 2015) of the forecasts. */
export function calibration(forecasts: readonly Forecast[]): Calibration {
  const n = forecasts.length;
  if (n === 0) return { n, brier: 0, ece: 0 };
  const brier = forecasts.reduce((s, f) => s + (f.p - (f.correct ? 1 : 0)) ** 2, 0) / n;
  const ece = reliability(forecasts).reduce((s, b) => s + (b.n / n) * Math.abs(b.meanP - b.accuracy), 0);
  return { n, brier, ece };
}

/**
 * A 95% percentile-bootstrap interval for the ECE. With a few dozen forecasts spread over ten
 * bins the ECE moves by several hundredths when one case changes; the interval says how much
 * of a difference from a target is noise. Seeded, so the same forecasts give the same interval.
 */
export function eceInterval(forecasts: readonly Forecast[], draws = 2000, seed = 1): [number, number] {
  const n = forecasts.length;
  if (n === 0) return [0, 0];
  const random = new Random(seed);
  const eces = Array.from({ length: draws }, () => calibration(Array.from({ length: n }, () => forecasts[random.int(n)]!)).ece).sort((a, b) => a - b);
  return [eces[Math.floor(0.025 * draws)]!, eces[Math.ceil(0.975 * draws) - 1]!];
}
