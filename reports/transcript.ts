import { describePlan } from "../agents/plan.js";
import { planAuthor, treatmentScoreLine } from "./treatment.js";
import type { DebateMessage } from "../agents/debate.js";
import { pct } from "../agents/hypothesis.js";
import { itemLabel } from "../agents/proposal.js";
import { PanelRoleSchema, ROLE_TITLES } from "../agents/roles.js";
import type { Action } from "../core/action.js";
import type { Case } from "../core/case.js";
import { complaintLabel } from "../core/complaint.js";
import { type LedgerEntry, ledgerTotal, visitCount } from "../core/ledger.js";
import type { Reveal } from "../core/reveal.js";
import type { SessionValues } from "../graph/state.js";
import { markdownText, terminalText } from "../output/safe-text.js";

export const NOTICE = "For education and research; not a medical device.";

// ---- pieces the console shows too ------------------------------------------------------------

const money = (x: number): string =>
  `$${x.toLocaleString("en-US", { minimumFractionDigits: Number.isInteger(x) ? 0 : 2, maximumFractionDigits: 2 })}`;

/** Test id → display name, from everything the session has named: results, proposals, the bill. */
export function testNames(values: Pick<SessionValues, "reveals" | "debate" | "ledger">): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of values.ledger.entries) if (e.kind === "test") names.set(e.id, e.name);
  for (const { reveal } of values.reveals) if (reveal.testId && reveal.testName) names.set(reveal.testId, reveal.testName);
  for (const m of values.debate) {
    if (m.role === "chair" || m.role === "test-chooser") {
      const items = m.role === "chair" ? m.output.items : m.output.proposals;
      for (const i of items) if (i.kind === "test" && !names.has(i.testId)) names.set(i.testId, i.name);
    }
  }
  return names;
}

/** Hypothesis id → name, from every differential the session held. */
function diagnosisNames(values: Pick<SessionValues, "differentials" | "debate">): Map<string, string> {
  const names = new Map<string, string>();
  for (const d of values.differentials) for (const e of d.differential) names.set(e.id, e.name);
  for (const m of values.debate) if (m.role === "hypothesis") for (const e of m.output.differential) names.set(e.id, e.name);
  return names;
}

/** Every id the session has named (tests and hypotheses) → its display name. */
export const namesOf = (values: Pick<SessionValues, "reveals" | "debate" | "ledger" | "differentials">): Map<string, string> =>
  new Map([...diagnosisNames(values), ...testNames(values)]);

/** "order Troponin I, ECG", "ask: Any fever? | Any cough?", "diagnose: Pulmonary embolism". */
export function actionText(action: Action, names: ReadonlyMap<string, string> = new Map()): string {
  switch (action.kind) {
    case "ask":
      return `ask ${action.questions.map((q) => `“${q}”`).join(", ")}`;
    case "order":
      return `order ${action.tests.map((t) => names.get(t) ?? t).join(", ")}`;
    case "diagnose":
      return `diagnose ${action.diagnosis.name}`;
  }
}

export interface RevealText {
  /** One line: what was asked or ordered and the gist of the reply. */
  line: string;
  /** The result's values, one a line ("Troponin I 2.3 ng/mL (high; range < 0.04)"). */
  values: string[];
}

export function revealText(reveal: Reveal): RevealText {
  const values = reveal.values.map(
    (v) => `${v.name} ${v.value}${v.unit ? ` ${v.unit}` : ""}${v.flag || v.range ? ` (${[v.flag, v.range ? `range ${v.range}` : ""].filter(Boolean).join("; ")})` : ""}`,
  );
  switch (reveal.kind) {
    case "answer":
      return { line: `Q: ${reveal.request} — ${reveal.text}`, values };
    case "result":
      return { line: `${reveal.testName ?? reveal.request}: ${reveal.text}`, values };
    case "refusal":
      return { line: `Not done: ${reveal.request} — ${reveal.text}`, values };
  }
}

