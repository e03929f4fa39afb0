import type { Disease, KnowledgeBase } from "./knowledge.js";
import { terms } from "./text-match.js";

/** A name reduced to its topic words, so spelling variants meet ("leukemia", "leukaemia"; "Parkinson's disease", "Parkinson disease"). */
const key = (name: string): string => terms(name.replace(/\([^)]*\)/g, " ")).join(" ");

/**
 * The knowledge-base disease a diagnosis name denotes: one whose name or a synonym is the same
 * words (case, accents, punctuation, a bracketed abbreviation and plural or British/American
 * spelling aside). No fuzzy matching: a subtype ("situational syncope") is not its family.
 */
export function diseaseNamed(kb: KnowledgeBase, names: readonly string[]): Disease | undefined {
  const wanted = new Set(names.map(key).filter((k) => k !== ""));
  return kb.diseases.find((d) => [d.name, ...d.synonyms].some((n) => wanted.has(key(n))));
}
