import { useState } from "react";
import type { Knowledge } from "../../agents/view.js";
import type { DiagnosisGuess } from "../../core/action.js";
import type { SessionValues } from "../../graph/state.js";
import { asTypedOption, diagnosisChoices, diagnosisGuess } from "../choices.js";
import { SearchPrompt } from "./SearchPrompt.js";
import { TextPrompt } from "./TextPrompt.js";

export interface DiagnosePromptProps {
  values: SessionValues;
  knowledge: Knowledge;
  /** Learner mode asks for a confidence; the console lets the physician leave it out. */
  confidenceRequired: boolean;
  rows: number;
  width: number;
  onDiagnose: (diagnosis: DiagnosisGuess) => void;
  onCancel: () => void;
  onInterrupt: () => void;
}

/** A whole percentage 0-100, as typed. */
const PERCENT = /^(100|\d{1,2})%?$/;

/** Why a typed confidence cannot be taken, or null when it can (blank only when it is optional). */
export function confidenceProblem(text: string, required: boolean): string | null {
  if (text === "") return required ? "Say how sure you are: a number from 0 to 100." : null;
  return PERCENT.test(text) ? null : "Type a whole number from 0 to 100 (a percentage).";
}

/**
 * The final diagnosis in two steps: pick or type it, then say how sure you are (0-100%), which
 * the debrief and the cohort report set against the outcome (Brier score) beside the panel's.
 */
export function DiagnosePrompt({ values, knowledge, confidenceRequired, rows, width, onDiagnose, onCancel, onInterrupt }: DiagnosePromptProps) {
  const [named, setNamed] = useState<DiagnosisGuess | null>(null);
  if (!named) {
    return (
      <SearchPrompt
        label="Final diagnosis:"
        search={diagnosisChoices(knowledge, values)}
        asTyped={(q) => asTypedOption(q, "diagnose")}
        rows={rows}
        width={width}
        onChoose={(o) => setNamed(diagnosisGuess(o, knowledge))}
        onCancel={onCancel}
        onInterrupt={onInterrupt}
      />
    );
  }
  return (
    <TextPrompt
      label={`How sure are you that it is ${named.name}? (0-100%)`}
      hint={confidenceRequired ? "Enter gives the diagnosis; Esc goes back." : "Enter gives the diagnosis (blank: not said); Esc goes back."}
      validate={(t) => confidenceProblem(t, confidenceRequired)}
      onSubmit={(t) => onDiagnose(t === "" ? named : { ...named, confidence: Number.parseInt(t, 10) / 100 })}
      onCancel={() => setNamed(null)}
      onInterrupt={onInterrupt}
    />
  );
}
