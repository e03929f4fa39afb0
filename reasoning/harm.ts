import type { Harm } from "../core/clinical-rules.js";
import type { KnowledgeBase } from "../core/knowledge.js";
import type { Evidence } from "./scope.js";

/** What makes a test harmful now: the live differential, the findings, the tests already done. */
export interface HarmContext {
  readonly differential: readonly { readonly id: string; readonly p: number }[];
  readonly evidence: Evidence;
  /** Tests resulted in earlier rounds (a test ordered in the same round has no result yet). */
  readonly done: ReadonlySet<string>;
}

/**
 * Whether a contraindication forbids its test now: a listed diagnosis at or above its bar, or a
 * listed finding present, and none of the tests that lift it done before.
 */
export const harmApplies = (h: Harm, context: HarmContext): boolean =>
  !h.unless_done.some((t) => context.done.has(t)) &&
  (h.diseases.some((d) => (context.differential.find((e) => e.id === d)?.p ?? 0) >= h.above) || h.findings.some((f) => context.evidence[f] === true));

/** The knowledge base's contraindications that forbid this test now (harmApplies). */
export function harmsOf(kb: KnowledgeBase, testId: string, context: HarmContext): Harm[] {
  return kb.harms.filter((h) => h.test === testId && harmApplies(h, context));
}

/** One line for the physician, the skeptic or the debrief: the test and why it harms now. */
export const describeHarm = (h: Harm, testName: string): string => `${testName} is contraindicated: ${h.reason} (${h.source})`;
