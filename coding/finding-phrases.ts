import { join } from "node:path";
import { z } from "zod";
import { readDataFile } from "../core/data-file.js";
import { packageRoot } from "../core/paths.js";
import type { FindingDef, KnowledgeBase } from "../core/knowledge.js";
import { terms } from "../core/text-match.js";

/**
 * The phrases the coder looks for: every finding's name, its curated synonyms (coding/synonyms.yaml)
 * and its topics, as stemmed terms, less the topics that only route a question and the single
 * words that say too little.
 */

export interface Phrase {
  finding: FindingDef;
  terms: string[];
  /** A finding's name or a synonym from coding/synonyms.yaml, not a question-routing topic. */
  curated: boolean;
  /** Written as a past participle ("vomited", "confused"): then one word may match a verb's "-ed" form. */
  past: boolean;
}

export interface Vocabulary {
  /** Phrases to find in history, examination and presentation text. */
  bedside: Phrase[];
  /** Phrases to find in one test's result. */
  ofTest: (testId: string) => Phrase[];
  /** Every phrase, shared words too: a value's name ("glucose") is read with its direction. */
  valuePhrases: Phrase[];
}

/** Words that name a measurement, not a finding: left to the vital-sign reader. */
const MEASURE_PHRASES = new Set(
  ["heart rate", "pulse", "hr", "blood pressure", "bp", "respiratory rate", "breathing rate", "rr", "oxygen", "saturation", "spo2", "sats", "pulse oximetry", "temperature"].map((p) => terms(p).join(" ")),
);
/** The stemmed terms of each measurement's name. */
export const MEASURE_TERMS = [...MEASURE_PHRASES].map((p) => p.split(" "));
/** A one-word phrase shared by more findings than this says too little to code. */
const SHARED_WORD_LIMIT = 1;
export const PAST_PARTICIPLE = /^[a-z]{3,}ed$/;

const EverydayWordsSchema = z.object({ source: z.string().min(10), licence: z.string().min(2), words: z.array(z.string().min(1)) });
let everyday: ReadonlySet<string> | undefined;
/** Single-word topics that are everyday English more often than clinical terms (coding/everyday-words.yaml). */
const everydayWords = (): ReadonlySet<string> =>
  (everyday ??= new Set(readDataFile(join(packageRoot, "coding/everyday-words.yaml"), EverydayWordsSchema).words.flatMap((w) => terms(w))));

const RoutingTopicsSchema = z.object({ source: z.string().min(10), licence: z.string().min(2), topics: z.record(z.string(), z.array(z.string().min(2))) });
let routing: ReadonlyMap<string, ReadonlySet<string>> | undefined;
/** Topics that route a question to a finding but state no finding in a note (coding/routing-topics.yaml), as stemmed phrases by finding id. */
const routingTopics = (): ReadonlyMap<string, ReadonlySet<string>> =>
  (routing ??= new Map(
    Object.entries(readDataFile(join(packageRoot, "coding/routing-topics.yaml"), RoutingTopicsSchema).topics).map(([id, topics]) => [id, new Set(topics.map((t) => terms(t).join(" ")))]),
  ));

const SynonymsSchema = z.object({ source: z.string().min(10), licence: z.string().min(2), synonyms: z.record(z.string(), z.array(z.string().min(2))) });
let synonyms: Readonly<Record<string, readonly string[]>> | undefined;
/** Clinical phrases for findings beyond their names and topics (coding/synonyms.yaml), by finding id. */
export const codingSynonyms = (): Readonly<Record<string, readonly string[]>> =>
  (synonyms ??= readDataFile(join(packageRoot, "coding/synonyms.yaml"), SynonymsSchema).synonyms);

const vocabularies = new WeakMap<KnowledgeBase, Vocabulary>();

export function vocabularyOf(kb: KnowledgeBase): Vocabulary {
  let vocabulary = vocabularies.get(kb);
  if (vocabulary) return vocabulary;
  // Topics were written to route a question ("weeks", "morning", "side"): one everyday word alone is no phrase to code from.
  const extra = codingSynonyms();
  const all = kb.findings.flatMap((finding) => {
    const routes = routingTopics().get(finding.id);
    const topics = finding.topics
      .filter((t) => !routes?.has(terms(t).join(" ")))
      .map((text) => ({ finding, terms: terms(text), curated: false, past: PAST_PARTICIPLE.test(text) }))
      .filter((p) => p.terms.length > 1 || !everydayWords().has(p.terms[0] ?? ""));
    // The name and the curated synonyms are coding phrases by design, everyday words or not ("smokes").
    const named = [finding.name, ...(extra[finding.id] ?? [])].map((text) => ({ finding, terms: terms(text), curated: true, past: PAST_PARTICIPLE.test(text) }));
    return [...named, ...topics].filter((p) => p.terms.length > 0 && !MEASURE_PHRASES.has(p.terms.join(" ")));
  });
  const bedside = unambiguous(all.filter((p) => p.finding.kind !== "test"));
  const byTest = new Map<string, Phrase[]>();
  const ofTest = (testId: string): Phrase[] => {
    let held = byTest.get(testId);
    if (!held) byTest.set(testId, (held = unambiguous(all.filter((p) => p.finding.kind === "test" && p.finding.tests.includes(testId)))));
    return held;
  };
  vocabulary = { bedside, ofTest, valuePhrases: all };
  vocabularies.set(kb, vocabulary);
  return vocabulary;
}

/**
 * The phrases of one reading scope (the bedside findings, or one test's findings) less the single
 * topic words more than one of them shares: "consolidation" names the chest X-ray finding in an
 * X-ray report even though a bedside sign lists it too. A curated single word (a name or a
 * synonym) is kept, and a topic word another finding holds as curated is dropped.
 */
function unambiguous(phrases: Phrase[]): Phrase[] {
  const findingsWithWord = new Map<string, Set<string>>();
  const curatedWords = new Set(phrases.filter((p) => p.curated && p.terms.length === 1).map((p) => p.terms[0]!));
  for (const p of phrases) if (p.terms.length === 1) findingsWithWord.set(p.terms[0]!, (findingsWithWord.get(p.terms[0]!) ?? new Set()).add(p.finding.id));
  return phrases.filter(
    (p) => p.terms.length > 1 || (p.curated ? true : !curatedWords.has(p.terms[0]!) && (findingsWithWord.get(p.terms[0]!)?.size ?? 0) <= SHARED_WORD_LIMIT),
  );
}
