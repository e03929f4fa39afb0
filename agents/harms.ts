import { posterior } from "../reasoning/differential.js";
import { type HarmContext, harmApplies } from "../reasoning/harm.js";
import { type Knowledge, type PanelView, evidenceOf, orderedTestIds, scopeOf } from "./view.js";

/** What makes a test harmful for this patient now, over the whole posterior (not the top few). */
export function harmContext(view: PanelView, kb: Knowledge["kb"]): HarmContext {
  const evidence = evidenceOf(view);
  return { differential: posterior(kb, scopeOf(view), evidence), evidence, done: orderedTestIds(view) };
}

/** Catalog ids of the tests the knowledge base contraindicates for this patient now. */
export function forbiddenTests(view: PanelView, kb: Knowledge["kb"]): Set<string> {
  const context = harmContext(view, kb);
  return new Set(kb.harms.filter((h) => harmApplies(h, context)).map((h) => h.test));
}
