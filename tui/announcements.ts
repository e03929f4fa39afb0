import { ROLE_TITLES } from "../agents/roles.js";
import type { Knowledge } from "../agents/view.js";
import type { Case } from "../core/case.js";
import { complaintLabel } from "../core/complaint.js";
import { ledgerTotal } from "../core/ledger.js";
import type { ReviewRequest, SessionValues } from "../graph/state.js";
import { NOTICE, inSpeakingOrder, namesOf, revealText, roleSummary, sentence } from "../reports/transcript.js";
import { type DifferentialRow, differentialRows } from "./differential-change.js";
import { type FinalReport, finalReport, oracleRatio } from "./final-report.js";
import { bits, percent } from "./format.js";
import { usd, usdExact } from "../output/money.js";
import { type PricedAction, pricedAction } from "./priced-action.js";

/** A session at one moment, as the screen-reader layout compares it with the moment before. */
export interface Moment {
  values: SessionValues;
  review: ReviewRequest | null;
  finished: boolean;
}

export interface AnnounceContext {
  caseFile: Case;
  knowledge: Knowledge;
  oracleCostUsd: number;
}

function introLines(caseFile: Case): string[] {
  const p = caseFile.presentation;
  return [
    `dxsim, case ${caseFile.id}: ${complaintLabel(caseFile.complaint)}, ${caseFile.difficulty}. ${NOTICE}`,
    `Patient: ${p.age}-year-old ${p.sex}, ${p.setting === "emergency" ? "emergency department" : "clinic"}. Chief complaint: ${p.chief_complaint}.`,
    p.narrative,
  ];
}

function differentialSentence(rows: readonly DifferentialRow[]): string {
  const change = (r: DifferentialRow) =>
    r.change === "new" ? ", new" : r.change === "up" ? `, up ${Math.round(r.delta * 100)} points` : r.change === "down" ? `, down ${Math.round(-r.delta * 100)} points` : "";
  return `Differential: ${rows.map((r) => `${r.name} ${percent(r.p)}${change(r)}`).join("; ")}.`;
}

function proposalSentence(priced: PricedAction, values: SessionValues): string {
  const { action } = priced;
  if (action.kind === "diagnose") return `The panel proposes the diagnosis ${action.diagnosis.name}.`;
  const items = priced.lines.map((l) => `${l.label}, ${l.priceUsd === null ? "price when resolved" : usdExact(l.priceUsd)}${l.gainBits === null ? "" : `, ${bits(l.gainBits)}`}`);
  const spent = ledgerTotal(values.ledger);
  return `The panel proposes to ${action.kind === "ask" ? "ask" : "order"}: ${items.join("; ")}. This round costs ${usdExact(priced.totalUsd)}. Budget: ${usd(spent)} spent, ${usd(Math.max(0, values.settings.budgetUsd - spent))} left of ${usd(values.settings.budgetUsd)}.`;
}

function finalLines(report: FinalReport): string[] {
  const ratio = oracleRatio(report);
  return [
    `Verdict: ${report.verdict.score} out of 5, ${report.verdict.correct ? "correct" : "not correct"}. ${report.verdict.reason}`,
    `Your diagnosis: ${report.diagnosis.guess.name}. True diagnosis: ${report.truth.name}. Case: ${report.title}.`,
    `Cost: ${usdExact(report.totalUsd)}${report.costs.length ? `, made of ${report.costs.map((c) => `${c.label} ${usdExact(c.usd)}`).join(", ")}` : ""}. Oracle cost ${usdExact(report.oracleCostUsd)}${ratio === null ? "" : `, ${ratio.toFixed(1)} times that`}.`,
    ...report.path.map(
      (s) => `Round ${s.round}: ${s.decidedBy === "panel" ? "the panel's proposal, approved" : s.override ? "physician override" : "the physician"}: ${s.text}${s.replaced ? `, instead of: ${s.replaced}` : ""}${s.forced ? `, forced by the ${s.forced === "budget" ? "budget" : "round limit"}` : ""}.`,
    ),
    ...report.treatment,
    ...report.teachingPoints.map((t) => `Teaching point: ${t}`),
  ];
}

/**
 * The lines a screen reader should hear for what changed between two moments: each finding,
 * each role as it speaks, the differential, the proposal and any budget alert, an undo, the
 * verdict. Nothing is drawn; every change is a line of text.
 */
export function announcements(before: Moment | null, now: Moment, context: AnnounceContext): string[] {
  if (!before) return introLines(context.caseFile);
  const lines: string[] = [];
  const a = before.values;
  const b = now.values;
  const wentBack = b.round < a.round || (before.finished && !now.finished) || b.debate.length < a.debate.length;
  if (wentBack) lines.push(`Undone. Back to the review of round ${b.round}.`);
  else {
    for (const { reveal } of b.reveals.slice(a.reveals.length)) {
      const t = revealText(reveal);
      lines.push(`${reveal.abnormal ? "Abnormal: " : ""}${sentence(t.line)}${t.values.length ? ` ${sentence(t.values.join("; "))}` : ""}`);
    }
    const names = namesOf(b);
    for (const m of inSpeakingOrder(b.debate.slice(a.debate.length))) lines.push(`Round ${m.round}, ${ROLE_TITLES[m.role]}: ${sentence(roleSummary(m, names))}`);
    if (b.differentials.length > a.differentials.length) lines.push(differentialSentence(differentialRows(b, b.differentials.at(-1)!.round)));
  }
  const review = now.review;
  const sameReview = before.review && review && before.review.round === review.round && before.review.budgetAlert === review.budgetAlert && !wentBack;
  if (review && !sameReview) {
    lines.push(proposalSentence(pricedAction(review.proposal, b, context.knowledge), b));
    if (review.budgetAlert) lines.push(`Budget alert: ${review.budgetAlert} Press b to raise the budget, e to trim the action, or d to diagnose.`);
  }
  if (now.finished && !before.finished) {
    const report = finalReport(context.caseFile, b, context.oracleCostUsd);
    if (report) lines.push(...finalLines(report));
  }
  return lines;
}

/** What a fork made: said on the status line and printed (or read out) first in the new session's log. */
export function forkNotice(fork: { id: string; round: number; from: string }): string {
  return `Forked as ${fork.id} from round ${fork.round}; \`dxsim resume ${fork.id}\` continues it. You are now on the fork; ${fork.from} is saved as it was.`;
}