/** Ends a line with a full stop unless it has its own. */
export const sentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** Who spoke, when it was not the offline engine as planned. */
const brainNote = (m: DebateMessage): string | null =>
  m.brain === "offline" && !m.fallback ? null : `Brain: ${m.brain}${m.fallback ? `; fell back to the offline brain: ${m.fallback}` : ""}.`;

/** A round's messages in the order the panel speaks (parallel roles finish in any order). */
export const inSpeakingOrder = (messages: readonly DebateMessage[]): DebateMessage[] =>
  [...messages].sort((a, b) => a.turn - b.turn || PanelRoleSchema.options.indexOf(a.role) - PanelRoleSchema.options.indexOf(b.role));

/** One line per role: what it concluded, for the collapsed debate. */
export function roleSummary(m: DebateMessage, names: ReadonlyMap<string, string> = new Map()): string {
  switch (m.role) {
    case "hypothesis": {
      const [lead, ...rest] = m.output.differential.filter((h) => h.id !== "other");
      if (!lead) return m.output.argument;
      const then = rest.slice(0, 2).map((h) => `${h.name} ${pct(h.p)}`);
      return `Leading ${lead.name} ${pct(lead.p)}${then.length ? `; then ${then.join(", ")}` : ""}`;
    }
    case "test-chooser":
      return m.output.proposals.length
        ? `Proposes ${m.output.proposals.map((p) => `${itemLabel(p)} (${p.gainBits.toFixed(2)} bits)`).join(", ")}`
        : "Nothing left is worth its price";
    case "skeptic": {
      const o = m.output;
      if (o.prematureClosure) return o.prematureClosure;
      const open = o.cantMiss.length ? `can't-miss open: ${o.cantMiss.map((d) => `${d.name} ${pct(d.p)}`).join(", ")}` : "no can't-miss diagnosis open";
      return `${o.alternative ? `Alternative ${o.alternative.name} ${pct(o.alternative.p)}; ` : ""}${open}`;
    }
    case "cost-steward": {
      const o = m.output;
      return `${o.revised ? "Revised for value; this" : "This"} round ${money(o.proposalCostUsd)}; ${money(o.leftUsd)} left of ${money(o.budgetUsd)}${o.overBudget ? " — over budget" : ""}`;
    }
    case "chair":
      return `${actionText(m.output.action, names)}: ${m.output.reason}`;
  }
}

/** A role's full reasoning, line by line, for the expanded debate and the transcript. */
export function roleDetails(m: DebateMessage, names: ReadonlyMap<string, string> = new Map()): string[] {
  const lines: string[] = [];
  const name = (id: string) => names.get(id) ?? id;
  switch (m.role) {
    case "hypothesis":
      // The offline argument only restates the ranked reasons; a model's may say more.
      if (m.brain !== "offline") lines.push(m.output.argument);
      lines.push(...m.output.differential.map((h, i) => `${i + 1}. ${h.name} ${pct(h.p)} — ${h.reason}`));
      break;
    case "test-chooser":
      if (m.output.proposals.length === 0) lines.push(m.output.argument);
      for (const p of m.output.proposals)
        lines.push(`• ${itemLabel(p)}: ${p.gainBits.toFixed(2)} bits expected${p.separates.length > 1 ? `; tells ${p.separates.map(name).join(" from ")}` : ""}`);
      break;
    case "skeptic": {
      const o = m.output;
      lines.push(o.alternative ? `Strongest alternative: ${o.alternative.name} (${pct(o.alternative.p)}).` : "No serious alternative left.");
      lines.push(o.cantMiss.length ? `Can't-miss, not yet excluded: ${o.cantMiss.map((d) => `${d.name} ${pct(d.p)}`).join(", ")}.` : "No can't-miss diagnosis above threshold.");
      if (o.unexplained.length) lines.push(`Unexplained by the leader: ${o.unexplained.join(", ")}.`);
      if (o.prematureClosure) lines.push(o.prematureClosure);
      if (o.challenge) lines.push(sentence(`To test it: ${itemLabel(o.challenge)}`));
      break;
    }
    case "cost-steward": {
      const o = m.output;
      if (o.revised) lines.push(o.revised.length ? `Revised for value: ${o.revised.map(itemLabel).join(", ")}, in place of the test chooser's proposal.` : "Revised: nothing the test chooser proposed is worth its price.");
      for (const i of o.items)
        lines.push(`• ${i.label}: ${money(i.priceUsd)}${i.cheaper ? ` (cheaper: ${i.cheaper.name} ${money(i.cheaper.priceUsd)})` : ""}${i.affordable ? "" : " — not affordable"}`);
      lines.push(`This round ${money(o.proposalCostUsd)}; spent ${money(o.spentUsd)} of ${money(o.budgetUsd)}, ${money(o.leftUsd)} left.`);
      if (o.cancelled.length) lines.push(`Cancelled over budget: ${o.cancelled.join(", ")}.`);
      break;
    }
    case "chair": {
      const o = m.output;
      lines.push(`Decides: ${actionText(o.action, names)}.`, sentence(o.reason));
      for (const c of o.checklist) lines.push(`✓ ${c}`);
      if (o.forced) lines.push(`Forced: the ${o.forced === "budget" ? "budget is spent" : "last round is reached"}.`);
      if (o.budgetAlert) lines.push(`Budget alert: ${o.budgetAlert}`);
      break;
    }
  }
  const note = brainNote(m);
  if (note) lines.push(note);
  return lines;
}

