import { describePlan } from "../agents/plan.js";
import { treatmentScoreLine } from "../reports/treatment.js";
import { OTHER_DIAGNOSIS } from "../core/knowledge.js";
import { pct } from "../agents/hypothesis.js";
import type { Anchoring, BiasFlags, PrematureClosure } from "./biases.js";
import type { Calibration } from "./calibration.js";
import type { BranchDebrief, Debrief, LearnerCalibration, PathDebrief, PathRound } from "./debrief.js";
import type { ActionItem } from "./labels.js";
import { DEBRIEF_THRESHOLDS } from "./thresholds.js";
import { markdownText } from "../output/safe-text.js";

export interface RenderOptions {
  format: "markdown" | "text";
  /** Widest line of a text table, in characters. */
  width?: number;
}

/** A run of words, some of them stressed (bold in markdown, plain in text). */
type Inline = string | { strong: string };
type Line = Inline[];
type Block =
  | { kind: "heading"; level: 1 | 2; text: string }
  | { kind: "paragraph"; line: Line }
  | { kind: "list"; items: Line[] }
  | { kind: "table"; header: string[]; rows: string[][] };

/** The debrief for people: the round-by-round table, every item's label and why, the flags, the teaching points. */
export function renderDebrief(debrief: Debrief, options: RenderOptions): string {
  const blocks = debriefBlocks(debrief);
  return options.format === "markdown" ? blocks.map(markdownBlock).join("\n\n") + "\n" : blocks.map((b) => textBlock(b, options.width ?? 110)).join("\n\n") + "\n";
}

const usd = (n: number): string => `$${n.toFixed(2)}`;
const strong = (text: string): Inline => ({ strong: text });

function debriefBlocks(d: Debrief): Block[] {
  const { learner, panel, branch, expert } = d;
  const blocks: Block[] = [
    { kind: "heading", level: 1, text: `Debrief: ${d.title} (${d.caseId})` },
    {
      kind: "list",
      items: [
        [strong("Diagnosis:"), ` ${d.truth.name}.`],
        [strong(d.attempt && d.attempt > 1 ? `You (attempt ${d.attempt}):` : "You:"), ` ${outcome(learner)}${statedText(learner)}`],
        ...(learner.points !== null ? [[strong("Points:"), ` ${pointsText(learner, d.expert.costUsd)}`]] : []),
        [strong("Harmful orders:"), ` ${harmsText(learner)}`],
        ...(learner.plan ? [[strong("Your plan:"), ` ${planOutcome(learner)}`]] : []),
        ...(branch ? [[strong("The other branch:"), ` ${branch.name}, ${parting(branch.forkRound)}: ${outcome(branch.path)}`]] : []),
        ...(panel ? [[strong("The panel on its own:"), ` ${outcome(panel)}${panel.points !== null ? ` Points ${panel.points} of 100.` : ""}`]] : []),
        ...(panel?.plan ? [[strong("The panel's plan:"), ` ${planOutcome(panel)}`]] : []),
        [strong("The expert path (key tests):"), ` ${expert.keyTests.map((t) => t.name).join(", ")}, then the diagnosis: ${usd(expert.costUsd)}.`],
      ],
    },
    { kind: "heading", level: 2, text: "Round by round" },
    roundTable(d),
    {
      kind: "paragraph",
      line: [
        "Leading: the working differential at the start of the round, that is the engine's posterior over what your path had revealed so far, with the truth's probability beside it. " +
          "Panel proposed: what the panel put forward that round. Spent: your running total.",
      ],
    },
    { kind: "heading", level: 2, text: "Every question and test" },
    itemList(learner),
    { kind: "heading", level: 2, text: "Calibration" },
    {
      kind: "paragraph",
      line: ["The Brier score on the truth, averaged over the rounds: 0 is a differential certain of the right answer, 2 one certain of a wrong one."],
    },
    {
      kind: "list",
      items: [
        [strong("You"), ` (calibration of the working differential): ${calibrationText(learner.calibration)}`],
        ...(panel ? [[strong("The panel"), ` (its own stated differentials, on its own run): ${calibrationText(panel.calibration)}`]] : []),
      ],
    },
    ...(d.learnerCalibration ? confidenceBlocks(d.learnerCalibration) : []),
    { kind: "heading", level: 2, text: "Flags" },
    flagList(learner.flags, d, "you named"),
    ...(branch ? branchBlocks(d, branch) : []),
  ];
  if (panel) {
    blocks.push(
      { kind: "heading", level: 2, text: "The panel on its own" },
      {
        kind: "table",
        header: ["Round", "Panel", "Spent", "Leading (truth)"],
        rows: panel.rounds.map((r) => [String(r.round), actionCell(r), usd(r.totalUsd), leadingCell(r)]),
      },
      { kind: "paragraph", line: [strong("Flags for the panel")] },
      flagList(panel.flags, d, "the panel named"),
    );
  }
  if (d.teachingPoints.length) blocks.push({ kind: "heading", level: 2, text: "Teaching points" }, { kind: "list", items: d.teachingPoints.map((t) => [t]) });
  blocks.push({ kind: "heading", level: 2, text: "How the labels are given" }, { kind: "list", items: definitions(d) });
  return blocks;
}

