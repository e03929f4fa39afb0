import { z } from "zod";
import type { DiagnosisGuess } from "../core/action.js";
import { type DiseaseManagement, managementElements } from "../core/management.js";
import { PANEL_PREAMBLE, type Prompt, describeView } from "./prompt.js";
import type { Knowledge, PanelView } from "./view.js";

/**
 * The panel's initial plan once it has named the diagnosis: what to start, where the patient
 * goes, what to watch and what not to do. The same schema for the offline engine, a model and
 * a physician's edit.
 */
export const TreatmentPlanSchema = z.object({
  /** The diagnosis the plan treats, as named. */
  diagnosis: z.string().min(2),
  firstLine: z.array(z.string().min(2)).max(12),
  disposition: z.string(),
  monitor: z.array(z.string().min(2)).max(12),
  avoid: z.array(z.string().min(2)).max(12),
  /** Guidelines the plan follows. */
  sources: z.array(z.string()).max(12),
  argument: z.string(),
});
export type TreatmentPlan = z.infer<typeof TreatmentPlanSchema>;

/** A plan as the session records it: who wrote it, and whether the physician changed it. */
export const PlanRecordSchema = z.object({
  plan: TreatmentPlanSchema,
  brain: z.string(),
  decidedBy: z.enum(["panel", "physician"]),
  fallback: z.string().optional(),
  /** The panel's plan, when the physician replaced it. */
  replaced: TreatmentPlanSchema.optional(),
});
export type PlanRecord = z.infer<typeof PlanRecordSchema>;

/** The offline plan: the knowledge base's guideline management of the named disease. */
export function planOffline(diagnosis: DiagnosisGuess, { kb }: Knowledge): TreatmentPlan {
  const disease = diagnosis.kbId ? kb.diseaseById.get(diagnosis.kbId) : undefined;
  const management = disease ? kb.management.get(disease.id) : undefined;
  if (!management) {
    // Nothing sourced to propose: say so rather than invent a treatment.
    return {
      diagnosis: diagnosis.name,
      firstLine: [],
      disposition: `discuss with the specialist team for ${diagnosis.name}`,
      monitor: [],
      avoid: [],
      sources: [],
      argument: `The knowledge base holds no guideline-sourced management for ${diagnosis.name}: the panel proposes no treatment of its own and refers the patient.`,
    };
  }
  return fromManagement(diagnosis.name, management);
}

function fromManagement(name: string, m: DiseaseManagement): TreatmentPlan {
  const sources = [...new Set(managementElements(m).map((e) => e.source))];
  return {
    diagnosis: name,
    firstLine: m.first_line.map((e) => e.text),
    disposition: m.disposition.text,
    monitor: m.monitor.map((e) => e.text),
    avoid: m.avoid.map((e) => e.text),
    sources,
    argument: `Initial management of ${name} as ${sources.length === 1 ? "the guideline advises" : "the guidelines advise"}: ${m.first_line.map((e) => e.text).join("; ")}; ${m.disposition.text}.`,
  };
}

/** One line per part of a plan, for screens, transcripts and debriefs. */
export function describePlan(plan: TreatmentPlan): string[] {
  const list = (items: readonly string[]) => (items.length ? items.join("; ") : "none");
  return [
    `First line: ${list(plan.firstLine)}`,
    `Disposition: ${plan.disposition || "none"}`,
    `Monitor: ${list(plan.monitor)}`,
    `Avoid: ${list(plan.avoid)}`,
  ];
}

/** A plan written as four lines ("first line: a; b" …), as a physician or learner types it. */
export function parsePlanText(diagnosis: string, text: string): TreatmentPlan {
  const parts = { firstLine: [] as string[], disposition: "", monitor: [] as string[], avoid: [] as string[] };
  let section: keyof typeof parts = "firstLine";
  for (const raw of text.split(/\n|\|/)) {
    const m = /^\s*(first[ -]?line|treat(?:ment)?|disposition|dispo|monitor|avoid|do not)\s*:\s*(.*)$/i.exec(raw);
    const label = m?.[1]?.toLowerCase();
    if (label) section = label.startsWith("dispo") ? "disposition" : label === "monitor" ? "monitor" : label === "avoid" || label === "do not" ? "avoid" : "firstLine";
    const body = (m ? m[2]! : raw).trim();
    if (!body) continue;
    if (section === "disposition") parts.disposition = parts.disposition ? `${parts.disposition}; ${body}` : body;
    else parts[section].push(...body.split(";").map((s) => s.trim()).filter((s) => s.length >= 2));
  }
  return { diagnosis, ...parts, sources: [], argument: "Written by hand." };
}

// The model brain's prompt (llm/): kept beside the schema it must return.

/** The plan writer's instructions for a model brain; it answers in TreatmentPlanSchema. */
export function planPrompt(view: PanelView, diagnosis: DiagnosisGuess, knowledge: Knowledge): Prompt {
  const disease = diagnosis.kbId ? knowledge.kb.diseaseById.get(diagnosis.kbId) : undefined;
  const management = disease ? knowledge.kb.management.get(disease.id) : undefined;
  return {
    system: [
      PANEL_PREAMBLE,
      "Your role: the chair, now that the panel has named its diagnosis. Write the initial management plan.",
      "diagnosis: the diagnosis as named. firstLine: the first-line treatments to start now, one act each (drug, procedure or measure). " +
        "disposition: where the patient goes (admit to which team, intensive care, discharge with follow-up). monitor: what to watch. " +
        "avoid: what must not be done. sources: the guidelines you follow (society, year). argument: two or three sentences.",
      "Follow current guidelines; propose nothing you cannot source.",
    ].join("\n"),
    user: [
      describeView(view),
      "",
      `The panel's diagnosis: ${diagnosis.name}${diagnosis.icd10 ? ` (${diagnosis.icd10})` : ""}.`,
      ...(management ? ["", "The knowledge base's guideline management for it:", ...describePlan(fromManagement(diagnosis.name, management)), `Sources: ${[...new Set(managementElements(management).map((e) => e.source))].join(" | ")}`] : []),
    ].join("\n"),
  };
}
