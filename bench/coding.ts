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

/** The automatic coder against the hand codes of cases, fact by fact. */
export function scoreCoder(cases: readonly LoadedCase[], kb: KnowledgeBase): CoderScore {
  let agreed = 0;
  let proposed = 0;
  let handCoded = 0;
  for (const { case: c } of cases) {
    for (const fact of codeCase(c, kb)) {
      const hand = new Set(linksOf(c, fact.fact).map((l) => `${l.id}:${l.present}`));
      const auto = new Set(fact.codes.map((code) => `${code.id}:${code.present}`));
      handCoded += hand.size;
      proposed += auto.size;
      for (const key of auto) if (hand.has(key)) agreed++;
    }
  }
  return { agreed, proposed, handCoded, precision: proposed ? agreed / proposed : 0, recall: handCoded ? agreed / handCoded : 0 };
}

export const formatCoderScore = (s: CoderScore): string =>
  `automatic coder on the bundled cases' hand codes: precision ${s.precision.toFixed(2)} (target 0.90), recall ${s.recall.toFixed(2)} (target 0.85); ${s.agreed} agreed of ${s.proposed} proposed and ${s.handCoded} hand-coded`;
