import { join } from "node:path";
import { z } from "zod";
import { readDataFile } from "../core/data-file.js";
import { packageRoot } from "../core/paths.js";
import { foldText } from "../core/text-match.js";

/**
 * ConText (Harkema et al. 2009), the NegEx family's algorithm for clinical text: a trigger term
 * governs the words after it ("denies chest pain") or, for a post trigger, before it ("murmur
 * absent"), up to the end of its clause or a termination term ("no fever but a cough").
 * Three properties are read: negated, hedged, and experienced by someone else.
 */
const TriggersSchema = z.object({
  source: z.string().min(10),
  licence: z.string().min(2),
  negation_pre: z.array(z.string()),
  pseudo: z.array(z.string()),
  negation_post: z.array(z.string()),
  uncertainty_pre: z.array(z.string()),
  uncertainty_post: z.array(z.string()),
  experiencer_other: z.array(z.string()),
  experiencer_other_post: z.array(z.string()),
  termination: z.array(z.string()),
  experiencer_passes: z.array(z.string()),
});

const TRIGGERS_FILE = join(packageRoot, "coding/context-triggers.yaml");

/** Words of a folded text, each with its index, so that a matched phrase can be placed in its clause. */
export type Words = readonly string[];

interface Triggers {
  negationPre: Words[];
  pseudo: Words[];
  negationPost: Words[];
  uncertaintyPre: Words[];
  uncertaintyPost: Words[];
  experiencer: Words[];
  experiencerPost: Words[];
  termination: Words[];
  experiencerPasses: Words[];
}

let loaded: Triggers | undefined;
const words = (phrase: string): Words => (phrase === "?" ? ["?"] : foldText(phrase).split(" ").filter(Boolean));

function triggers(): Triggers {
  if (!loaded) {
    const t = readDataFile(TRIGGERS_FILE, TriggersSchema);
    loaded = {
      negationPre: t.negation_pre.map(words),
      pseudo: t.pseudo.map(words),
      negationPost: t.negation_post.map(words),
      uncertaintyPre: t.uncertainty_pre.map(words),
      uncertaintyPost: t.uncertainty_post.map(words),
      experiencer: t.experiencer_other.map(words),
      experiencerPost: t.experiencer_other_post.map(words),
      termination: t.termination.map(words),
      experiencerPasses: t.experiencer_passes.map(words),
    };
  }
  return loaded;
}

/** Sentences and clauses: a full stop, semicolon, colon, new line or spaced dash ("no fixed relation - complete heart block") ends one. */
export function clausesOf(text: string): string[] {
  return text
    .split(/(?<=[.;:!?])\s+|\n+|;\s*|\s+[-–—]\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The folded words of a clause; a question mark is kept as a word, as a hedge, and each comma
 * as a "," word, which bounds a post trigger ("tender, bowel sounds normal").
 */
export const clauseWords = (clause: string): string[] =>
  (/\?/.test(clause) ? ["?"] : []).concat(clause.split(",").flatMap((part, i) => [...(i > 0 ? [","] : []), ...foldText(part).split(" ").filter(Boolean)]));

const startsAt = (ws: Words, at: number, phrase: Words): boolean => phrase.length > 0 && phrase.every((p, k) => ws[at + k] === p);

const findAll = (ws: Words, phrases: readonly Words[]): { at: number; end: number }[] => {
  const hits: { at: number; end: number }[] = [];
  for (let i = 0; i < ws.length; i++) for (const p of phrases) if (startsAt(ws, i, p)) hits.push({ at: i, end: i + p.length });
  return hits;
};

export interface Context {
  negated: boolean;
  uncertain: boolean;
  otherExperiencer: boolean;
}

/**
 * The context of the words [from, to) of a clause: a pre trigger before them with no termination
 * term between, or inside them before their last word ("vomited, no blood"), or a post trigger
 * after them with no termination term or comma between.
 */
export function contextOf(ws: Words, from: number, to: number): Context {
  const t = triggers();
  const stops = findAll(ws, t.termination);
  const governsForwardPast = (ends: typeof stops) => (hit: { at: number; end: number }) =>
    (hit.end <= from && !ends.some((s) => s.at >= hit.end && s.at < from)) || (hit.at > from && hit.end < to);
  const governsForward = governsForwardPast(stops);
  const experiencerStops = stops.filter((s) => !t.experiencerPasses.some((p) => startsAt(ws, s.at, p)));
  // A comma bounds a post trigger ("tender, bowel sounds normal"), except a "not ..." trigger
  // right after it, which qualifies what the comma follows ("bile duct 4 mm, not dilated").
  const governsBackward = (hit: { at: number; end: number }) =>
    hit.at >= to &&
    !stops.some((s) => s.at >= to && s.at < hit.at) &&
    ws
      .slice(to, hit.at)
      .every((w, k, between) => w !== "," || (k === between.length - 1 && ws[hit.at] === "not" && !between.slice(0, k).includes(",")));
  // A trigger inside a pseudo-trigger ("not making sense") is no trigger.
  const pseudo = findAll(ws, t.pseudo);
  const real = (hit: { at: number; end: number }) => !pseudo.some((p) => hit.at < p.end && hit.end > p.at);
  return {
    negated: findAll(ws, t.negationPre).filter(real).some(governsForward) || findAll(ws, t.negationPost).filter(real).some(governsBackward),
    uncertain: findAll(ws, t.uncertaintyPre).some(governsForward) || findAll(ws, t.uncertaintyPost).some(governsBackward),
    otherExperiencer: findAll(ws, t.experiencer).some(governsForwardPast(experiencerStops)) || findAll(ws, t.experiencerPost).some(governsBackward),
  };
}
