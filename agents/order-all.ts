import type { VisibleCase } from "../core/case.js";
import { compareIds, scopeModel } from "../reasoning/scope.js";
import { type Knowledge, scopeOfCase } from "./view.js";

/**
 * The order-all reference point: the shotgun workup. Every catalog test that can show a finding
 * of any disease this patient could have for this complaint, read off the knowledge base and the
 * visible presentation (never the hidden case, so it pays for what it does not know). A procedure
 * that yields a specimen comes before the specimen's analysis (a tissue analysis only with a biopsy
 * the plan holds); otherwise cheapest first, so a round limit cuts the dearest tests.
 */
export function orderAllPlan(visible: VisibleCase, { kb, catalog }: Knowledge): string[] {
  const model = scopeModel(kb, scopeOfCase(visible));
  const tests = new Set<string>();
  for (const { id } of model.hypotheses) {
    for (const listed of kb.diseaseById.get(id)?.findings ?? []) {
      for (const testId of kb.findingById.get(listed.id)?.tests ?? []) if (catalog.byId.has(testId)) tests.add(testId);
    }
  }
  // A specimen's one procedure joins its analysis; an analysis several procedures could feed needs one of them in the plan.
  for (const s of kb.specimens) {
    if (!tests.has(s.analysis) || s.procedures.some((p) => tests.has(p))) continue;
    if (s.procedures.length === 1 && catalog.byId.has(s.procedures[0]!)) tests.add(s.procedures[0]!);
    else tests.delete(s.analysis);
  }
  const procedures = new Set(kb.specimens.flatMap((s) => s.procedures));
  const price = (id: string) => catalog.byId.get(id)!.price_usd;
  return [...tests].sort((a, b) => Number(procedures.has(b)) - Number(procedures.has(a)) || price(a) - price(b) || compareIds(a, b));
}
