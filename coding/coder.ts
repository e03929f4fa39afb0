import { join } from "node:path";
import { z } from "zod";
import type { Case, FindingLink } from "../core/case.js";
import { readDataFile } from "../core/data-file.js";
import { packageRoot } from "../core/paths.js";
import type { FindingDef, KnowledgeBase } from "../core/knowledge.js";
import { terms } from "../core/text-match.js";
import { clauseWords, clausesOf, contextOf, type Words } from "./context.js";
import { readReportItems, verdictOn } from "./report-items.js";
import { readValue } from "./values.js";
import { readVitals, vitalRules } from "./vital-signs.js";

/**
 * The automatic coder: reads every fact of a case (presentation, history, examination, test
 * results and their values) and proposes knowledge-base finding codes, present or absent, each
 * with the phrase it came from. Phrases meet findings by the findings' names and topics (stemmed
 * terms, words in any order within a short window); ConText decides negation, hedging and whose
 * finding it is; values are read against their reference ranges, vital signs against the
 * knowledge base's own thresholds.
 */

/** Where a fact lives in a case: the presentation, one history or examination item, or one test result. */
export type FactRef = { part: "presentation" } | { part: "finding"; id: string } | { part: "test"; id: string };

export interface Code {
  id: string;
  present: boolean;
  /** The words the code was read from. */
  phrase: string;
  by: "text" | "value" | "vital sign" | "normal result";
}

export interface FactCoding {
  fact: FactRef;
  label: string;
  codes: Code[];
  /** Clauses no code came from; "(hedged)" marks one left uncoded for its uncertainty. */
  uncoded: string[];
}

/** Words that name a measurement, not a finding: left to the vital-sign reader. */
const MEASURE_PHRASES = new Set(
  ["heart rate", "pulse", "hr", "blood pressure", "bp", "respiratory rate", "breathing rate", "rr", "oxygen", "saturation", "spo2", "sats", "pulse oximetry", "temperature"].map((p) => terms(p).join(" ")),
);
const MEASURE_TERMS = [...MEASURE_PHRASES].map((p) => p.split(" "));
/** A time of day names no finding: "last night" claims its "night" from "night pain". */
const TIME_TERMS = ["last night", "previous night"].map((p) => terms(p));
/** A one-word phrase shared by more findings than this says too little to code. */
const SHARED_WORD_LIMIT = 1;
const EverydayWordsSchema = z.object({ source: z.string().min(10), licence: z.string().min(2), words: z.array(z.string().min(1)) });
let everyday: ReadonlySet<string> | undefined;
/** Single-word topics that are everyday English more often than clinical terms (coding/everyday-words.yaml). */
const everydayWords = (): ReadonlySet<string> =>
  (everyday ??= new Set(readDataFile(join(packageRoot, "coding/everyday-words.yaml"), EverydayWordsSchema).words.flatMap((w) => terms(w))));
/** Extra content words allowed inside a phrase's window ("pain in the left arm" for "arm pain"; stop words never count). */
const SLACK = 1;

interface Phrase {
  finding: FindingDef;
  terms: string[];
  /** A finding's name or a synonym from coding/synonyms.yaml, not a question-routing topic. */
  curated: boolean;
  /** Written as a past participle ("vomited", "confused"): then one word may match a verb's "-ed" form. */
  past: boolean;
}

const PAST_PARTICIPLE = /^[a-z]{3,}ed$/;
/**
 * A past participle an adverb or a "when" governs ("peels when lightly stroked", "if touched") is
 * a verb, not the noun its stem shares; a bare one may be the finding ("smoked for years").
 */
const isVerb = (ws: Words, at: number): boolean => PAST_PARTICIPLE.test(ws[at] ?? "") && /^(when|if|being|[a-z]+ly)$/.test(ws[at - 1] ?? "");

interface Vocabulary {
  /** Phrases to find in history, examination and presentation text. */
  bedside: Phrase[];
  /** Phrases to find in one test's result. */
  ofTest: (testId: string) => Phrase[];
  /** Every phrase, shared words too: a value's name ("glucose") is read with its direction. */
  valuePhrases: Phrase[];
}

const RoutingTopicsSchema = z.object({ source: z.string().min(10), licence: z.string().min(2), topics: z.record(z.string(), z.array(z.string().min(2))) });
let routing: ReadonlyMap<string, ReadonlySet<string>> | undefined;
/** Topics that route a question to a finding but state no finding in a note (coding/routing-topics.yaml), as stemmed phrases by finding id. */
const routingTopics = (): ReadonlyMap<string, ReadonlySet<string>> =>
  (routing ??= new Map(
    Object.entries(readDataFile(join(packageRoot, "coding/routing-topics.yaml"), RoutingTopicsSchema).topics).map(([id, topics]) => [id, new Set(topics.map((t) => terms(t).join(" ")))]),
  ));

