import { type FileProblem, formatProblem } from "../core/data-file.js";
import { formatUsage } from "../llm/usage.js";
import { usd } from "../output/money.js";
import { type CaseResult, outcomeOf, resultPoints } from "../runs/result.js";
import type { RunSummary } from "../runs/summary.js";
import { type ReportCharts, groupTitle } from "./charts.js";
import type { Comparison, SessionTrace } from "./comparison.js";
import { NOTICE } from "./transcript.js";
import { htmlText } from "../output/safe-text.js";

export interface ReportMeta {
  title: string;
  generatedAt: Date;
  /** Inputs that were skipped, listed so a facilitator can chase them up. */
  problems: readonly FileProblem[];
}


export const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

const STYLE = `
:root { color-scheme: light; --ink: #1d2730; --muted: #55616d; --line: #d5dde3; --accent: #1f6f8b; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 62rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.25rem 0 .5rem; padding-bottom: .25rem; border-bottom: 2px solid var(--line); }
.meta { color: var(--muted); margin: 0 0 .75rem; }
.notice { margin: 0 0 1rem; padding: .5rem .75rem; border-left: 4px solid #c2185b; background: #fdf0f4; font-weight: 600; }
figure { margin: 1rem 0; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .92rem; margin-top: .4rem; }
.table-wrap { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; font-size: .92rem; min-width: 60%; }
caption { text-align: left; font-weight: 600; padding: .25rem 0 .5rem; }
th, td { padding: .35rem .6rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { background: #eef3f6; border-bottom: 2px solid #b9c6cf; }
tbody tr:nth-child(even) { background: #f7f9fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.score { white-space: nowrap; }
tr.case th { background: #e3ecf1; font-weight: 600; }
tr.case .truth { font-weight: 400; color: var(--muted); }
.sessions tbody tr:nth-child(even) { background: none; }
code.source { font-size: .8rem; word-break: break-all; }
.correct { color: #1b5e20; }
.incorrect { color: #b71c1c; }
.abstained { color: #555; }
details { margin: .5rem 0 1rem; }
summary { cursor: pointer; font-weight: 600; }
code { font-size: .88rem; }
footer { color: var(--muted); font-size: .88rem; padding-bottom: 2rem; margin-top: 2.5rem; border-top: 1px solid var(--line); padding-top: .75rem; }
@media print { .table-wrap { overflow: visible; } details { display: block; } }
`;

interface Column<T> {
  head: string;
  cell: (row: T) => string;
  numeric?: boolean;
}

const tableHead = <T>(columns: ReadonlyArray<Column<T>>): string =>
  columns.map((c) => `<th scope="col"${c.numeric ? ' class="num"' : ""}>${htmlText(c.head)}</th>`).join("");

/** The first cell heads the row; cells are already-escaped HTML. */
const tableRow = <T>(columns: ReadonlyArray<Column<T>>, row: T): string =>
  `<tr>${columns.map((c, i) => (i === 0 ? `<th scope="row">${c.cell(row)}</th>` : `<td${c.numeric ? ' class="num"' : ""}>${c.cell(row)}</td>`)).join("")}</tr>`;

function table<T>(caption: string, columns: ReadonlyArray<Column<T>>, rows: readonly T[]): string {
  return `<div class="table-wrap"><table>
<caption>${htmlText(caption)}</caption>
<thead><tr>${tableHead(columns)}</tr></thead>
<tbody>
${rows.map((row) => tableRow(columns, row)).join("\n")}
</tbody>
</table></div>`;
}

/** The chart is an image named by its caption; the numbers it draws are in the table beside it. */
function figure(id: string, svg: string, caption: string): string {
  const labelled = svg.replace(/^<svg /, `<svg role="img" aria-labelledby="${id}-caption" `);
  return `<figure id="${id}">\n${labelled}\n<figcaption id="${id}-caption">${htmlText(caption)}</figcaption>\n</figure>`;
}

const outcome = (r: CaseResult): string => {
  const label = outcomeOf(r);
  return `<span class="score">${r.score}/5 <span class="${label}">${label}</span></span>`;
};