// ---- the transcript --------------------------------------------------------------------------

/** A list item, with lines under it (a role and its reasoning). */
export type ListItem = string | { text: string; sub: string[] };

export type Block =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "para"; text: string }
  | { kind: "notice"; text: string }
  | { kind: "list"; items: ListItem[] }
  | { kind: "table"; head: string[]; rows: string[][]; right: number[] };

export interface TranscriptOptions {
  format: "markdown" | "text";
  /** The price of the case's minimal confirmatory workup, when the caller knows the catalog. */
  oracleCostUsd?: number;
  /** The session's name, shown under the title. */
  sessionName?: string;
}

/**
 * A session as a document: the presentation, each round (debate, differential, decision,
 * findings), then the verdict, the money and the teaching points. An unfinished session keeps
 * the case's title and diagnosis hidden, as the console does.
 */
export function renderTranscript(caseFile: Case, values: SessionValues, options: TranscriptOptions): string {
  const blocks = transcriptBlocks(caseFile, values, options);
  return options.format === "markdown" ? toMarkdown(blocks) : terminalText(toText(blocks));
}

/** The transcript as blocks, for a renderer of its own (the HTML export). */
export function transcriptBlocks(caseFile: Case, values: SessionValues, options: TranscriptOptions): Block[] {
  const finished = values.verdict !== null;
  const p = caseFile.presentation;
  const tests = testNames(values);
  const names = namesOf(values);
  const blocks: Block[] = [
    { kind: "heading", level: 1, text: `dxsim session: ${finished ? caseFile.title : p.chief_complaint}` },
    { kind: "notice", text: NOTICE },
    {
      kind: "list",
      items: [
        `Case ${caseFile.id}: ${complaintLabel(caseFile.complaint)}, ${caseFile.difficulty}`,
        ...(options.sessionName ? [`Session ${options.sessionName}`] : []),
        `Panel ${values.settings.variant}, budget ${money(values.settings.budgetUsd)}, visit fee ${money(values.settings.visitFeeUsd)}`,
      ],
    },
    { kind: "heading", level: 2, text: "Presentation" },
    { kind: "para", text: `${p.age}-year-old ${p.sex}, seen in the ${p.setting === "emergency" ? "emergency department" : "clinic"}. Chief complaint: ${p.chief_complaint}.` },
    { kind: "para", text: p.narrative },
  ];

  const rounds = [...new Set([...values.debate.map((m) => m.round), ...values.trail.map((t) => t.round)])].sort((a, b) => a - b);
  for (const round of rounds) {
    blocks.push({ kind: "heading", level: 2, text: `Round ${round}` });
    const turns = inSpeakingOrder(values.debate.filter((m) => m.round === round));
    if (turns.length) {
      blocks.push({ kind: "heading", level: 3, text: "Debate" });
      blocks.push({
        kind: "list",
        items: turns.map((m) => ({ text: `${ROLE_TITLES[m.role]}${values.settings.debateTurns > 1 ? ` (turn ${m.turn})` : ""}`, sub: roleDetails(m, names) })),
      });
    }
    const differential = values.differentials.findLast((d) => d.round === round)?.differential;
    if (differential) {
      blocks.push({ kind: "heading", level: 3, text: "Differential" });
      blocks.push({ kind: "table", head: ["Diagnosis", "Probability"], rows: differential.map((e) => [e.name, pct(e.p)]), right: [1] });
    }
    const decision = values.trail.findLast((t) => t.round === round);
    if (decision) {
      blocks.push({ kind: "heading", level: 3, text: "Decision" });
      const who =
        decision.decidedBy === "panel"
          ? "The panel's proposal, approved"
          : decision.replaced
            ? `Physician override (the panel proposed to ${actionText(decision.replaced, tests)})`
            : "The physician decided";
      const extra = [decision.forced ? `forced by the ${decision.forced === "budget" ? "budget" : "round limit"}` : "", decision.note ?? ""].filter(Boolean);
      blocks.push({ kind: "para", text: `${who}: ${actionText(decision.action, tests)}.${extra.length ? ` (${extra.join("; ")})` : ""}` });
    }
    const found = values.reveals.filter((r) => r.round === round);
    if (found.length) {
      blocks.push({ kind: "heading", level: 3, text: "Findings" });
      blocks.push({
        kind: "list",
        items: found.map(({ reveal }) => {
          const t = revealText(reveal);
          return `${reveal.abnormal ? "[abnormal] " : ""}${t.line}${t.values.length ? ` (${t.values.join("; ")})` : ""}`;
        }),
      });
    }
  }

  blocks.push({ kind: "heading", level: 2, text: "Diagnosis and verdict" });
  const dx = values.diagnosis;
  if (dx) {
    const by = dx.decidedBy === "panel" ? "the panel (its proposal approved)" : "the physician";
    blocks.push({ kind: "para", text: `Final diagnosis: ${dx.guess.name}${dx.guess.icd10 ? ` (${dx.guess.icd10})` : ""}, given by ${by} in round ${dx.round}${dx.forced ? `, forced by the ${dx.forced === "budget" ? "budget" : "round limit"}` : ""}.` });
  } else {
    blocks.push({ kind: "para", text: "No diagnosis was given: the session was left before the end." });
  }
  if (values.verdict) {
    const v = values.verdict;
    const truth = caseFile.diagnosis;
    blocks.push({ kind: "para", text: `Verdict: ${v.score}/5, ${v.correct ? "correct" : "not correct"}. ${v.reason}` });
    blocks.push({ kind: "para", text: `True diagnosis: ${truth.name}${truth.icd10 ? ` (${truth.icd10})` : ""}.` });
  }

  if (values.plan) {
    const plan = values.plan;
    blocks.push({ kind: "heading", level: 2, text: "Treatment plan" });
    blocks.push({ kind: "para", text: `The plan for ${plan.plan.diagnosis}: ${planAuthor(plan)}.` });
    blocks.push({ kind: "list", items: [...describePlan(plan.plan), ...(plan.plan.sources.length ? [`Sources: ${plan.plan.sources.join(" | ")}`] : [])] });
    if (values.treatment) blocks.push({ kind: "para", text: `${treatmentScoreLine(values.treatment)}.` });
    else if (finished) blocks.push({ kind: "para", text: "Plan not scored: the case has no reference plan." });
  }

  blocks.push({ kind: "heading", level: 2, text: "Cost" });
  blocks.push({
    kind: "table",
    head: ["Item", "Round", "USD"],
    rows: [...values.ledger.entries.map((e: LedgerEntry) => [e.kind === "visit" ? "Physician visit" : e.name, String(e.round), money(e.usd)]), ["Total", "", money(ledgerTotal(values.ledger))]],
    right: [1, 2],
  });
  const total = ledgerTotal(values.ledger);
  const count = (n: number, word: string) => `${n === 0 ? "no" : n} ${word}${n === 1 ? "" : "s"}`;
  const visits = count(visitCount(values.ledger), "visit");
  const testsOrdered = values.ledger.entries.filter((e) => e.kind === "test").length;
  const costLine = [`${visits[0]!.toUpperCase()}${visits.slice(1)} and ${count(testsOrdered, "test")}: ${money(total)} of the ${money(values.settings.budgetUsd)} budget.`];
  if (options.oracleCostUsd !== undefined && finished) {
    const ratio = options.oracleCostUsd > 0 ? `; this session cost ${(total / options.oracleCostUsd).toFixed(1)}× that` : "";
    costLine.push(`The case's minimal confirmatory workup costs ${money(options.oracleCostUsd)}${ratio}.`);
  }
  blocks.push({ kind: "para", text: costLine.join(" ") });

  if (finished && caseFile.teaching_points.length) {
    blocks.push({ kind: "heading", level: 2, text: "Teaching points" });
    blocks.push({ kind: "list", items: caseFile.teaching_points });
  }
  blocks.push({ kind: "para", text: `Case source: ${caseFile.source.name} (${caseFile.source.licence}).` });
  return blocks;
}

