import { z } from "zod";
import { OTHER_DIAGNOSIS } from "../core/knowledge.js";
import { complaintLabel } from "../core/complaint.js";
import { settledBy, settledDifferential } from "../reasoning/decisive.js";
import { posterior } from "../reasoning/differential.js";
import { unlisted } from "../reasoning/likelihood.js";
import { type Knowledge, type PanelView, evidenceOf, scopeOf } from "./view.js";
import { PANEL_PREAMBLE, type Prompt, describeCandidates, describeView } from "./prompt.js";

/** How many hypotheses the generator ranks (MAI-DxO keeps a top 3; we show a few more). */
const SHOWN = 5;

export const RankedHypothesisSchema = z.object({
  /** Knowledge-base disease id, "other", or a free name's slug for an LLM brain. */
  id: z.string(),
  name: z.string(),
  p: z.number().min(0).max(1),
  reason: z.string(),
});

export const HypothesisOutputSchema = z.object({
  differential: z.array(RankedHypothesisSchema).min(1),
  argument: z.string(),
});
export type HypothesisOutput = z.infer<typeof HypothesisOutputSchema>;

/** Ranks the differential by Bayes over the findings revealed so far; a settling finding speaks for itself (reasoning/decisive.ts). */
export function hypothesisOffline(view: PanelView, { kb }: Knowledge): HypothesisOutput {
  const evidence = evidenceOf(view);
  const bayes = posterior(kb, scopeOf(view), evidence);
  const settled = settledBy(kb, evidence, new Set(bayes.map((e) => e.id)));
  const full = settled ? settledDifferential(kb, bayes, settled.finding) : bayes;
  const shown = full.filter((e) => e.id !== OTHER_DIAGNOSIS).slice(0, SHOWN);
  const other = full.find((e) => e.id === OTHER_DIAGNOSIS);
  const differential = [...shown, ...(other ? [other] : [])].map((e) => ({
    ...e,
    reason: reasonFor(e.id, evidence, view, kb),
  }));
  const lead = shown[0];
  const argument = lead
    ? `Leading: ${lead.name} (${pct(lead.p)}). ${differential[0]!.reason}. Then ${shown
        .slice(1, 3)
        .map((e) => `${e.name} (${pct(e.p)})`)
        .join(", ")}.`
    : "No hypothesis in the knowledge base fits this presentation.";
  return { differential, argument };
}

/** The finding that most favours this disease over the base rate, or its prior when none does. */
function reasonFor(id: string, evidence: Record<string, boolean>, view: PanelView, kb: Knowledge["kb"]): string {
  const disease = kb.diseaseById.get(id);
  if (!disease) return "room kept for a diagnosis outside the knowledge base";
  let best: { ratio: number; text: string } | undefined;
  for (const l of disease.findings) {
    const present = evidence[l.id];
    if (present === undefined) continue;
    const name = kb.findingById.get(l.id)?.name ?? l.id;
    const base = unlisted(kb, l.id);
    const ratio = present ? l.p / base : (1 - l.p) / (1 - base);
    if (ratio > 1 && (!best || ratio > best.ratio)) best = { ratio, text: present ? `${name} present` : `no ${name.toLowerCase()}` };
  }
  return best
    ? `${best.text} (likelihood ratio about ${best.ratio.toFixed(1)})`
    : `prior for ${complaintLabel(view.visible.complaint)} in the ${view.visible.presentation.setting} setting`;
}

export const pct = (p: number): string => `${(p * 100).toFixed(p < 0.1 ? 1 : 0)}%`;

// The model brain's prompt (llm/): kept beside the schema it must return.

/** The hypothesis generator's instructions for a model brain; it answers in HypothesisOutputSchema. */
export function hypothesisPrompt(view: PanelView, knowledge: Knowledge): Prompt {
  return {
    system: [
      PANEL_PREAMBLE,
      "Your role: Dr. Hypothesis. Keep a ranked differential and update it, Bayes-style, on every finding revealed so far.",
      `List up to ${SHOWN} diagnoses, most probable first, and end with an "other" entry for a diagnosis not yet named. ` +
        "The probabilities should sum to about 1. For each, give the finding that most moves it (for or against) as the reason.",
      "argument: two or three sentences a physician can check: the leader, why, and what keeps the others alive.",
    ].join("\n"),
    user: [describeView(view), "", describeCandidates(view, knowledge)].join("\n"),
  };
}
