import type { DiagnosisGuess } from "../core/action.js";
import { type KnowledgeBase, OTHER_DIAGNOSIS } from "../core/knowledge.js";
import { nameForms } from "../core/redact.js";

/**
 * The hypothesis of the differential a named diagnosis stands for: its knowledge-base id when it
 * gives one in play, else the one disease in play whose name or synonym it spells (exactly first,
 * then without "acute" or "disease"), else "other". A learner types "Unstable angina (acute
 * coronary syndrome)"; the engine's posterior for that is NSTEMI's, whose synonym it uses.
 */
export function namedHypothesis(guess: DiagnosisGuess, kb: KnowledgeBase, inPlay: readonly string[]): string {
  if (guess.kbId && inPlay.includes(guess.kbId)) return guess.kbId;
  const diseases = inPlay.flatMap((id) => kb.diseaseById.get(id) ?? []);
  for (const cores of [false, true]) {
    const given = new Set(nameForms([guess.name], { cores }).map((w) => w.join(" ")));
    const hits = diseases.filter((d) => nameForms([d.name, ...d.synonyms], { cores }).some((w) => given.has(w.join(" "))));
    if (hits.length === 1) return hits[0]!.id;
    if (hits.length > 1) return OTHER_DIAGNOSIS;
  }
  return OTHER_DIAGNOSIS;
}