function outcome(p: PathDebrief): string {
  const dx = p.diagnosis;
  if (!dx) return `no diagnosis; spent ${usd(p.costUsd)}.`;
  const judged = dx.correct === null ? "" : ` (${dx.correct ? "correct" : "incorrect"}, judge's score ${dx.score}/5${dx.reason ? `: ${dx.reason.replace(/\.$/, "")}` : ""})`;
  const forced = dx.forced ? `, forced by the ${dx.forced === "budget" ? "budget" : "last round"}` : "";
  return `${dx.name} in round ${dx.round}${judged}${forced}; spent ${usd(p.costUsd)}.`;
}

/** What the learner said of their diagnosis, beside the panel's posterior of it. */
function statedText(p: PathDebrief): string {
  const dx = p.diagnosis;
  if (!dx || dx.stated === null) return "";
  const panel = dx.hypothesis.id === OTHER_DIAGNOSIS ? "" : ` (the panel gave it ${pct(dx.p)})`;
  return ` You said you were ${pct(dx.stated)} sure${panel}.`;
}

/** The points and what made them, as runs/points.ts counts them. */
function pointsText(p: PathDebrief, oracleUsd: number): string {
  const dx = p.diagnosis;
  const judged = dx?.score ? `judge's score ${dx.score}/5` : "no diagnosis";
  return `${p.points} of 100 (${judged}; spent ${usd(p.costUsd)} against the expert path's ${usd(oracleUsd)}; ${p.harms.length} harmful order${p.harms.length === 1 ? "" : "s"}).`;
}

function harmsText(p: PathDebrief): string {
  return p.harms.length === 0 ? "none." : `${p.harms.map((h) => `round ${h.round}: ${h.reason}`).join("; ")}.`;
}

/** The learner's stated confidence against outcome over their sessions, beside the panel's posterior. */
function confidenceBlocks(c: LearnerCalibration): Block[] {
  const over = `over ${c.sessions === 1 ? "this session" : `your ${c.sessions} judged sessions`}`;
  const yours = c.brier === null ? "you stated no confidence at a diagnosis" : `${c.brier.toFixed(2)} over ${c.stated} ${c.stated === 1 ? "diagnosis" : "diagnoses"}`;
  const panel = c.panelBrier === null ? "no posterior for the diagnoses named" : `${c.panelBrier.toFixed(2)} over ${c.panelStated}`;
  return [
    {
      kind: "paragraph",
      line: [`How sure you said you were at each diagnosis against whether it was right (Brier score, ${over}: 0 is perfectly calibrated, 1 certain and always wrong), beside the panel's probability for the same diagnoses.`],
    },
    { kind: "list", items: [[strong("Your stated confidence:"), ` ${yours}.`], [strong("The panel's probability:"), ` ${panel}.`]] },
  ];
}

