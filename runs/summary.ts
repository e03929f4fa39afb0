import { z } from "zod";
import { UsageReportSchema, sumReports } from "../llm/usage.js";
import { type CaseResult, resultPoints } from "./result.js";
import { CalibrationSchema, calibration, type Forecast } from "./calibration.js";
import { mean, median, standardDeviation, wilsonInterval } from "./stats.js";

const GroupSchema = z.object({ n: z.number(), accuracy: z.number(), meanCostUsd: z.number() });

export const RunSummarySchema = z.object({
  n: z.number().int(),
  correct: z.number().int(),
  accuracy: z.number(),
  /** Wilson 95% interval of the accuracy. */
  accuracyCi95: z.tuple([z.number(), z.number()]),
  meanCostUsd: z.number(),
  medianCostUsd: z.number(),
  /** Mean over cases of cost / oracle cost (cases with an oracle cost above 0). */
  meanCostOverOracle: z.number(),
  meanRounds: z.number(),
  /** Questions put to the patient per case. */
  meanQuestions: z.number(),
  /** Cases where the panel declined to name a diagnosis (scored as no diagnosis). */
  abstained: z.number().int(),
  /** Of the probability stated for the final diagnosis against correctness. */
  calibration: CalibrationSchema,
  /** Of the panel's posterior of the same diagnoses: beside a learner's stated confidence, the panel's. */
  panelCalibration: CalibrationSchema,
  /** Mean points per session (runs/points.ts: correctness, cost against the oracle, harm). */
  meanPoints: z.number(),
  /** Contraindicated tests carried out, over all cases. */
  harmfulOrders: z.number().int(),
  budgetForced: z.number().int(),
  bySpecialty: z.record(z.string(), GroupSchema),
  byVariant: z.record(z.string(), GroupSchema),
  /** With --repeat: spread of accuracy and cost across repeats. */
  repeats: z.object({ runs: z.number().int(), accuracySd: z.number(), meanCostSd: z.number() }).optional(),
  failed: z.number().int(),
  /** Plans scored against a reference plan, and their mean score (0..1). */
  treatment: z.object({ scored: z.number().int(), meanScore: z.number() }),
  /** Under --mcq: cases run as multiple choice, how many picked the right option. */
  mcq: z.object({ n: z.number().int(), correct: z.number().int(), accuracy: z.number() }).optional(),
  /** Model tokens and estimated cost over all cases, when some role ran on a model. */
  llm: UsageReportSchema.optional(),
  /** What the figures cannot show on their own (every model call failed, repeats were copies). */
  warnings: z.array(z.string()).optional(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

const group = (results: readonly CaseResult[], key: (r: CaseResult) => string) => {
  const groups: Record<string, z.infer<typeof GroupSchema>> = {};
  for (const k of [...new Set(results.map(key))].sort()) {
    const members = results.filter((r) => key(r) === k);
    groups[k] = { n: members.length, accuracy: members.filter((r) => r.correct).length / members.length, meanCostUsd: mean(members.map((r) => r.costUsd)) };
  }
  return groups;
};

export function summarise(results: readonly CaseResult[], failed = 0): RunSummary {
  const n = results.length;
  const correct = results.filter((r) => r.correct).length;
  const withOracle = results.filter((r) => r.oracleCostUsd > 0);
  const runs = Math.max(0, ...results.map((r) => r.run)) + 1;
  const perRun = Array.from({ length: runs }, (_, i) => results.filter((r) => r.run === i));
  return {
    n,
    correct,
    accuracy: n ? correct / n : 0,
    accuracyCi95: wilsonInterval(correct, n),
    meanCostUsd: mean(results.map((r) => r.costUsd)),
    medianCostUsd: median(results.map((r) => r.costUsd)),
    meanCostOverOracle: mean(withOracle.map((r) => r.costUsd / r.oracleCostUsd)),
    meanRounds: mean(results.map((r) => r.rounds)),
    meanQuestions: mean(results.map(questionsAsked)),
    abstained: results.filter((r) => r.abstained).length,
    calibration: calibration(forecasts(results)),
    panelCalibration: calibration(panelForecasts(results)),
    meanPoints: mean(results.map(resultPoints)),
    harmfulOrders: results.reduce((sum, r) => sum + r.harms.length, 0),
    budgetForced: results.filter((r) => r.forced === "budget").length,
    bySpecialty: group(results, (r) => r.specialty),
    byVariant: group(results, (r) => r.variant),
    ...(runs > 1
      ? {
          repeats: {
            runs,
            accuracySd: standardDeviation(perRun.map((rs) => rs.filter((r) => r.correct).length / Math.max(1, rs.length))),
            meanCostSd: standardDeviation(perRun.map((rs) => mean(rs.map((r) => r.costUsd)))),
          },
        }
      : {}),
    failed,
    treatment: treatmentSummary(results),
    ...(results.some((r) => r.mcq) ? { mcq: mcqSummary(results) } : {}),
    ...(results.some((r) => r.llm) ? { llm: sumReports(results.flatMap((r) => (r.llm ? [r.llm] : []))) } : {}),
  };
}

function treatmentSummary(results: readonly CaseResult[]): RunSummary["treatment"] {
  const scores = results.flatMap((r) => (r.treatment ? [r.treatment.score] : []));
  return { scored: scores.length, meanScore: mean(scores) };
}

function mcqSummary(results: readonly CaseResult[]): NonNullable<RunSummary["mcq"]> {
  const asked = results.filter((r) => r.mcq);
  const correct = asked.filter((r) => r.mcq?.correct).length;
  return { n: asked.length, correct, accuracy: asked.length ? correct / asked.length : 0 };
}

/** Questions the case's trail put to the patient. */
export const questionsAsked = (r: CaseResult): number =>
  r.trail.reduce((sum, e) => sum + (e.action.kind === "ask" ? e.action.questions.length : 0), 0);

/** The panel's posterior of each case's final diagnosis, where it had one. */
export const panelForecasts = (results: readonly CaseResult[]): Forecast[] =>
  results.flatMap((r) => (r.panelConfidence !== null && !r.abstained ? [{ p: r.panelConfidence, correct: r.correct }] : []));

/** Each case's stated probability of its final diagnosis, where one was stated. */
export const forecasts = (results: readonly CaseResult[]): Forecast[] =>
  results.flatMap((r) => (r.confidence !== null && !r.abstained ? [{ p: r.confidence, correct: r.correct }] : []));
