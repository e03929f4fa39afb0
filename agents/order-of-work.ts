import type { Probe } from "../reasoning/probes.js";
import { posterior } from "../reasoning/differential.js";
import { type Knowledge, type PanelView, evidenceOf, orderedTestIds, scopeOf } from "./view.js";

/**
 * The tests that go first now: a time-critical diagnosis (time-critical.yaml) at or above the
 * can't-miss threshold whose test is not done yet.
 */
export function timeCriticalTests(view: PanelView, kb: Knowledge["kb"]): string[] {
  if (kb.timeCritical.length === 0) return [];
  const differential = posterior(kb, scopeOf(view), evidenceOf(view));
  const done = orderedTestIds(view);
  const live = (id: string) => (differential.find((e) => e.id === id)?.p ?? 0) >= view.settings.cantMissThreshold;
  return [...new Set(kb.timeCritical.filter((t) => !done.has(t.test) && live(t.disease)).map((t) => t.test))];
}

/**
 * A physician's order of work: a time-critical test first; otherwise history and examination
 * before any test, until the patient has been seen once; after that, whichever buys more.
 */
export function preferredKind(view: PanelView, kb: Knowledge["kb"]): Probe["kind"] | undefined {
  if (timeCriticalTests(view, kb).length > 0) return "test";
  const seen = view.trail.some((e) => e.action.kind === "ask");
  return seen ? undefined : "question";
}