/** A path's plan in one line: what it proposed, and how it scored against the case's reference plan. */
function planOutcome(p: PathDebrief): string {
  const plan = p.plan!.plan;
  const said = describePlan(plan).join("; ");
  return p.treatment ? `${said}. ${treatmentScoreLine(p.treatment)}.` : `${said}. Not scored: the case has no reference plan.`;
}

/** Two paths' rounds side by side, by round number; a path that ended sooner leaves a gap. */
function alignRounds<A extends { round: number }, B extends { round: number }>(a: readonly A[], b: readonly B[]): [number, A | undefined, B | undefined][] {
  const rounds = [...new Set([...a, ...b].map((r) => r.round))].sort((x, y) => x - y);
  return rounds.map((n) => [n, a.find((r) => r.round === n), b.find((r) => r.round === n)]);
}

function roundTable(d: Debrief): Block {
  const rows = alignRounds(d.learner.rounds, d.expert.rounds).map(([round, r, e]) => [
    String(round),
    r ? actionCell(r) : "",
    r ? (r.decidedBy === "panel" ? "(approved by you)" : (r.proposalText ?? "")) : "",
    e?.text ?? "",
    r ? usd(r.totalUsd) : "",
    r ? leadingCell(r) : "",
  ]);
  return { kind: "table", header: ["Round", "You", "Panel proposed", "Expert (key tests)", "Spent", "Leading (truth)"], rows };
}

/** "rounds 1 to 2 shared, parted at round 3": where the other branch left this one. */
function parting(forkRound: number): string {
  if (forkRound === 1) return "no round shared";
  const shared = forkRound === 2 ? "round 1" : `rounds 1 to ${forkRound - 1}`;
  return `${shared} shared, parted at round ${forkRound}`;
}

/** The two branches of a fork round by round, the rounds played before the fork marked shared; their calibration and flags. */
function branchBlocks(d: Debrief, branch: BranchDebrief): Block[] {
  const shared = (round: number) => round < branch.forkRound;
  const rows = alignRounds(d.learner.rounds, branch.path.rounds).map(([round, mine, other]) => [
    shared(round) ? `${round} (shared)` : String(round),
    mine ? actionCell(mine) : "",
    shared(round) ? "shared" : other ? actionCell(other) : "",
    mine ? usd(mine.totalUsd) : "",
    other ? usd(other.totalUsd) : "",
    mine ? leadingCell(mine) : "",
    other ? leadingCell(other) : "",
  ]);
  return [
    { kind: "heading", level: 2, text: "Two branches" },
    {
      kind: "paragraph",
      line: [
        `This branch is this session; the other is ${branch.name} (${parting(branch.forkRound)}). ` +
          "Rounds played before the fork belong to both. Spent: each branch's running total. Leading: each branch's working differential at the start of the round.",
      ],
    },
    {
      kind: "table",
      header: ["Round", "This branch", "Other branch", "Spent (this)", "Spent (other)", "Leading (truth), this", "Leading (truth), other"],
      rows,
    },
    {
      kind: "list",
      items: [
        [strong("This branch:"), ` ${outcome(d.learner)} Calibration: ${calibrationText(d.learner.calibration)}`],
        [strong("The other branch:"), ` ${outcome(branch.path)} Calibration: ${calibrationText(branch.path.calibration)}`],
      ],
    },
    { kind: "paragraph", line: [strong("Flags for the other branch"), " (this branch's are under Flags above)"] },
    flagList(branch.path.flags, d, "the other branch named"),
  ];
}

function actionCell(r: PathRound): string {
  if (r.action.kind === "diagnose") return r.actionText;
  const verb = r.action.kind === "ask" ? "ask" : "order";
  return `${verb}: ${r.items.map((i) => `${i.name} [${i.label}]`).join("; ")}`;
}