// ---- renderers -------------------------------------------------------------------------------

/** A role's reasoning line as a nested Markdown item: its own bullet or number kept, not doubled. */
function markdownSubItem(line: string): string {
  if (line.startsWith("• ")) return `  - ${markdownText(line.slice(2))}`;
  const numbered = /^(\d+\. )(.*)$/s.exec(line);
  return numbered ? `  ${numbered[1]}${markdownText(numbered[2]!)}` : `  - ${markdownText(line)}`;
}

function toMarkdown(blocks: readonly Block[]): string {
  const out = blocks.map((b) => {
    switch (b.kind) {
      case "heading":
        return `${"#".repeat(b.level)} ${markdownText(b.text)}`;
      case "para":
        return markdownText(b.text);
      case "notice":
        return `> ${markdownText(b.text)}`;
      case "list":
        return b.items.map((i) => (typeof i === "string" ? `- ${markdownText(i)}` : [`- ${markdownText(i.text)}`, ...i.sub.map(markdownSubItem)].join("\n"))).join("\n");
      case "table": {
        const align = b.head.map((_, i) => (b.right.includes(i) ? "---:" : "---"));
        return [b.head.map(markdownText), align, ...b.rows.map((r) => r.map(markdownText))].map((r) => `| ${r.join(" | ")} |`).join("\n");
      }
    }
  });
  return `${out.join("\n\n")}\n`;
}