/** Brier of the stated confidence, with the panel's on the same diagnoses in brackets; "n/a" when none was stated. */
const brierPair = (s: RunSummary): string =>
  s.calibration.n ? `${s.calibration.brier.toFixed(3)} (${s.panelCalibration.n ? s.panelCalibration.brier.toFixed(3) : "n/a"})` : "n/a";

const confidencePair = (r: CaseResult): string =>
  r.confidence === null ? "none" : `${percent(r.confidence)}${r.panelConfidence === null ? "" : ` (${percent(r.panelConfidence)})`}`;

const closedBy = (r: CaseResult): string => (r.decidedBy ? `${r.decidedBy}${r.forced ? ` (${r.forced}-forced)` : ""}` : "no diagnosis");

const traceRows = (s: SessionTrace): Array<{ session: string; round: number; held: string }> => {
  const rounds = [...new Set(s.points.map((p) => p.round))];
  return rounds.map((round) => ({
    session: s.label,
    round,
    held: s.points
      .filter((p) => p.round === round)
      .sort((a, b) => b.p - a.p)
      .map((p) => `${p.hypothesis} ${percent(p.p)}`)
      .join("; "),
  }));
};

function summarySection(c: Comparison): string {
  const s = c.overall;
  const rows: Array<[string, string]> = [
    ["Sessions", String(s.n)],
    ["Cases", String(c.caseIds.length)],
    ["Correct (judge score ≥ 4)", `${s.correct} of ${s.n}`],
    ["Abstained (no diagnosis named)", `${s.abstained} of ${s.n}`],
    ["Accuracy (95% CI)", `${percent(s.accuracy)} (${percent(s.accuracyCi95[0])}–${percent(s.accuracyCi95[1])})`],
    ["Mean cost per case", usd(s.meanCostUsd)],
    ["Median cost per case", usd(s.medianCostUsd)],
    ["Mean cost / oracle cost", `${s.meanCostOverOracle.toFixed(2)}×`],
    ["Mean rounds", s.meanRounds.toFixed(1)],
    ["Closed by the budget", String(s.budgetForced)],
    ["Mean points (0–100: correctness, cost against the oracle, harm)", s.meanPoints.toFixed(0)],
    ["Harmful orders carried out", String(s.harmfulOrders)],
    ["Brier of the stated confidence (the panel's on the same diagnoses)", brierPair(s)],
    ...(s.treatment.scored ? [["Treatment plans scored (mean score)", `${s.treatment.scored} (${s.treatment.meanScore.toFixed(2)})`] as [string, string]] : []),
    ...(s.llm ? [["Model tokens", formatUsage(s.llm)] as [string, string]] : []),
  ];
  return `<section aria-labelledby="summary-h">
<h2 id="summary-h">Summary</h2>
${table("Table 1. All sessions together", [{ head: "Measure", cell: (r: [string, string]) => htmlText(r[0]) }, { head: "Value", cell: (r) => htmlText(r[1]), numeric: true }], rows)}
</section>`;
}

function paretoSection(c: Comparison, svg: string): string {
  const who = groupTitle(c.groupedBy).toLowerCase();
  const front = c.groups.filter((g) => g.frontier).map((g) => g.name);
  const caption =
    `Figure 1. Accuracy against mean cost per case, one point per ${who}; the vertical line through each point is its 95% confidence interval (Wilson). ` +
    `On the frontier (no other ${who} is both as accurate and as cheap): ${front.join(", ")}. The numbers are in Table 2.`;
  return `<section aria-labelledby="pareto-h">
<h2 id="pareto-h">Accuracy against cost</h2>
<p>Up is more accurate, left is cheaper. A point is on the frontier when nothing else is at least as accurate for no more money; under-testing saves money only until accuracy falls, over-testing spends it for nothing.</p>
${figure("pareto", svg, caption)}
${table(
  `Table 2. Accuracy and cost per ${who}`,
  [
    { head: groupTitle(c.groupedBy), cell: (g) => htmlText(g.name) },
    { head: "Sessions", cell: (g) => String(g.summary.n), numeric: true },
    { head: "Correct", cell: (g) => String(g.summary.correct), numeric: true },
    { head: "Accuracy", cell: (g) => percent(g.summary.accuracy), numeric: true },
    { head: "95% CI", cell: (g) => `${percent(g.summary.accuracyCi95[0])}–${percent(g.summary.accuracyCi95[1])}`, numeric: true },
    { head: "Mean cost", cell: (g) => usd(g.summary.meanCostUsd), numeric: true },
    { head: "Cost / oracle", cell: (g) => `${g.summary.meanCostOverOracle.toFixed(2)}×`, numeric: true },
    { head: "Mean rounds", cell: (g) => g.summary.meanRounds.toFixed(1), numeric: true },
    { head: "Mean points", cell: (g) => g.summary.meanPoints.toFixed(0), numeric: true },
    { head: "Harmful orders", cell: (g) => String(g.summary.harmfulOrders), numeric: true },
    { head: "Brier (panel)", cell: (g) => htmlText(brierPair(g.summary)), numeric: true },
    { head: "On the frontier", cell: (g) => (g.frontier ? "yes" : "no") },
  ],
  c.groups,
)}
</section>`;
}

