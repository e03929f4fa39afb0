import type { DiagnosisGuess } from "../core/action.js";
import type { KnowledgeBase } from "../core/knowledge.js";
import { optionLetter } from "../core/mcq.js";
import { foldText, terms } from "../core/text-match.js";

/** A differential entry as the panel holds it. */
interface Entry {
  id: string;
  name: string;
  p: number;
}

export interface OptionPick {
  index: number;
  guess: DiagnosisGuess;
  reason: string;
}

/** How much two names share: the share of the option's words that the name holds (stemmed, stop words out). */
function overlap(option: string, name: string): number {
  const a = new Set(terms(option));
  const b = new Set(terms(name));
  if (a.size === 0 || b.size === 0) return 0;
  return [...a].filter((t) => b.has(t)).length / Math.max(a.size, b.size);
}

/**
 * Under --mcq the panel must name one of the case's options. A diagnosis that is an option as
 * written stands. Otherwise each option is weighed by the differential: the sum over its
 * hypotheses of probability times how much of the option's name the hypothesis's names share
 * (the knowledge base's synonyms included); the chair's own diagnosis counts as a hypothesis
 * with the leader's weight. The heaviest option is picked; when none shares a word with the
 * differential, the first is, and the reason says it was a guess.
 */
export function pickOption(options: readonly string[], guess: DiagnosisGuess, differential: readonly Entry[], kb: KnowledgeBase): OptionPick {
  const asWritten = options.findIndex((o) => foldText(o) === foldText(guess.name));
  if (asWritten >= 0) return { index: asWritten, guess: { ...guess, name: options[asWritten]! }, reason: `${optionLetter(asWritten)} is the panel's diagnosis as written.` };
  const namesOf = (e: Entry) => [e.name, ...(kb.diseaseById.get(e.id)?.synonyms ?? [])];
  const leader = Math.max(0, ...differential.map((e) => e.p));
  const weighed = [...differential.map((e) => ({ p: e.p, names: namesOf(e) })), { p: leader, names: [guess.name] }];
  const scores = options.map((o) => weighed.reduce((sum, h) => sum + h.p * Math.max(...h.names.map((n) => overlap(o, n))), 0));
  const best = scores.reduce((top, s, i) => (s > scores[top]! ? i : top), 0);
  const chosen = options[best]!;
  const disease = kb.diseases.find((d) => [d.name, ...d.synonyms].some((n) => foldText(n) === foldText(chosen)));
  const pickedGuess: DiagnosisGuess = { name: chosen, ...(disease ? { kbId: disease.id, icd10: disease.icd10 } : {}) };
  return scores[best]! > 0
    ? { index: best, guess: pickedGuess, reason: `${optionLetter(best)} (${chosen}) is the option closest to the panel's differential (weight ${scores[best]!.toFixed(2)}).` }
    : { index: best, guess: pickedGuess, reason: `No option shares a word with the panel's differential: ${optionLetter(best)} (${chosen}) is a guess.` };
}

/** The options as the panel is told them. */
export const describeOptions = (options: readonly string[]): string =>
  `This case is multiple choice: the final diagnosis must be one of ${options.map((o, i) => `${optionLetter(i)}. ${o}`).join("; ")}.`;