const TEXT_WIDTH = 78;

/** Wraps a paragraph at word boundaries, the first line after `first`, the rest after `rest`. */
function wrap(text: string, first = "", rest = first, width = TEXT_WIDTH): string {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else {
      line += (empty ? "" : " ") + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines.join("\n");
}

function toText(blocks: readonly Block[]): string {
  const out = blocks.map((b) => {
    switch (b.kind) {
      case "heading":
        return b.level === 3 ? `${b.text}:` : `${b.text}\n${(b.level === 1 ? "=" : "-").repeat(Math.min(b.text.length, TEXT_WIDTH))}`;
      case "para":
        return wrap(b.text);
      case "notice":
        return wrap(b.text, "NOTE: ", "      ");
      case "list":
        return b.items
          .map((i) => (typeof i === "string" ? wrap(i, "  - ", "    ") : [wrap(i.text, "  - ", "    "), ...i.sub.map((l) => wrap(l, "      ", "      "))].join("\n")))
          .join("\n");
      case "table": {
        const widths = b.head.map((h, i) => Math.max(h.length, ...b.rows.map((r) => (r[i] ?? "").length)));
        const row = (r: string[]) => `  ${r.map((c, i) => (b.right.includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ")}`.trimEnd();
        return [row(b.head), row(widths.map((w) => "-".repeat(w))), ...b.rows.map(row)].join("\n");
      }
    }
  });
  return `${out.join("\n\n")}\n`;
}
