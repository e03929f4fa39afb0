import { z } from "zod";
import type { DiagnosisGuess } from "../core/action.js";
import type { Case } from "../core/case.js";
import { JUDGE_RUBRIC } from "../core/judge.js";
import type { Prompt } from "./prompt.js";

/** What a model judge returns: a score on SDBench's 5-point scale and why. */
export const JudgeModelVerdictSchema = z.object({
  score: z.number().int().min(1).max(5),
  justification: z.string().min(1),
});
export type JudgeModelVerdict = z.infer<typeof JudgeModelVerdictSchema>;

export { JUDGE_RUBRIC };

/**
 * Worked examples, one or two per score and per hard case of the rubric (negation, a list that
 * does not commit, a typo, a qualifier that changes management). Written for the prompt; none
 * is a pair of the labelled set's held-out part.
 */
export const JUDGE_EXAMPLES: readonly { truth: string; answer: string; score: number; why: string }[] = [
  { truth: "Pulmonary embolism", answer: "PE", score: 5, why: "the standard abbreviation of the same disease" },
  { truth: "Subarachnoid haemorrhage", answer: "subarachnoid hemorrage", score: 5, why: "US spelling with a typo; the same disease" },
  { truth: "Acute inferior STEMI", answer: "STEMI", score: 4, why: "the territory is missing; management is the same" },
  { truth: "Type A aortic dissection", answer: "Type B aortic dissection", score: 3, why: "the type decides surgery or medical care" },
  { truth: "Iron deficiency anaemia", answer: "Anaemia", score: 3, why: "a broader category" },
  { truth: "Septic arthritis", answer: "Reactive arthritis", score: 2, why: "a related but different disease" },
  { truth: "Pulmonary embolism", answer: "Pulmonary embolism or pneumonia", score: 2, why: "a list that does not commit, though it contains the truth" },
  { truth: "Pulmonary embolism", answer: "No evidence of pulmonary embolism", score: 1, why: "the truth named as excluded" },
  { truth: "Acute appendicitis", answer: "Migraine", score: 1, why: "unrelated" },
];

/** The judge's instructions: the rubric and examples, the case's diagnosis, the case in brief, and the panel's answer. */
export function judgePrompt(caseFile: Case, guess: DiagnosisGuess): Prompt {
  const truth = caseFile.diagnosis;
  const p = caseFile.presentation;
  return {
    system: [
      "You are the judge of dxsim, a teaching simulator of sequential diagnosis. Score a final diagnosis against the case's confirmed diagnosis on this 5-point scale (a score of 4 or 5 is correct):",
      JUDGE_RUBRIC,
      "Judge clinical meaning, not wording. Read the answer as written: a diagnosis it excludes or negates is not given, and two or more diagnoses without a choice are a list that does not commit.",
      "Examples (confirmed diagnosis | answer → score: why):",
      ...JUDGE_EXAMPLES.map((e) => `- ${e.truth} | ${e.answer} → ${e.score}: ${e.why}`),
      "justification: one sentence naming what matches and what does not. Reply with one JSON object that fits the given schema, and nothing else.",
    ].join("\n"),
    user: [
      `Confirmed diagnosis: ${truth.no_disease ? "no disease" : truth.name}${truth.icd10 ? ` (ICD-10 ${truth.icd10})` : ""}${truth.synonyms.length ? `; also called ${truth.synonyms.join(", ")}` : ""}.`,
      `Case: ${p.age}-year-old ${p.sex}, ${p.chief_complaint}.`,
      `Final diagnosis given: ${guess.name}${guess.icd10 ? ` (ICD-10 ${guess.icd10})` : ""}.`,
    ].join("\n"),
  };
}
