import type { Knowledge } from "../agents/view.js";
import type { LoadedCase } from "../core/case-loader.js";
import { runBatch } from "../runs/batch.js";
import { reliability } from "../runs/calibration.js";
import type { CaseResult } from "../runs/result.js";
import { forecasts, questionsAsked, summarise } from "../runs/summary.js";

/**
 * Calibration and the roles' worth on the bundled cases: a reliability table of the stated
 * probability of the final diagnosis by decile, and, for each case where a variant without a
 * role differs from the full panel, what changed.
 */
export async function benchCalibration(cases: readonly LoadedCase[], knowledge: Knowledge): Promise<string> {
  const run = async (variant: "full" | "single" | "no-skeptic" | "no-steward") =>
    (await runBatch(cases, knowledge, { settings: { variant }, jobs: 2, workers: true })).results;
  const full = await run("full");
  const s = summarise(full);
  const lines = [
    `calibration, full panel: ${s.calibration.n} stated probabilities, Brier ${s.calibration.brier.toFixed(3)}, ECE ${s.calibration.ece.toFixed(3)}; abstained ${s.abstained}; mean questions ${s.meanQuestions.toFixed(1)} (target at least 2)`,
    "stated p      n  mean stated  accuracy",
    ...reliability(forecasts(full)).map((b) => `${b.from.toFixed(1)}-${b.to.toFixed(1)}  ${String(b.n).padStart(5)}  ${b.n ? b.meanP.toFixed(2).padStart(11) : "          -"}  ${b.n ? b.accuracy.toFixed(2).padStart(8) : "       -"}`),
  ];
  for (const variant of ["single", "no-skeptic", "no-steward"] as const) {
    const other = await run(variant);
    const diffs = full.flatMap((f) => {
      const o = other.find((r) => r.caseId === f.caseId && r.run === f.run);
      const why = o ? difference(f, o) : null;
      return why ? [`  ${f.caseId}: ${why}`] : [];
    });
    lines.push(`\nfull vs ${variant}: ${diffs.length} of ${full.length} cases differ${diffs.length ? ":" : ""}`, ...diffs);
  }
  return lines.join("\n");
}

/** What differs between two runs of one case, in words; null when nothing does. */
function difference(full: CaseResult, other: CaseResult): string | null {
  const parts: string[] = [];
  if (full.correct !== other.correct) parts.push(`full ${full.correct ? "right" : "wrong"}, variant ${other.correct ? "right" : "wrong"}`);
  if (Math.abs(full.costUsd - other.costUsd) > 0.005) parts.push(`cost $${full.costUsd.toFixed(0)} vs $${other.costUsd.toFixed(0)}`);
  if (full.rounds !== other.rounds) parts.push(`rounds ${full.rounds} vs ${other.rounds}`);
  if (questionsAsked(full) !== questionsAsked(other)) parts.push(`questions ${questionsAsked(full)} vs ${questionsAsked(other)}`);
  const tests = (r: CaseResult) => r.trail.flatMap((e) => (e.action.kind === "order" ? e.action.tests : []));
  const onlyFull = tests(full).filter((t) => !tests(other).includes(t));
  const onlyOther = tests(other).filter((t) => !tests(full).includes(t));
  if (onlyFull.length || onlyOther.length) parts.push(`tests only in full: ${onlyFull.join(", ") || "none"}; only in variant: ${onlyOther.join(", ") || "none"}`);
  const reasons = full.debate.flatMap((m) => (m.role === "chair" ? m.output.checklist.filter((c) => c.startsWith("steward:") || c.startsWith("are you sure?") || c.startsWith("added the skeptic")) : []));
  if (parts.length && reasons.length) parts.push(`full panel's chair: ${[...new Set(reasons)].join("; ")}`);
  return parts.length ? parts.join("; ") : null;
}