function costSection(c: Comparison, svg: string): string {
  const who = groupTitle(c.groupedBy).toLowerCase();
  const caption =
    `Figure 2. Cost of each session, one row per ${who}: the box spans the middle half of the costs with a line at the median, the whiskers reach the cheapest and the dearest session, ` +
    `and each circle is one session (green when the diagnosis was correct, red when not). The numbers are in Table 3.`;
  return `<section aria-labelledby="costs-h">
<h2 id="costs-h">Cost per case</h2>
${figure("costs", svg, caption)}
${table(
  `Table 3. Spread of the cost per case, per ${who}`,
  [
    { head: groupTitle(c.groupedBy), cell: (g) => htmlText(g.name) },
    { head: "Sessions", cell: (g) => String(g.summary.n), numeric: true },
    { head: "Cheapest", cell: (g) => usd(g.costs.min), numeric: true },
    { head: "Lower quartile", cell: (g) => usd(g.costs.q1), numeric: true },
    { head: "Median", cell: (g) => usd(g.costs.median), numeric: true },
    { head: "Upper quartile", cell: (g) => usd(g.costs.q3), numeric: true },
    { head: "Dearest", cell: (g) => usd(g.costs.max), numeric: true },
    { head: "Mean", cell: (g) => usd(g.summary.meanCostUsd), numeric: true },
  ],
  c.groups,
)}
</section>`;
}

function differentialSection(c: Comparison, svg: string | undefined): string {
  const trace = c.trace;
  if (!trace) return "";
  const others = c.caseIds.filter((id) => id !== trace.caseId);
  const notes = [
    `<p>True diagnosis: <strong>${htmlText(trace.truth)}</strong>.</p>`,
    ...(others.length ? [`<p>Drawn for one case; choose another with <code>dxsim report --case &lt;id&gt;</code> (also here: ${htmlText(others.join(", "))}).</p>`] : []),
    ...(trace.notDrawn ? [`<p>${plural(trace.notDrawn, "further session")} of this case ${trace.notDrawn === 1 ? "is" : "are"} not drawn; every session is in Table 5.</p>`] : []),
  ].join("\n");
  const heading = `<h2 id="differential-h">Differential over rounds: ${htmlText(trace.caseId)}, ${htmlText(trace.title)}</h2>`;
  if (!svg) return `<section aria-labelledby="differential-h">\n${heading}\n${notes}\n<p>No session of this case recorded a differential.</p>\n</section>`;
  const answers = trace.sessions
    .map((s) => `${s.label}: ${s.finalAnswer ?? "no diagnosis"} (${s.correct ? "correct" : "incorrect"})`)
    .join("; ");
  const caption =
    `Figure 3. The probability the panel gave each leading hypothesis at each round, ${trace.sessions.length === 1 ? "for one session" : "one chart per session"}; ` +
    `a hypothesis is shown when it ranked in the top three at some round or was the final answer. Final answers: ${answers}. The numbers are in Table 4.`;
  return `<section aria-labelledby="differential-h">
${heading}
${notes}
${figure("differential", svg, caption)}
<details>
<summary>Table 4. Probabilities by round</summary>
${table(
  "Table 4. Probabilities of the leading hypotheses by round",
  [
    { head: "Session", cell: (r) => htmlText(r.session) },
    { head: "Round", cell: (r) => String(r.round), numeric: true },
    { head: "Hypotheses (probability)", cell: (r) => htmlText(r.held) },
  ],
  trace.sessions.flatMap(traceRows),
)}
</details>
</section>`;
}

