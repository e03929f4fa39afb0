import { optionLetter } from "../core/mcq.js";
import type { CaseResult } from "../runs/result.js";
import type { RunSummary } from "../runs/summary.js";
import { formatUsage } from "../llm/usage.js";
import { usd } from "../output/money.js";

const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** One line per finished case, for people watching a run. */
export function formatCaseLine(r: CaseResult): string {
  const mark = r.correct ? "✓" : "✗";
  const forced = r.forced ? ` (${r.forced}-forced)` : "";
  return `${mark} ${r.caseId}${r.run ? `#${r.run}` : ""}  gave: ${r.diagnosis?.name ?? "none"}${forced}  truth: ${r.truth.name}  score ${r.score}/5  cost ${usd(r.costUsd)}  rounds ${r.rounds}${r.points === undefined ? "" : `  points ${r.points}`}${r.harms.length ? `  harmful orders ${r.harms.length}` : ""}${r.mcq ? `  option ${r.mcq.chosen === null ? "none" : optionLetter(r.mcq.chosen)} (right: ${optionLetter(r.mcq.answer)})` : ""}${r.treatment ? `  plan ${r.treatment.score.toFixed(2)}` : ""}${r.llm ? `  model ${formatUsage(r.llm)}` : ""}`;
}

export function formatSummary(s: RunSummary): string {
  const lines = [
    "",
    `cases ${s.n}${s.failed ? ` (${s.failed} failed)` : ""}  accuracy ${percent(s.accuracy)} (95% CI ${percent(s.accuracyCi95[0])}–${percent(s.accuracyCi95[1])})`,
    `cost mean ${usd(s.meanCostUsd)}  median ${usd(s.medianCostUsd)}  mean cost / oracle cost ${s.meanCostOverOracle.toFixed(2)}x  mean rounds ${s.meanRounds.toFixed(1)}  mean questions ${s.meanQuestions.toFixed(1)}  abstained ${s.abstained}  Brier ${s.calibration.brier.toFixed(3)}  ECE ${s.calibration.ece.toFixed(3)}${s.budgetForced ? `  budget-forced ${s.budgetForced}` : ""}`,
  ];
  lines.push(`points mean ${s.meanPoints.toFixed(0)} of 100  harmful orders ${s.harmfulOrders}${s.panelCalibration.n ? `  panel's Brier on the same diagnoses ${s.panelCalibration.brier.toFixed(3)}` : ""}`);
  if (s.mcq) lines.push(`multiple choice ${s.mcq.correct} of ${s.mcq.n} right  (${percent(s.mcq.accuracy)})`);
  if (s.treatment.scored) lines.push(`treatment plans scored ${s.treatment.scored}  mean plan score ${s.treatment.meanScore.toFixed(2)}`);
  if (s.llm) lines.push(`model tokens ${formatUsage(s.llm)}  requests ${s.llm.requests}${s.llm.fallbacks ? `  offline fallbacks ${s.llm.fallbacks}` : ""}${s.llm.unpriced.length ? `  unpriced: ${s.llm.unpriced.join(", ")}` : ""}`);
  for (const w of s.warnings ?? []) lines.push(`warning: ${w}`);
  if (s.repeats) lines.push(`repeats ${s.repeats.runs}: accuracy sd ${percent(s.repeats.accuracySd)}, mean cost sd ${usd(s.repeats.meanCostSd)}`);
  const specialties = Object.entries(s.bySpecialty);
  if (specialties.length > 1) {
    lines.push("by specialty:");
    for (const [name, g] of specialties) lines.push(`  ${name.padEnd(22)} n ${String(g.n).padStart(3)}  accuracy ${percent(g.accuracy).padStart(6)}  mean cost ${usd(g.meanCostUsd)}`);
  }
  return lines.join("\n");
}
