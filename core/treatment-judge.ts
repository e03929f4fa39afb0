import { z } from "zod";
import type { ReferencePlan } from "./reference-plan.js";
import { remembered } from "./bounded-memo.js";
import { foldText, terms } from "./text-match.js";

/** How a plan scored against the case's reference plan. */
export const TreatmentScoreSchema = z.object({
  /** Share of required elements covered, less the harm penalty, within 0..1. */
  score: z.number().min(0).max(1),
  covered: z.array(z.string()),
  missed: z.array(z.string()),
  harmful: z.array(z.string()),
});
export type TreatmentScore = z.infer<typeof TreatmentScoreSchema>;

/** The parts of a plan the judge reads (the panel's TreatmentPlan fits). */
export interface PlanText {
  firstLine: readonly string[];
  disposition: string;
  monitor: readonly string[];
  avoid: readonly string[];
}

/**
 * What one harmful element costs, as a share of the whole score. An estimate: a harmful act
 * weighs as much as half the required plan, so a plan that harms cannot pass 0.5.
 */
export const HARM_PENALTY = 0.5;

/** Abbreviations of the trade written out, so "IV abx" meets "intravenous antibiotics". */
const ABBREVIATIONS: Record<string, string> = {
  iv: "intravenous",
  im: "intramuscular",
  sc: "subcutaneous",
  po: "oral",
  abx: "antibiotics",
  lmwh: "low molecular weight heparin",
  ufh: "unfractionated heparin",
  doac: "direct oral anticoagulant",
  ppi: "proton pump inhibitor",
  nsaid: "nonsteroidal anti inflammatory drug",
  nsaids: "nonsteroidal anti inflammatory drugs",
  icu: "intensive care",
  itu: "intensive care",
  pci: "percutaneous coronary intervention",
  ecg: "electrocardiogram",
  bp: "blood pressure",
  o2: "oxygen",
  cxr: "chest x ray",
  gp: "general practitioner",
  ed: "emergency department",
  ercp: "endoscopic retrograde cholangiopancreatography",
  acei: "ace inhibitor",
  tpa: "alteplase",
  rtpa: "alteplase",
  dapt: "dual antiplatelet therapy",
  hcq: "hydroxychloroquine",
};

/** Words that turn an act into its refusal ("no thrombolysis", "avoid NSAIDs"). */
const NEGATION = /^(no|not|never|avoid|withhold|stop|without|do not|don t|contraindicated)\b|\b(contraindicated|should be avoided|must be avoided|not be given|not indicated)\b/;

const expand = (text: string): string =>
  foldText(text)
    .split(" ")
    .map((w) => ABBREVIATIONS[w] ?? w)
    .join(" ");

// A plan is judged against the same reference forms, and a batch's repeats write the same plans:
// a text's terms are worked out once (pure, so a bounded memo).
const TERM_MEMO_SIZE = 4096;
const termMemo = new Map<string, readonly string[]>();
const termsOf = (text: string): readonly string[] => remembered(termMemo, text, TERM_MEMO_SIZE, () => terms(expand(text)));

const termSet = (text: string): Set<string> => new Set(termsOf(text));

/** True when every term of one of the forms is in the plan element's terms. */
const mentions = (element: ReadonlySet<string>, forms: readonly string[]): boolean =>
  forms.some((form) => {
    const wanted = termsOf(form);
    return wanted.length > 0 && wanted.every((t) => element.has(t));
  });

/**
 * Scores a plan against a reference plan. A required element is covered when one plan element
 * holds every word (stemmed, abbreviations written out) of its text, a synonym or an
 * alternative; "avoid" elements are looked for in the plan's avoid list, the others in what
 * the plan does. A harmful element the plan does counts against it (HARM_PENALTY each); the
 * same act in its avoid list, or negated ("no thrombolysis"), does not.
 */
export function judgePlan(reference: ReferencePlan, plan: PlanText): TreatmentScore {
  const doing: Set<string>[] = [];
  const refusing: Set<string>[] = [...plan.avoid.map(termSet)];
  for (const text of [...plan.firstLine, plan.disposition, ...plan.monitor]) {
    if (!text.trim()) continue;
    (NEGATION.test(foldText(text)) ? refusing : doing).push(termSet(text));
  }
  const covered: string[] = [];
  const missed: string[] = [];
  for (const r of reference.required) {
    const forms = [r.text, ...r.synonyms, ...r.alternatives.flatMap((a) => [a.text, ...a.synonyms])];
    const pool = r.avoid ? refusing : doing;
    (pool.some((e) => mentions(e, forms)) ? covered : missed).push(r.text);
  }
  const harmful = reference.harmful.filter((h) => doing.some((e) => mentions(e, [h.text, ...h.synonyms]))).map((h) => h.text);
  const share = covered.length / reference.required.length;
  const score = Math.max(0, Math.min(1, share - HARM_PENALTY * harmful.length));
  return { score: Math.round(score * 1000) / 1000, covered, missed, harmful };
}