const vocabularies = new WeakMap<KnowledgeBase, Vocabulary>();

function vocabularyOf(kb: KnowledgeBase): Vocabulary {
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

const SynonymsSchema = z.object({ source: z.string().min(10), licence: z.string().min(2), synonyms: z.record(z.string(), z.array(z.string().min(2))) });
let synonyms: Readonly<Record<string, readonly string[]>> | undefined;
/** Clinical phrases for findings beyond their names and topics (coding/synonyms.yaml), by finding id. */
export const codingSynonyms = (): Readonly<Record<string, readonly string[]>> =>
  (synonyms ??= readDataFile(join(packageRoot, "coding/synonyms.yaml"), SynonymsSchema).synonyms);

/** The span [from, to) of the clause's words holding every term of the phrase within a short window. */
function spanOf(stems: readonly string[], phrase: readonly string[], slack = SLACK): [number, number] | undefined {
  const content = stems.flatMap((t, at) => (t === "" ? [] : [{ t, at }]));
  const width = phrase.length + (phrase.length > 1 ? slack : 0);
  for (let i = 0; i < content.length; i++) {
    if (!phrase.includes(content[i]!.t)) continue;
    const window = content.slice(i, i + width);
    if (!phrase.every((t) => window.some((w) => w.t === t))) continue;
    const last = Math.max(...phrase.map((t) => window.find((w) => w.t === t)!.at));
    return [content[i]!.at, last + 1];
  }
  return undefined;
}

const stemsOf = (ws: Words): string[] => ws.map((w) => terms(w)[0] ?? "");

interface Mention {
  id: string;
  present: boolean;
  phrase: string;
}

/** Findings a clause mentions, with ConText's verdict; hedged mentions and other people's are set aside. */
function mentionsIn(clause: string, phrases: readonly Phrase[]): { mentions: Mention[]; hedged: boolean } {
  const ws = clauseWords(clause);
  const stems = stemsOf(ws);
  const mentions: Mention[] = [];
  let hedged = false;
  // A longer phrase claims its words: "pressure" in "high blood pressure" names no chest pain, and
  // a measurement's name ("blood pressure", "heart rate") is left to the vital-sign reader, and a
  // time of day ("last night") claims its words before any phrase.
  // Phrases of the same length do not claim from each other.
  const claimed = new Set<number>();
  const claim = ([from, to]: [number, number]) => {
    for (let i = from; i < to; i++) claimed.add(i);
  };
  const measures = MEASURE_TERMS.filter((m) => m.length > 1).map((terms) => ({ finding: undefined, terms, curated: false, past: false }));
  for (const time of TIME_TERMS) {
    const span = spanOf(stems, time, 0);
    if (span) claim(span);
  }
  const byLength = [...phrases, ...measures].sort((a, b) => b.terms.length - a.terms.length);
  let pending: [number, number][] = [];
  let length = Infinity;
  for (const { finding, terms: phrase, past } of byLength) {
    if (phrase.length < length) {
      pending.forEach(claim);
      pending = [];
      length = phrase.length;
    }
    const span = spanOf(stems, phrase, finding ? SLACK : 0);
    if (!span) continue;
    // One word read from a verb's past form names no finding: "the skin peels when stroked" is no stroke.
    if (phrase.length === 1 && !past && isVerb(ws, span[0])) continue;
    if (stems.slice(span[0], span[1]).some((t, k) => t !== "" && claimed.has(span[0] + k))) continue;
    // Only a phrase found whole claims its words: "vomited many times, no blood" is no
    // haematemesis, and must still read as vomiting.
    if (stems.slice(span[0], span[1]).filter((t) => t !== "").length === phrase.length) pending.push(span);
    if (!finding) continue;
    const context = contextOf(ws, span[0], span[1]);
    if (context.uncertain) {
      hedged = true;
      continue;
    }
    if (context.otherExperiencer && !/family/i.test(`${finding.id} ${finding.name}`)) continue;
    mentions.push({ id: finding.id, present: !context.negated, phrase: clause });
  }
  return { mentions, hedged };
}

const GeneralTermSchema = z.object({ terms: z.array(z.string().min(2)).min(1), absent: z.array(z.string().min(1)).min(1) });
const GeneralTermsSchema = z.object({ source: z.string().min(10), licence: z.string().min(2), denied: z.array(GeneralTermSchema), stated: z.array(GeneralTermSchema) });
export type GeneralTerms = z.infer<typeof GeneralTermsSchema>;
let general: GeneralTerms | undefined;
/** Statements that settle several findings at once (coding/general-terms.yaml). */
export const generalTerms = (): GeneralTerms => (general ??= readDataFile(join(packageRoot, "coding/general-terms.yaml"), GeneralTermsSchema));

/** Absences a clause settles by a denied general term or a stated normal examination. */
function generalAbsences(clause: string, kb: KnowledgeBase): Mention[] {
  const ws = clauseWords(clause);
  const stems = stemsOf(ws);
  const found: Mention[] = [];
  for (const [entries, needsDenial] of [[generalTerms().denied, true], [generalTerms().stated, false]] as const) {
    for (const entry of entries) {
      const hit = entry.terms.some((text) => {
        const span = spanOf(stems, terms(text), needsDenial ? 0 : SLACK);
        if (!span) return false;
        const context = contextOf(ws, span[0], span[1]);
        if (context.uncertain || context.otherExperiencer) return false;
        // A stated normal carries its own "clear" or "normal"; a "not" or "no" in or just before it undoes it ("lungs not clear").
        return needsDenial ? context.negated : !ws.slice(Math.max(0, span[0] - 2), span[1]).some((w) => w === "not" || w === "no");
      });
      if (hit) for (const id of entry.absent) if (kb.findingById.has(id)) found.push({ id, present: false, phrase: clause });
    }
  }
  return found;
}

/** One code per finding: a present mention outweighs an absent one (a "no" in a list can reach too far). */
function merge(codes: Code[]): Code[] {
  const byId = new Map<string, Code>();
  for (const code of codes) {
    const held = byId.get(code.id);
    if (!held || (code.present && !held.present && code.by === held.by)) byId.set(code.id, code);
  }
  return [...byId.values()];
}

/** Codes a text: its measurements, its phrases and its general statements, for the findings `measured` allows. */
function codeText(text: string, phrases: readonly Phrase[], measured: (findingId: string) => boolean, kb: KnowledgeBase, topic?: string): { codes: Code[]; uncoded: string[] } {
  const codes: Code[] = [];
  const uncoded: string[] = [];
  const read = (t: string) => readVitals(t).filter((v) => measured(v.finding));
  const own = read(text);
  const vitals = own.length === 0 && topic ? read(`${topic} ${text}`) : own;
  codes.push(...vitals.map((v): Code => ({ id: v.finding, present: v.present, phrase: v.phrase, by: "vital sign" })));
  for (const clause of clausesOf(text)) {
    const { mentions: named, hedged } = mentionsIn(clause, phrases);
    const mentions = [...named, ...generalAbsences(clause, kb).filter((m) => measured(m.id))];
    codes.push(...mentions.map((m): Code => ({ ...m, by: "text" })));
    const coveredByVitals = vitals.some((v) => clause.includes(v.phrase) || (topic !== undefined && `${topic} ${clause}`.includes(v.phrase)));
    if (mentions.length === 0 && !coveredByVitals) uncoded.push(hedged ? `${clause} (hedged)` : clause);
  }
  return { codes, uncoded };
}

const RAISED = /\b(raised|elevated|high|increased|positive|prolonged)\b/i;
const LOWERED = /\b(low|reduced|decreased|suppressed)\b/i;
const RELATIVE = /\b(out of proportion|ratio)\b/i;
const OTHERWISE_NORMAL = /\botherwise (normal|unremarkable)\b/i;
const DIRECTION_TERMS = new Set(terms("raised elevated high increased positive prolonged low reduced decreased suppressed"));

/** Codes every fact of a case; existing codes are neither read nor kept (see mergeCodes). */
export function codeCase(c: Case, kb: KnowledgeBase): FactCoding[] {
  const { bedside, ofTest, valuePhrases } = vocabularyOf(kb);
  const vitalIds = new Set(vitalRules().map((r) => r.finding));
  const facts: FactCoding[] = [];

  const p = c.presentation;
  const atBedside = (id: string) => kb.findingById.get(id)?.kind !== "test";
  const presented = codeText(`${p.chief_complaint}. ${p.narrative}`, bedside, atBedside, kb);
  facts.push({ fact: { part: "presentation" }, label: "presentation", codes: merge(presented.codes), uncoded: presented.uncoded });

  for (const item of c.findings) {
    // A vital sign's item may hold the number alone ("82/min" under "Heart rate"): read it with its topic.
    const coded = codeText(verdictOn(item.topic, item.text) ?? item.text, bedside, atBedside, kb, item.topic);
    facts.push({ fact: { part: "finding", id: item.id }, label: `${item.kind}: ${item.topic}`, codes: merge(coded.codes), uncoded: coded.uncoded });
  }

  for (const [testId, result] of Object.entries(c.tests)) {
    const own = ofTest(testId);
    // A measurement in a report ("ejection fraction 30%") is read for the test's own findings.
    const report = readReportItems(result.text, c.presentation.age);
    const coded = codeText(report.text, own, (id) => kb.findingById.get(id)?.tests.includes(testId) ?? false, kb);
    const codes = [...coded.codes];
    for (const value of [...result.values, ...report.values]) {
      const reading = readValue(value);
      if (!reading) continue;
      // The value must carry every word of one of the finding's phrases, direction words aside:
      // "creatinine" reads "Raised creatinine", not "BUN creatinine ratio".
      const valueTerms = new Set(terms(value.name));
      const names = (ph: { terms: string[] }) => {
        const core = ph.terms.filter((t) => !DIRECTION_TERMS.has(t));
        return core.length > 0 && core.every((t) => valueTerms.has(t));
      };
      const named = [...new Set(valuePhrases.filter((ph) => ph.finding.kind === "test" && ph.finding.tests.includes(testId) && names(ph)).map((ph) => ph.finding))];
      for (const finding of named) {
        const direction = RAISED.test(finding.name) ? "high" : LOWERED.test(finding.name) ? "low" : undefined;
        // A finding that relates one value to another ("urea out of proportion to creatinine") is not read from one value.
        if (!direction || RELATIVE.test(finding.name)) continue;
        const shown = `${value.name} ${value.value}${value.unit ? ` ${value.unit}` : ""}${value.range ? ` (${value.range})` : ""}`;
        codes.push({ id: finding.id, present: reading === direction, phrase: shown, by: "value" });
      }
    }
    // A normal result rules out what its test looks for; so does an abnormal one whose report names
    // nothing the test's findings describe and calls the rest normal ("sinus tachycardia, otherwise normal").
    if (!result.abnormal || (codes.length === 0 && OTHERWISE_NORMAL.test(result.text))) {
      const seen = new Set(codes.map((code) => code.id));
      for (const finding of new Set(own.map((ph) => ph.finding))) {
        if (!seen.has(finding.id) && !vitalIds.has(finding.id)) codes.push({ id: finding.id, present: false, phrase: "normal result", by: "normal result" });
      }
    }
    facts.push({ fact: { part: "test", id: testId }, label: `test: ${testId}`, codes: mergeValues(codes, kb), uncoded: coded.uncoded });
  }
  return facts;
}

/**
 * A value read against its range, or a number in the report, outweighs words about it. A finding
 * that names two analytes ("Raised bilirubin and alkaline phosphatase") needs both values raised:
 * one normal value makes it absent, and one raised value with its partner unmeasured leaves it uncoded, words
 * about it too.
 */
function mergeValues(all: Code[], kb: KnowledgeBase): Code[] {
  const both = (id: string) => / and /.test(kb.findingById.get(id)?.name ?? "");
  const valuesOf = (id: string) => all.filter((code) => code.by === "value" && code.id === id);
  const halfMeasured = new Set(all.filter((code) => code.by === "value" && both(code.id) && valuesOf(code.id).length === 1 && code.present).map((code) => code.id));
  const codes = all.filter((code) => !halfMeasured.has(code.id));
  const measured = (code: Code) => code.by === "value" || code.by === "vital sign";
  const values = new Set(codes.filter(measured).map((code) => code.id));
  const kept = codes.filter((code) => measured(code) || !values.has(code.id));
  const absentForBoth = new Set(kept.filter((code) => code.by === "value" && !code.present && both(code.id)).map((code) => code.id));
  return merge(kept.filter((code) => !(absentForBoth.has(code.id) && code.present)));
}

/** The links of a fact as a case holds them. */
export const linksOf = (c: Case, fact: FactRef): readonly FindingLink[] =>
  fact.part === "presentation" ? c.presentation.kb : fact.part === "finding" ? (c.findings.find((f) => f.id === fact.id)?.kb ?? []) : (c.tests[fact.id]?.kb ?? []);
