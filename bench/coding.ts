import type { FindingLink } from "../core/case.js";
import { impliesAbsence } from "../core/gatekeeper.js";
import type { KnowledgeBase } from "../core/knowledge.js";
import type { LoadedCase } from "../core/case-loader.js";
import { codeCase, linksOf } from "../coding/coder.js";

export interface CoderScore {
  /** Codes the coder proposed that the case's author also wrote (same finding, same presence). */
  agreed: number;
  proposed: number;
  handCoded: number;
  precision: number;
  recall: number;
}

/**
 * A test result's links as the gatekeeper reveals them: a normal result, or one with links,
 * also says its test's other findings are absent (core/gatekeeper.ts, impliesAbsence).
 */
function asRevealed(links: readonly FindingLink[], abnormal: boolean, testId: string, kb: KnowledgeBase): FindingLink[] {
  if (!impliesAbsence({ abnormal, kb: [...links] })) return [...links];
  const held = new Set(links.map((l) => l.id));
  return [...links, ...kb.findings.filter((f) => f.tests.includes(testId) && !held.has(f.id)).map((f) => ({ id: f.id, present: false }))];
}

/**
 * The automatic coder against the hand codes of cases, fact by fact. `asRevealed` compares test
 * results as the gatekeeper reveals them (both sides with the absences a normal or coded result
 * implies), which is what the engine reads; otherwise the codes as written.
 */
export function scoreCoder(cases: readonly LoadedCase[], kb: KnowledgeBase, options: { asRevealed?: boolean } = {}): CoderScore {
  let agreed = 0;
  let proposed = 0;
  let handCoded = 0;
  for (const { case: c } of cases) {
    for (const fact of codeCase(c, kb)) {
      let handLinks: readonly FindingLink[] = linksOf(c, fact.fact);
      let autoLinks: readonly FindingLink[] = fact.codes;
      const result = fact.fact.part === "test" ? c.tests[fact.fact.id] : undefined;
      if (options.asRevealed && result && fact.fact.part === "test") {
        handLinks = asRevealed(handLinks, result.abnormal, fact.fact.id, kb);
        autoLinks = asRevealed(autoLinks, result.abnormal, fact.fact.id, kb);
      }
      const hand = new Set(handLinks.map((l) => `${l.id}:${l.present}`));
      const auto = new Set(autoLinks.map((code) => `${code.id}:${code.present}`));
      handCoded += hand.size;
      proposed += auto.size;
      for (const key of auto) if (hand.has(key)) agreed++;
    }
  }
  return { agreed, proposed, handCoded, precision: proposed ? agreed / proposed : 0, recall: handCoded ? agreed / handCoded : 0 };
}

export const formatCoderScore = (s: CoderScore, label = "automatic coder on the bundled cases' hand codes"): string =>
  `${label}: precision ${s.precision.toFixed(2)} (target 0.90), recall ${s.recall.toFixed(2)} (target 0.85); ${s.agreed} agreed of ${s.proposed} proposed and ${s.handCoded} hand-coded`;
