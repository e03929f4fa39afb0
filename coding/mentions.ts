import { terms } from "../core/text-match.js";
import { clauseWords, contextOf, type Words } from "./context.js";
import { SLACK, spanOf, stemsOf } from "./phrase-span.js";
import { MEASURE_TERMS, PAST_PARTICIPLE, type Phrase } from "./finding-phrases.js";

/** A finding a clause names, present or denied, with the clause it came from. */
export interface Mention {
  id: string;
  present: boolean;
  phrase: string;
}

/** A time of day names no finding: "last night" claims its "night" from "night pain". */
const TIME_TERMS = ["last night", "previous night"].map((p) => terms(p));

/**
 * A past participle an adverb or a "when" governs ("peels when lightly stroked", "if touched") is
 * a verb, not the noun its stem shares; a bare one may be the finding ("smoked for years").
 */
const isVerb = (ws: Words, at: number): boolean => PAST_PARTICIPLE.test(ws[at] ?? "") && /^(when|if|being|[a-z]+ly)$/.test(ws[at - 1] ?? "");

/** Words after which "to" leads a noun, not a verb: "secondary to AIDS", "exposure to asbestos". */
const TO_A_NOUN = /^(due|secondary|related|owing|exposure|exposed|allergic|allergy|travel|travelled|traveled|trip|prior|according|response|progression|progressed|referred|contact|attributed|attributable|intolerant|intolerance|sensitive|sensitivity)$/;
/** One word after an infinitive's "to" is a verb: "to aid sleep" names no AIDS. */
const isInfinitive = (ws: Words, at: number): boolean => ws[at - 1] === "to" && !TO_A_NOUN.test(ws[at - 2] ?? "");

const AGGRAVATES = /^(worse|worsens|hurts|hurt|painful|pain|aggravated)$/;
/**
 * A symptom named as what brings a pain on ("worse when he moves or coughs", "pain on coughing") is
 * the pain's provocation, written as a verb ("coughs", "coughing"); it says nothing of the symptom
 * itself. Read when a "when" or "on" just before the word follows the pain or its worsening.
 */
function isProvocation(ws: Words, at: number): boolean {
  if (!/^[a-z]{3,}(s|ing)$/.test(ws[at] ?? "")) return false;
  const before = ws.slice(Math.max(0, at - 4), at);
  const lead = Math.max(before.lastIndexOf("when"), before.lastIndexOf("on"));
  if (lead < 0 || before.slice(lead).includes(",")) return false;
  return ws.slice(0, at - before.length + lead).some((w) => AGGRAVATES.test(w));
}

/** Findings a clause mentions, with ConText's verdict; hedged mentions and other people's are set aside. */
export function mentionsIn(clause: string, phrases: readonly Phrase[]): { mentions: Mention[]; hedged: boolean } {
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
    if (phrase.length === 1 && isProvocation(ws, span[0])) continue;
    if (phrase.length === 1 && isInfinitive(ws, span[0])) continue;
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
