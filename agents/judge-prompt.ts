import { z } from "zod";
import type { DiagnosisGuess } from "../core/action.js";
import type { Case } from "../core/case.js";
import type { Prompt } from "./prompt.js";

/** What a model judge returns: a score on SDBench's 5-point scale and why. */
export const JudgeModelVerdictSchema = z.object({
  score: z.number().int().min(1).max(5),
  justification: z.string().min(1),
});
export type JudgeModelVerdict = z.infer<typeof JudgeModelVerdictSchema>;

/** The rubric in our words (SDBench, Nori et al. 2025); a score of 4 or 5 counts as correct. */
export const JUDGE_RUBRIC = [
  "5: the same diagnosis as the case's, or a more specific form of it.",
  "4: the core disease is right; a minor qualifier (extent, subtype, cause) is off, and management would not change.",
  "3: related but with a major error (wrong subtype that changes treatment, a complication named instead of the disease).",
  "2: largely wrong: at most shares the organ system or a general category.",
  "1: unrelated to the case's diagnosis, or an answer whose management would harm the patient.",
].join("\n");

/** The judge's instructions: the case's diagnosis, the case in brief, and the panel's answer. */
export function judgePrompt(caseFile: Case, guess: DiagnosisGuess): Prompt {
  const truth = caseFile.diagnosis;
  const p = caseFile.presentation;
  return {
    system: [
      "You are the judge of dxsim, a teaching simulator of sequential diagnosis. Score a final diagnosis against the case's confirmed diagnosis on this 5-point scale:",
      JUDGE_RUBRIC,
      "Judge clinical meaning, not wording: synonyms and abbreviations of the same disease score as the disease. " +
        "When the case's answer is that the patient has no disease, any disease named scores 1 or 2 and an answer of no disease scores 5.",
      "justification: one or two sentences naming what matches and what does not. Reply with one JSON object that fits the given schema, and nothing else.",
    ].join("\n"),
    user: [
      `Confirmed diagnosis: ${truth.no_disease ? "no disease" : truth.name}${truth.icd10 ? ` (ICD-10 ${truth.icd10})` : ""}${truth.synonyms.length ? `; also called ${truth.synonyms.join(", ")}` : ""}.`,
      `Case: ${p.age}-year-old ${p.sex}, ${p.chief_complaint}.`,
      `Final diagnosis given: ${guess.name}${guess.icd10 ? ` (ICD-10 ${guess.icd10})` : ""}.`,
    ].join("\n"),
  };
}
