import { join } from "node:path";
import { z } from "zod";
import { readDataFile } from "../core/data-file.js";
import { packageRoot } from "../core/paths.js";
import type { KnowledgeBase } from "../core/knowledge.js";
import { terms } from "../core/text-match.js";
import { clauseWords, contextOf } from "./context.js";
import type { Mention } from "./mentions.js";
import { spanOf, stemsOf } from "./phrase-span.js";

/**
 * Findings defined by how long a symptom has lasted (coding/durations.yaml): a clause that names
 * the symptom, not denied or hedged, and gives a duration at least the definition's codes the
 * finding ("an aggressive cough for about 11 years" is a cough for more than three weeks).
 */
const DurationSchema = z.object({ finding: z.string().min(1), symptom: z.array(z.string().min(2)).min(1), min_weeks: z.number().positive() });
const DurationsSchema = z.object({ source: z.string().min(10), licence: z.string().min(2), durations: z.array(DurationSchema) });
let durations: z.infer<typeof DurationSchema>[] | undefined;
const durationRules = () => (durations ??= readDataFile(join(packageRoot, "coding/durations.yaml"), DurationsSchema).durations);

const WEEKS: Record<string, number> = { day: 1 / 7, week: 1, month: 52 / 12, year: 52 };
const COUNTS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, several: 3, many: 3, few: 2 };
const COUNT = String.raw`(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|several|many|few)`;
/** "for about 11 years", "over the past 2 months", "a 2-month history", "3 weeks of". */
const SPANS = [
  new RegExp(String.raw`\b(?:for|over|since|in)\s+(?:about\s+|around\s+|approximately\s+|nearly\s+|almost\s+|over\s+|more than\s+|the\s+(?:past|last)\s+)?${COUNT}\s+(day|week|month|year)s?\b`, "i"),
  new RegExp(String.raw`\b${COUNT}[-\s](day|week|month|year)s?\b(?:\s+history|\s+of)\b`, "i"),
];

/** The longest duration a clause states, in weeks, or undefined when it states none. */
export function durationWeeks(clause: string): number | undefined {
  const found = SPANS.map((re) => re.exec(clause)).filter((m): m is RegExpExecArray => m !== null);
  const weeks = found.map((m) => {
    const count = m[1]!.toLowerCase();
    return (COUNTS[count] ?? Number(count)) * WEEKS[m[2]!.toLowerCase()]!;
  });
  return weeks.length > 0 ? Math.max(...weeks) : undefined;
}

/** Duration-defined findings a clause states present. */
export function durationMentions(clause: string, kb: KnowledgeBase): Mention[] {
  const weeks = durationWeeks(clause);
  if (weeks === undefined) return [];
  const ws = clauseWords(clause);
  const stems = stemsOf(ws);
  return durationRules().flatMap((rule) => {
    if (weeks < rule.min_weeks || !kb.findingById.has(rule.finding)) return [];
    const named = rule.symptom.some((s) => {
      const span = spanOf(stems, terms(s), 0);
      if (!span) return false;
      const context = contextOf(ws, span[0], span[1]);
      return !context.negated && !context.uncertain && !context.otherExperiencer;
    });
    return named ? [{ id: rule.finding, present: true, phrase: clause }] : [];
  });
}