type Session = Comparison["sessions"][number];

/** One row group per case, headed by the case and its true diagnosis; one row per session. */
function sessionsSection(c: Comparison): string {
  const repeats = c.sessions.some((s) => s.result.run > 0);
  const columns: Array<Column<Session>> = [
    { head: groupTitle(c.groupedBy), cell: (s) => htmlText(s.group) },
    ...(repeats ? [{ head: "Run", cell: (s: Session) => String(s.result.run + 1), numeric: true }] : []),
    { head: "Diagnosis given", cell: (s) => htmlText(s.result.diagnosis?.name ?? "none") },
    { head: "Score", cell: (s) => outcome(s.result) },
    { head: "Reason for the score", cell: (s) => htmlText(s.result.verdict.reason) },
    { head: "Cost", cell: (s) => usd(s.result.costUsd), numeric: true },
    { head: "Oracle cost", cell: (s) => usd(s.result.oracleCostUsd), numeric: true },
    { head: "Rounds", cell: (s) => String(s.result.rounds), numeric: true },
    { head: "Closed by", cell: (s) => htmlText(closedBy(s.result)) },
    { head: "Stated confidence (panel)", cell: (s) => htmlText(confidencePair(s.result)), numeric: true },
    { head: "Points", cell: (s) => String(resultPoints(s.result)), numeric: true },
    { head: "Harmful orders", cell: (s) => htmlText(s.result.harms.map((h) => `round ${h.round}: ${h.reason}`).join("; ") || "none") },
    { head: "Source", cell: (s) => `<code class="source">${htmlText(s.source)}</code>` },
  ];
  const groups = c.caseIds.map((caseId) => {
    const sessions = c.sessions.filter((s) => s.result.caseId === caseId);
    const first = sessions[0]!.result;
    const head = `<tr class="case"><th colspan="${columns.length}" scope="rowgroup">${htmlText(caseId)}: ${htmlText(first.title)} <span class="truth">(true diagnosis: ${htmlText(first.truth.name)})</span></th></tr>`;
    return `<tbody>\n${head}\n${sessions.map((s) => tableRow(columns, s)).join("\n")}\n</tbody>`;
  });
  return `<section aria-labelledby="sessions-h">
<h2 id="sessions-h">Every session, case by case</h2>
<div class="table-wrap"><table class="sessions">
<caption>Table 5. One row per session, grouped by case</caption>
<thead><tr>${tableHead(columns)}</tr></thead>
${groups.join("\n")}
</table></div>
</section>`;
}

function problemsSection(problems: readonly FileProblem[]): string {
  if (problems.length === 0) return "";
  return `<section aria-labelledby="skipped-h">
<h2 id="skipped-h">Skipped inputs</h2>
<p>${plural(problems.length, "problem")} kept these out of the report:</p>
<ul>
${problems.map((p) => `<li><code>${htmlText(formatProblem(p))}</code></li>`).join("\n")}
</ul>
</section>`;
}

/** A self-contained page: inline CSS and SVG, no scripts, nothing fetched. */
export function reportHtml(comparison: Comparison, charts: ReportCharts, meta: ReportMeta): string {
  const date = meta.generatedAt.toISOString().slice(0, 10);
  const groups = plural(comparison.groups.length, groupTitle(comparison.groupedBy).toLowerCase());
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="dxsim report">
<title>${htmlText(meta.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${htmlText(meta.title)}</h1>
<p class="meta">Generated <time datetime="${date}">${date}</time> from ${plural(comparison.overall.n, "session")} of ${plural(comparison.caseIds.length, "case")}, compared by ${htmlText(groups)}.</p>
<p class="notice" role="note">${htmlText(NOTICE)}</p>
</header>
<main>
${summarySection(comparison)}
${paretoSection(comparison, charts.pareto)}
${costSection(comparison, charts.costs)}
${differentialSection(comparison, charts.differential)}
${sessionsSection(comparison)}
${problemsSection(meta.problems)}
</main>
<footer>
<p>Made with dxsim. ${htmlText(NOTICE)}</p>
</footer>
</body>
</html>
`;
}
