import type { Case, FindingLink } from "../core/case.js";

/** Where a fact lives in a case: the presentation, one history or examination item, or one test result. */
export type FactRef = { part: "presentation" } | { part: "finding"; id: string } | { part: "test"; id: string };

export interface Code {
  id: string;
  present: boolean;
  /** The words the code was read from. */
  phrase: string;
  by: "text" | "value" | "vital sign" | "normal result" | "age";
}

export interface FactCoding {
  fact: FactRef;
  label: string;
  codes: Code[];
  /** Clauses no code came from; "(hedged)" marks one left uncoded for its uncertainty. */
  uncoded: string[];
}

/** The links of a fact as a case holds them. */
export const linksOf = (c: Case, fact: FactRef): readonly FindingLink[] =>
  fact.part === "presentation" ? c.presentation.kb : fact.part === "finding" ? (c.findings.find((f) => f.id === fact.id)?.kb ?? []) : (c.tests[fact.id]?.kb ?? []);

/** One code per finding: a present mention outweighs an absent one (a "no" in a list can reach too far). */
export function merge(codes: Code[]): Code[] {
  const byId = new Map<string, Code>();
  for (const code of codes) {
    const held = byId.get(code.id);
    if (!held || (code.present && !held.present && code.by === held.by)) byId.set(code.id, code);
  }
  return [...byId.values()];
}
