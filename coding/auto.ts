import { createHash } from "node:crypto";
import { z } from "zod";
import type { Case, FindingLink } from "../core/case.js";
import type { KnowledgeBase } from "../core/knowledge.js";
import { diseaseNamed } from "../core/disease-names.js";
import { codeCase } from "./coder.js";
import { type FactRef, linksOf } from "./facts.js";

/** How much of a case the offline engine can read: facts carrying at least one knowledge-base code. */
export const CoverageSchema = z.object({
  readable: z.number().int().nonnegative(),
  facts: z.number().int().nonnegative(),
  /** Codes the automatic coder added (the author's are kept as written). */
  automatic: z.number().int().nonnegative(),
  /** Whether the diagnosis is a knowledge-base disease the offline engine can name. */
  diagnosisInKb: z.boolean(),
});
export type Coverage = z.infer<typeof CoverageSchema>;

/** Below this share of readable facts the offline brain is warned to be guessing. */
export const LOW_COVERAGE = 0.5;

export interface AutoCoded {
  case: Case;
  coverage: Coverage;
  /** The codes added, by fact, with the phrase each came from. */
  added: { fact: FactRef; codes: (FindingLink & { phrase: string })[] }[];
}

const cache = new Map<string, AutoCoded>();

/**
 * A case as the offline engine reads it: every fact the author left uncoded gets the automatic
 * coder's codes; the author's codes stay as written. A diagnosis without a knowledge-base id gets
 * the id of the disease its name or a synonym names. Cached by the case's content hash.
 */
export function autoCode(c: Case, kb: KnowledgeBase): AutoCoded {
  const key = createHash("sha256").update(JSON.stringify(c)).digest("hex");
  const held = cache.get(key);
  if (held) return held;
  const added: AutoCoded["added"] = [];
  const copy: Case = structuredClone(c);
  // A case its author coded throughout is not read again: coding costs time on every run.
  const uncoded = c.presentation.kb.length === 0 || c.findings.some((f) => f.kb.length === 0) || Object.values(c.tests).some((t) => t.kb.length === 0);
  for (const fact of uncoded ? codeCase(c, kb) : []) {
    if (linksOf(c, fact.fact).length > 0 || fact.codes.length === 0) continue;
    const links = fact.codes.filter((code) => kb.findingById.has(code.id)).map((code) => ({ id: code.id, present: code.present }));
    if (links.length === 0) continue;
    added.push({ fact: fact.fact, codes: fact.codes.map((code) => ({ id: code.id, present: code.present, phrase: code.phrase })) });
    if (fact.fact.part === "presentation") copy.presentation.kb = links;
    else if (fact.fact.part === "finding") {
      const id = fact.fact.id;
      const item = copy.findings.find((f) => f.id === id);
      if (item) item.kb = links;
    } else {
      const result = copy.tests[fact.fact.id];
      if (result) result.kb = links;
    }
  }
  if (copy.diagnosis.kb_id === undefined) {
    const kbId = diseaseNamed(kb, [copy.diagnosis.name, ...copy.diagnosis.synonyms])?.id;
    if (kbId) copy.diagnosis.kb_id = kbId;
  }
  const facts = 1 + copy.findings.length + Object.keys(copy.tests).length;
  const readable =
    (copy.presentation.kb.length > 0 ? 1 : 0) + copy.findings.filter((f) => f.kb.length > 0).length + Object.values(copy.tests).filter((t) => t.kb.length > 0).length;
  const automatic = added.reduce((n, a) => n + a.codes.length, 0);
  const result: AutoCoded = { case: copy, coverage: { readable, facts, automatic, diagnosisInKb: copy.diagnosis.kb_id !== undefined && kb.diseaseById.has(copy.diagnosis.kb_id) }, added };
  cache.set(key, result);
  return result;
}

/** The line `validate`, `play` and `run` print for a case's coverage; a warning when the offline brain can read too little. */
export function coverageLine(caseId: string, coverage: Coverage): string {
  const share = coverage.facts > 0 ? coverage.readable / coverage.facts : 0;
  const auto = coverage.automatic > 0 ? ` (${coverage.automatic} codes added automatically)` : "";
  const dx = coverage.diagnosisInKb ? "" : "; its diagnosis is not a knowledge-base disease, so the offline brain cannot name it";
  const base = `${caseId}: the offline brain can read ${coverage.readable} of ${coverage.facts} facts of this case${auto}${dx}`;
  return share < LOW_COVERAGE || !coverage.diagnosisInKb ? `warning: ${base}; a model brain reads the text` : base;
}
