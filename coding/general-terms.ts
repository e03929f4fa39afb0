import { join } from "node:path";
import { z } from "zod";
import { readDataFile } from "../core/data-file.js";
import { packageRoot } from "../core/paths.js";
import type { KnowledgeBase } from "../core/knowledge.js";
import { terms } from "../core/text-match.js";
import { clauseWords, contextOf } from "./context.js";
import type { Mention } from "./mentions.js";
import { SLACK, spanOf, stemsOf } from "./phrase-span.js";

const GeneralTermSchema = z.object({
  terms: z.array(z.string().min(2)).min(1),
  /** The term counts only as the first word of its clause. */
  opens: z.boolean().default(false),
  /** Phrases that, in the same clause, say the terms mean something else ("normal bowel sounds" is not "bowels normal"). */
  except: z.array(z.string().min(2)).default([]),
  absent: z.array(z.string().min(1)).min(1),
});
const GeneralTermsSchema = z.object({ source: z.string().min(10), licence: z.string().min(2), denied: z.array(GeneralTermSchema), stated: z.array(GeneralTermSchema) });
export type GeneralTerms = z.infer<typeof GeneralTermsSchema>;
let general: GeneralTerms | undefined;
/** Statements that settle several findings at once (coding/general-terms.yaml). */
export const generalTerms = (): GeneralTerms => (general ??= readDataFile(join(packageRoot, "coding/general-terms.yaml"), GeneralTermsSchema));

/** Absences a clause settles by a denied general term or a stated normal examination. */
export function generalAbsences(clause: string, kb: KnowledgeBase): Mention[] {
  const ws = clauseWords(clause);
  const stems = stemsOf(ws);
  const found: Mention[] = [];
  for (const [entries, needsDenial] of [[generalTerms().denied, true], [generalTerms().stated, false]] as const) {
    for (const entry of entries) {
      if (entry.except.some((text) => spanOf(stems, terms(text), 0))) continue;
      const hit = entry.terms.some((text) => {
        const span = spanOf(stems, terms(text), needsDenial ? 0 : SLACK);
        if (!span || (entry.opens && span[0] !== 0)) return false;
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