const leadingCell = (r: PathRound): string =>
  r.before.leader.id === OTHER_DIAGNOSIS ? `nothing named (truth ${pct(r.before.truthP)})` : `${r.before.leader.name} ${pct(r.before.leader.p)} (truth ${pct(r.before.truthP)})`;

function itemList(p: PathDebrief): Block {
  const items: Line[] = p.rounds.flatMap((r) => [
    ...r.items.map((i: ActionItem): Line => [`Round ${r.round}, ${i.kind} "${i.name}": `, strong(i.label), ` — ${i.reason}.`]),
    ...(r.action.kind === "diagnose" && p.diagnosis
      ? [[`Round ${r.round}: ${r.decidedBy === "panel" ? "the panel's diagnosis, approved" : "your diagnosis"}: ${p.diagnosis.name}${readAs(p.diagnosis.name, p.diagnosis.hypothesis)}, at ${pct(p.diagnosis.p)}.`]]
      : []),
  ]);
  return { kind: "list", items: items.length ? items : [["No questions or tests."]] };
}

/** How the engine read a named diagnosis, when its name differs from the hypothesis it stands for. */
const readAs = (name: string, hypothesis: { id: string; name: string }): string =>
  hypothesis.id === OTHER_DIAGNOSIS ? " (outside the knowledge base: read as another diagnosis)" : name.toLowerCase() === hypothesis.name.toLowerCase() ? "" : ` (read as ${hypothesis.name})`;

/** "no raised troponin", "no ST elevation": a finding's name after "no", acronyms kept. */
const absent = (name: string): string => `no ${/^[A-Z][a-z]/.test(name) ? name[0]!.toLowerCase() + name.slice(1) : name}`;

function calibrationText(c: Calibration): string {
  if (c.brier === null) return "no differential to score.";
  const path = c.rounds.map((r) => `${pct(r.truthP)}`).join(" → ");
  return `${c.brier.toFixed(2)} over ${c.rounds.length} round${c.rounds.length === 1 ? "" : "s"} (the truth's probability by round: ${path}).`;
}

/** `named` says who made the diagnosis: "you named", "the panel named". */
function flagList(f: BiasFlags, d: Debrief, named: string): Block {
  const items: Line[] = [
    [strong("Anchoring:"), ` ${f.anchoring ? anchoringText(f.anchoring, named) : "none."}`],
    [strong("Premature closure:"), ` ${f.prematureClosure ? closureText(f.prematureClosure, named) : "none."}`],
    [
      strong("Can't-miss diagnoses never excluded:"),
      f.cantMissOpen.length
        ? ` ${f.cantMissOpen.map((c) => `${c.name} (${pct(c.p)})`).join(", ")}: still at or above ${pct(d.thresholds.cantMiss)} when the workup ended.`
        : " none.",
    ],
    [
      strong("Tests that changed nothing:"),
      f.testsThatChangedNothing.length
        ? ` ${f.testsThatChangedNothing.map((t) => `${t.name} (round ${t.round}, ${usd(t.usd)})`).join(", ")}.`
        : " none.",
    ],
  ];
  return { kind: "list", items };
}

function anchoringText(a: Anchoring, named: string): string {
  const against = a.contrary.map((c) => `${c.present ? c.name : absent(c.name)} (round ${c.round}, likelihood ratio ${c.ratio.toFixed(2)})`).join("; ");
  return (
    `${named} ${a.hypothesis.name}, whose probability had fallen from ${pct(a.peak.p)} (round ${a.peak.round}) to ${pct(a.atDiagnosis)} ` +
    `while ${a.contrary.length} findings argued against it: ${against}. By then the evidence favoured ${a.leader.name} (${pct(a.leader.p)}).`
  );
}

function closureText(c: PrematureClosure, named: string): string {
  const forced = c.forced ? ` The close was forced by the ${c.forced === "budget" ? "budget" : "last round"}.` : "";
  return `in round ${c.round} ${named} ${c.hypothesis.name} at ${pct(c.p)}, below the ${pct(c.threshold)} confidence threshold.${forced}`;
}

