import { z } from "zod";
import type { KnowledgeBase } from "./knowledge.js";
import { nameWords, normaliseWord } from "./judge-words.js";

const Icd10 = z.string().regex(/^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/, "an ICD-10 code such as I26.9");

/** One vocabulary file (scenarios/vocabulary/*.yaml): where its names come from, their licence, the names. */
export const VocabularyFileSchema = z.object({
  source: z.string().min(1),
  licence: z.string().min(1),
  concepts: z.array(
    z.object({
      name: z.string().min(2),
      icd10: Icd10.optional(),
      synonyms: z.array(z.string().min(1)).default([]),
      /** Also expanded inside a longer answer when written in capitals ("massive PE"). */
      abbreviations: z.array(z.string().min(1)).default([]),
      /** Umbrella terms over this disease and others: naming only one is a broader category. */
      broader: z.array(z.string().min(1)).default([]),
    }),
  ),
  /** Names of families of different diseases ("anaemia"): naming only the family is a broader category. */
  categories: z.array(z.string().min(2)).default([]),
  /** Words that mean the same inside a name ("pulmonary", "lung"). */
  words: z.array(z.array(z.string().min(1)).min(2)).default([]),
  /** Kinds of cause implied by an organism's name ("streptococcal" is bacterial). */
  implies: z.record(z.string(), z.array(z.string().min(1))).default({}),
});
export type VocabularyFile = z.infer<typeof VocabularyFileSchema>;

/** One disease under all its names, merged across the files and the knowledge base. */
export interface Concept {
  id: number;
  name: string;
  names: string[];
  icd10?: string;
  broader: string[];
  /** The knowledge base's id, when the knowledge base holds the disease. */
  kbId?: string;
}

export interface Vocabulary {
  concepts: readonly Concept[];
  /** A name's key (its words, sorted) -> the concepts it names. */
  byKey: ReadonlyMap<string, readonly number[]>;
  /** A concept's own name's key -> the concept. */
  byOwnKey: ReadonlyMap<string, number>;
  /** Lower-case abbreviation -> the names it stands for. */
  abbreviations: ReadonlyMap<string, readonly string[]>;
  /** Keys of umbrella terms -> the concepts they are broader than. */
  broaderKeys: ReadonlyMap<string, readonly number[]>;
  categories: ReadonlySet<string>;
  /** Normalised word -> the word it is counted as. */
  words: ReadonlyMap<string, string>;
  /** Normalised organism word -> the kind of cause it implies. */
  implies: ReadonlyMap<string, string>;
  /** Every normalised word of every name: a word here is never a typo. */
  known: ReadonlySet<string>;
}

/** Words the key of a name leaves out, so that "Acute appendicitis" and "Appendicitis" meet. */
const KEY_IGNORED = new Set(["acute"].map(normaliseWord));

/** A name's key: its words, normalised, without "acute", sorted (word order does not matter). */
export const nameKey = (name: string, words: ReadonlyMap<string, string> = new Map()): string =>
  [...new Set(nameWords(name.replace(/[[\]()]/g, " "), words).filter((w) => !KEY_IGNORED.has(w)))].sort().join(" ");

/** A name and the bracketed parts it carries ("Crohn's disease [regional enteritis]"). */
const namesIn = (name: string): string[] => [name, ...[...name.matchAll(/[[(]([^\])]*)[\])]/g)].map((m) => m[1] ?? "")].filter((n) => n.trim().length >= 2);

/**
 * Builds the judge's vocabulary from the files and the knowledge base. Concepts whose own
 * names have the same key are one disease ("Pulmonary embolism" in every source); a synonym
 * or abbreviation is only ever an extra name for the concepts that list it.
 */
