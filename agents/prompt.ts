import { complaintLabel } from "../core/complaint.js";
import type { Reveal } from "../core/reveal.js";
import { describeAction } from "../core/action.js";
import { describeOptions } from "./mcq.js";
import { type Knowledge, type PanelView, budgetLeftUsd, spentUsd } from "./view.js";

/** What a model is told: the standing instructions, and this turn's material. */
export interface Prompt {
  system: string;
  user: string;
}

/** Said to every panel role: what the simulation is and what it must not pretend. */
export const PANEL_PREAMBLE =
  "You are one member of a diagnostic panel in dxsim, a teaching simulator of sequential diagnosis " +
  "(after SDBench / MAI-DxO). The panel works a case up round by round: each round it asks the " +
  "patient questions, orders named tests, or gives one final diagnosis. Findings come only from the " +
  "gatekeeper's replies; do not invent results. Probabilities are numbers from 0 to 1. Reply with " +
  "one JSON object that fits the given schema, and nothing else.";

const money = (usd: number): string => `$${usd.toFixed(2)}`;

/** The patient, the money and everything revealed so far, as the panel may know it. */
export function describeView(view: PanelView): string {
  const { presentation } = view.visible;
  const lines = [
    `Patient: ${presentation.age}-year-old ${presentation.sex}, seen in the ${presentation.setting === "emergency" ? "emergency department" : "clinic"}.`,
    `Presenting complaint (${complaintLabel(view.visible.complaint)}): ${presentation.chief_complaint}`,
    `History of the presenting illness: ${presentation.narrative}`,
    ...(view.settings.mcqOptions ? [describeOptions(view.settings.mcqOptions)] : []),
    "",
    `Round ${view.round} of at most ${view.settings.maxRounds}${view.settings.debateTurns > 1 ? `, debate turn ${view.turn} of ${view.settings.debateTurns}` : ""}. Panel: ${view.settings.variant}.`,
    `Budget ${money(view.settings.budgetUsd)}: spent ${money(spentUsd(view))}, left ${money(budgetLeftUsd(view))}. ` +
      `A visit costs ${money(view.settings.visitFeeUsd)}; questions in a row are one visit and a test order ends it` +
      `${view.ledger.visitOpen ? " (a visit is open now, so questions cost nothing more)" : ""}.`,
    "",
    "Revealed so far:",
    ...(view.reveals.length ? view.reveals.map(({ round, reveal }) => `- round ${round}: ${describeReveal(reveal)}`) : ["- nothing yet"]),
  ];
  const lastDifferential = view.differentials.at(-1);
  if (lastDifferential) {
    lines.push("", `The panel's differential after round ${lastDifferential.round}: ${lastDifferential.differential.map((e) => `${e.name} ${(e.p * 100).toFixed(0)}%`).join(", ")}.`);
  }
  if (view.trail.length) {
    lines.push("", "Decisions so far:", ...view.trail.map((t) => `- round ${t.round}: ${t.decidedBy} ${t.replaced ? "replaced the panel's proposal with" : "chose"} ${describeAction(t.action)}${t.forced ? ` (forced: ${t.forced})` : ""}${t.note ? ` — ${t.note}` : ""}`));
  }
  return lines.join("\n");
}

export function describeReveal(r: Reveal): string {
  const values = r.values.length
    ? ` [${r.values.map((v) => `${v.name} ${v.value}${v.unit ? ` ${v.unit}` : ""}${v.range ? ` (ref ${v.range})` : ""}${v.flag ? ` ${v.flag}` : ""}`).join("; ")}]`
    : "";
  switch (r.kind) {
    case "answer":
      return `asked "${r.request}" → ${r.text}`;
    case "result":
      return `ordered ${r.testName ?? r.request}${r.testId ? ` (${r.testId})` : ""} → ${r.text}${values}${r.abnormal ? " (abnormal)" : ""}`;
    case "refusal":
      return `"${r.request}" was refused: ${r.text}`;
  }
}

/** Knowledge-base diseases for this complaint, so a model can use their ids. */
export function describeCandidates(view: PanelView, { kb }: Knowledge): string {
  const candidates = kb.diseases.filter((d) => d.presentations.includes(view.visible.complaint));
  if (candidates.length === 0) return "Knowledge-base diseases for this complaint: none; name diagnoses freely and use a lower-case slug of the name as the id.";
  return [
    "Knowledge-base diseases for this complaint (use these ids when the diagnosis is one of them; otherwise a lower-case slug of the name; \"other\" for a diagnosis not yet named):",
    ...candidates.map((d) => `- ${d.id}: ${d.name} (${d.icd10})${d.cant_miss ? " — can't miss" : ""}`),
  ].join("\n");
}

/** The test catalog with prices: the only tests the panel can order by id. */
export function describeCatalog({ catalog }: Knowledge): string {
  return ["Test catalog (id: name, price):", ...catalog.tests.map((t) => `- ${t.id}: ${t.name}, ${money(t.price_usd)}`)].join("\n");
}

/** Another role's output, shown to the next as it was given (numbers to 3 decimals: tokens cost money). */
export const describeOutput = (title: string, output: unknown): string =>
  `${title}:\n${JSON.stringify(output, (_key, value: unknown) => (typeof value === "number" && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value))}`;
