import type { KnowledgeBase } from "./knowledge.js";

const words = (id: string) => id.replaceAll("_", " ");

/**
 * Why a specimen analysis can't be done: its specimen needs a procedure (a lumbar puncture for
 * CSF, a biopsy for tissue) not ordered before nor in the same order. Null when the test needs no
 * procedure or one that yields its specimen is there.
 */
export function specimenRefusal(kb: KnowledgeBase, testId: string, done: ReadonlySet<string>, alongside: readonly string[]): string | null {
  const missing = missingProcedures(kb, testId, done, alongside);
  if (missing.length === 0) return null;
  const rule = kb.specimens.find((s) => s.analysis === testId)!;
  const which = missing.length === 1 ? `the procedure that obtains it (${words(missing[0]!)})` : `a procedure that obtains it (one of: ${missing.map(words).join(", ")})`;
  return `No ${rule.specimen} to analyse: order ${which} in this order or an earlier one.`;
}

/**
 * The procedures that could yield an analysis's specimen when none of them is done or ordered
 * alongside; empty when the test needs no procedure or its specimen is there. One procedure can be
 * ordered with the analysis; several (which tissue to biopsy?) leave the choice to the biopsy's own findings.
 */
export function missingProcedures(kb: KnowledgeBase, testId: string, done: ReadonlySet<string>, alongside: readonly string[]): readonly string[] {
  const rule = kb.specimens.find((s) => s.analysis === testId);
  return rule && !rule.procedures.some((p) => done.has(p) || alongside.includes(p)) ? rule.procedures : [];
}

/**
 * The tests whose findings a result of `testId` may report: its own, and, for a procedure that
 * yields a specimen (an arthrocentesis, a skin biopsy), that specimen's analyses, which case
 * writers often report with the procedure ("Arthrocentesis: WBC > 50,000/uL, Gram-negative diplococci").
 */
export function reportedTests(kb: KnowledgeBase, testId: string): string[] {
  return [testId, ...kb.specimens.filter((s) => s.procedures.includes(testId)).map((s) => s.analysis)];
}
