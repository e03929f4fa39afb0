import type { KnowledgeBase } from "../core/knowledge.js";
import { clausesOf } from "./context.js";
import type { Code } from "./facts.js";
import { durationMentions } from "./durations.js";
import { generalAbsences } from "./general-terms.js";
import { mentionsIn } from "./mentions.js";
import { readVitals } from "./vital-signs.js";
import type { Phrase } from "./finding-phrases.js";

/** Where a text stands: the heading it was written under, and the patient's age (vital signs are read for it). */
export interface TextSetting {
  topic?: string;
  age?: number;
}

/** Codes a text: its measurements, its phrases and its general statements, for the findings `measured` allows. */
export function codeText(text: string, phrases: readonly Phrase[], measured: (findingId: string) => boolean, kb: KnowledgeBase, { topic, age }: TextSetting = {}): { codes: Code[]; uncoded: string[] } {
  const codes: Code[] = [];
  const uncoded: string[] = [];
  const read = (t: string) => readVitals(t, age).filter((v) => measured(v.finding));
  const own = read(text);
  const vitals = own.length === 0 && topic ? read(`${topic} ${text}`) : own;
  codes.push(...vitals.map((v): Code => ({ id: v.finding, present: v.present, phrase: v.phrase, by: "vital sign" })));
  for (const clause of clausesOf(text)) {
    const { mentions: named, hedged } = mentionsIn(clause, phrases);
    const mentions = [...named, ...[...generalAbsences(clause, kb), ...durationMentions(clause, kb)].filter((m) => measured(m.id))];
    codes.push(...mentions.map((m): Code => ({ ...m, by: "text" })));
    const coveredByVitals = vitals.some((v) => clause.includes(v.phrase) || (topic !== undefined && `${topic} ${clause}`.includes(v.phrase)));
    if (mentions.length === 0 && !coveredByVitals) uncoded.push(hedged ? `${clause} (hedged)` : clause);
  }
  return { codes, uncoded };
}
