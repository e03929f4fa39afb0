import type { Verdict } from "../core/judge.js";
import type { Case } from "../core/case.js";
import { ledgerTotal, visitCount } from "../core/ledger.js";
import type { FinalDiagnosis, SessionValues } from "../graph/state.js";
import { actionText, testNames } from "../reports/transcript.js";
import { treatmentLines } from "../reports/treatment.js";

export interface PathStep {
  round: number;
  decidedBy: "panel" | "physician";
  /** The physician put their own action in place of the panel's. */
  override: boolean;
  text: string;
  /** What the panel had proposed, when overridden. */
  replaced: string | null;
  forced: "budget" | "rounds" | null;
  note: string | null;
}

/** The case's oracle cost, or a function where the cost is told only with the verdict (a session on a workshop server). */
export type OracleCost = number | (() => number);

/** The end of a session, as the final screen and the screen-reader layout show it. */
export interface FinalReport {
  title: string;
  verdict: Verdict;
  diagnosis: FinalDiagnosis;
  truth: { name: string; icd10?: string };
  costs: { label: string; round: number; usd: number }[];
  visits: number;
  totalUsd: number;
  budgetUsd: number;
  oracleCostUsd: number;
  path: PathStep[];
  teachingPoints: string[];
  /** The plan after the diagnosis and its score, as lines (empty without a plan). */
  treatment: string[];
}

/** Null until the judge has spoken. */
export function finalReport(caseFile: Case, values: SessionValues, oracleCostUsd: number): FinalReport | null {
  const { verdict, diagnosis } = values;
  if (!verdict || !diagnosis) return null;
  const names = testNames(values);
  return {
    title: caseFile.title,
    verdict,
    diagnosis,
    truth: { name: caseFile.diagnosis.name, ...(caseFile.diagnosis.icd10 ? { icd10: caseFile.diagnosis.icd10 } : {}) },
    costs: values.ledger.entries.map((e) => ({ label: e.kind === "visit" ? "Physician visit" : e.name, round: e.round, usd: e.usd })),
    visits: visitCount(values.ledger),
    totalUsd: ledgerTotal(values.ledger),
    budgetUsd: values.settings.budgetUsd,
    oracleCostUsd,
    path: values.trail.map((t) => ({
      round: t.round,
      decidedBy: t.decidedBy,
      override: t.decidedBy === "physician" && t.replaced !== undefined,
      text: actionText(t.action, names),
      replaced: t.replaced ? actionText(t.replaced, names) : null,
      forced: t.forced ?? null,
      note: t.note ?? null,
    })),
    teachingPoints: caseFile.teaching_points,
    treatment: treatmentLines(values.plan, values.treatment),
  };
}

/** "3.1× the oracle cost", or null when the oracle cost is 0. */
export const oracleRatio = (report: Pick<FinalReport, "totalUsd" | "oracleCostUsd">): number | null =>
  report.oracleCostUsd > 0 ? report.totalUsd / report.oracleCostUsd : null;
