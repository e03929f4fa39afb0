import { answeredFindingIds } from "../agents/kb-questions.js";
import { type Knowledge, evidenceOf, orderedTestIds, scopeOf } from "../agents/view.js";
import { panelView, type SessionValues } from "../graph/state.js";
import { rankProbes } from "../reasoning/choice.js";

/** What the offline engine expects each test (by id) and question (by finding id) to tell, in bits. */
export interface ExpectedGains {
  tests: ReadonlyMap<string, number>;
  questions: ReadonlyMap<string, number>;
}

/**
 * The engine's expected information gain for everything the physician could still ask or
 * order, from public knowledge and what has been revealed: never from the hidden case. Shown
 * beside the physician's own picks, where no panel member has estimated it.
 */
export function expectedGains(values: SessionValues, { kb, catalog }: Knowledge): ExpectedGains {
  const view = panelView(values);
  const ranking = rankProbes(kb, catalog, scopeOf(view), evidenceOf(view), {
    asked: answeredFindingIds(view, kb),
    ordered: orderedTestIds(view),
    questionCostUsd: view.ledger.visitOpen ? 0 : view.settings.visitFeeUsd,
  });
  const tests = new Map<string, number>();
  const questions = new Map<string, number>();
  for (const { probe, gainBits } of ranking) {
    if (probe.kind === "test") tests.set(probe.testId, gainBits);
    else questions.set(probe.findingId, gainBits);
  }
  return { tests, questions };
}