function definitions(d: Debrief): Line[] {
  const t = DEBRIEF_THRESHOLDS;
  return [
    [strong("critical"), `: a key test of the case, or a question or test whose reply lifted the truth past the ${pct(d.thresholds.confidence)} threshold.`],
    [strong("useful"), `: real information: the differential's uncertainty fell by more than ${t.usefulBits} bits, or the truth's probability moved by more than ${t.usefulTruthShift * 100} points.`],
    [strong("neutral"), ": new findings that left the differential much as it was, or only widened it."],
    [strong("wasted"), ": no information: refused, a repeat, or nothing the evidence did not already hold."],
    [
      strong("anchoring"),
      `: naming a diagnosis whose probability had fallen to half its peak or less, after at least ${t.anchoringContraryFindings} findings argued against it ` +
        `(likelihood ratio below ${t.contraryRatio}), while the evidence favoured another.`,
    ],
    [strong("premature closure"), `: naming a diagnosis while its probability was below the ${pct(d.thresholds.confidence)} confidence threshold.`],
    ...(d.coded ? [] : [["This case has no knowledge-base links: the engine could not weigh the replies, so labels rest on key tests and repeats only."]]),
  ];
}

// ---- markdown ---------------------------------------------------------------------------------

const markdownLine = (line: Line): string => line.map((x) => (typeof x === "string" ? markdownText(x) : `**${markdownText(x.strong)}**`)).join("");

function markdownBlock(b: Block): string {
  switch (b.kind) {
    case "heading":
      return `${"#".repeat(b.level)} ${markdownText(b.text)}`;
    case "paragraph":
      return markdownLine(b.line);
    case "list":
      return b.items.map((item) => `- ${markdownLine(item)}`).join("\n");
    case "table": {
      const row = (cells: string[]) => `| ${cells.map((c) => markdownText(c)).join(" | ")} |`;
      return [row(b.header), `|${b.header.map(() => "---").join("|")}|`, ...b.rows.map(row)].join("\n");
    }
  }
}

// ---- text -------------------------------------------------------------------------------------

const plainLine = (line: Line): string => line.map((x) => (typeof x === "string" ? x : x.strong)).join("");

function textBlock(b: Block, width: number): string {
  switch (b.kind) {
    case "heading":
      return `${b.text}\n${(b.level === 1 ? "=" : "-").repeat(Math.min(b.text.length, width))}`;
    case "paragraph":
      return wrap(plainLine(b.line), width).join("\n");
    case "list":
      return b.items.map((item) => wrap(plainLine(item), width - 2).map((l, i) => `${i === 0 ? "- " : "  "}${l}`).join("\n")).join("\n");
    case "table":
      return textTable(b.header, b.rows, width);
  }
}

const GAP = "  ";
const MIN_COLUMN = 8;

/** Columns as wide as their longest cell, the widest narrowed until the table fits; cells wrap. */
function textTable(header: string[], rows: string[][], width: number): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const budget = width - GAP.length * (header.length - 1);
  while (widths.reduce((a, b) => a + b, 0) > budget) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= MIN_COLUMN) break;
    widths[widest]!--;
  }
  const line = (cells: string[]) => {
    const wrapped = cells.map((c, i) => wrap(c, widths[i]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from({ length: height }, (_, k) => wrapped.map((w, i) => (w[k] ?? "").padEnd(widths[i]!)).join(GAP).trimEnd()).join("\n");
  };
  return [line(header), widths.map((w) => "-".repeat(w)).join(GAP), ...rows.map(line)].join("\n");
}

/** Word wrap; a word longer than the width is cut. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (word.length > width) {
      if (current) lines.push(current);
      lines.push(word.slice(0, width));
      word = word.slice(width);
      current = "";
    }
    if (!current) current = word;
    else if (current.length + 1 + word.length <= width) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}
