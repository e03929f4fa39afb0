import type { KnowledgeBase } from "./knowledge.js";

/**
 * Why a specimen analysis can't be done: its specimen needs a procedure (a lumbar puncture for
 * CSF, an arthrocentesis for joint fluid) not ordered before nor in the same order. Null when the
 * test needs no procedure or the procedure is there.
 */
export function specimenRefusal(kb: KnowledgeBase, testId: string, done: ReadonlySet<string>, alongside: readonly string[]): string | null {
  if (missingProcedure(kb, testId, done, alongside) === null) return null;
  const rule = kb.specimens.find((s) => s.analysis === testId)!;
  return `No ${rule.specimen} to analyse: order the procedure that obtains it (${rule.procedure.replaceAll("_", " ")}) in this order or an earlier one.`;
}

/** The procedure an analysis needs that is neither done nor ordered alongside; null if none. */
export function missingProcedure(kb: KnowledgeBase, testId: string, done: ReadonlySet<string>, alongside: readonly string[]): string | null {
  const rule = kb.specimens.find((s) => s.analysis === testId);
  return rule && !done.has(rule.procedure) && !alongside.includes(rule.procedure) ? rule.procedure : null;
}

/**
 * The tests whose findings a result of `testId` may report: its own, and, for a procedure that
 * yields a specimen (an arthrocentesis, a lumbar puncture), that specimen's analyses, which case
 * writers often report with the tap ("Arthrocentesis: WBC > 50,000/uL, Gram-negative diplococci").
 */
export function reportedTests(kb: KnowledgeBase, testId: string): string[] {
  return [testId, ...kb.specimens.filter((s) => s.procedure === testId).map((s) => s.analysis)];
}