export function buildVocabulary(files: readonly VocabularyFile[], kb?: KnowledgeBase): Vocabulary {
  const words = new Map<string, string>();
  for (const group of files.flatMap((f) => f.words)) {
    const [first, ...rest] = group.map((w) => normaliseWord(w.toLowerCase()));
    for (const w of rest) words.set(w!, first!);
  }
  const implies = new Map<string, string>();
  for (const [kind, organisms] of files.flatMap((f) => Object.entries(f.implies))) for (const o of organisms) implies.set(normaliseWord(o.toLowerCase()), normaliseWord(kind.toLowerCase()));

  const concepts: Concept[] = [];
  const byOwnKey = new Map<string, Concept>();
  const abbreviations = new Map<string, string[]>();
  const add = (entry: { name: string; icd10?: string; synonyms: string[]; abbreviations: string[]; broader: string[]; kbId?: string }) => {
    const key = nameKey(entry.name, words);
    let concept = byOwnKey.get(key);
    if (!concept) {
      concept = { id: concepts.length, name: entry.name, names: [], broader: [] };
      concepts.push(concept);
      byOwnKey.set(key, concept);
    }
    concept.names.push(...namesIn(entry.name), ...entry.synonyms.flatMap(namesIn), ...entry.abbreviations);
    concept.broader.push(...entry.broader);
    concept.icd10 ??= entry.icd10;
    if (entry.kbId) concept.kbId ??= entry.kbId;
    for (const a of entry.abbreviations) abbreviations.set(a.toLowerCase(), [...(abbreviations.get(a.toLowerCase()) ?? []), entry.name]);
  };
  for (const file of files) for (const c of file.concepts) add(c);
  for (const d of kb?.diseases ?? []) add({ name: d.name, icd10: d.icd10, synonyms: d.synonyms, abbreviations: [], broader: [], kbId: d.id });

  const byKey = new Map<string, number[]>();
  const broaderKeys = new Map<string, number[]>();
  const known = new Set<string>();
  for (const c of concepts) {
    for (const name of c.names) {
      const key = nameKey(name, words);
      if (key === "") continue;
      const ids = byKey.get(key) ?? [];
      if (!ids.includes(c.id)) byKey.set(key, [...ids, c.id]);
      for (const w of key.split(" ")) known.add(w);
    }
    for (const b of c.broader) {
      const key = nameKey(b, words);
      broaderKeys.set(key, [...(broaderKeys.get(key) ?? []), c.id]);
    }
  }
  const categories = new Set(files.flatMap((f) => f.categories).map((c) => nameKey(c, words)));
  for (const key of categories) for (const w of key.split(" ")) known.add(w);
  const ownKeys = new Map([...byOwnKey].map(([k, c]) => [k, c.id]));
  return { concepts, byKey, byOwnKey: ownKeys, abbreviations, broaderKeys, categories, words, implies, known };
}

const categoryOf = (c: Concept): string => c.icd10?.slice(0, 3) ?? `#${c.id}`;

/**
 * The concepts a name stands for: the concept it is the own name of, or those that list it;
 * with every other concept listing it under the same ICD-10 category (one disease in several
 * sources). `ambiguous` when the name stands for diseases in different categories: an
 * umbrella or an abbreviation of several things, never a synonym of one.
 */
export function conceptsNamed(vocabulary: Vocabulary, name: string): { ids: readonly number[]; ambiguous: boolean } {
  const key = nameKey(name, vocabulary.words);
  const listing = vocabulary.byKey.get(key) ?? [];
  const own = vocabulary.byOwnKey.get(key);
  const anchor = own ?? listing[0];
  if (anchor === undefined) return { ids: [], ambiguous: false };
  const category = categoryOf(vocabulary.concepts[anchor]!);
  const same = listing.filter((id) => id === anchor || categoryOf(vocabulary.concepts[id]!) === category);
  return { ids: same.includes(anchor) ? same : [anchor, ...same], ambiguous: own === undefined && same.length < listing.length };
}

/**
 * A name with its abbreviations spelled out: the whole name when it is one ("pe"), and words
 * written in capitals inside a longer one ("massive PE"). An abbreviation of several names
 * gives one expansion for each.
 */
export function expandAbbreviations(vocabulary: Vocabulary, name: string): string[] {
  const whole = vocabulary.abbreviations.get(name.trim().toLowerCase().replace(/[.\s]+$/, ""));
  if (whole) return [...whole];
  let expansions = [name];
  for (const token of name.match(/\b[A-Z][A-Za-z0-9]*[A-Z0-9]\b/g) ?? []) {
    const full = vocabulary.abbreviations.get(token.toLowerCase());
    if (!full) continue;
    expansions = expansions.flatMap((e) => full.map((f) => e.replace(new RegExp(`\\b${token}\\b`), f)));
  }
  return expansions;
}
