import type { Knowledge } from "../agents/view.js";
import type { SessionRecord as CatalogueRecord, SessionStore } from "../sessions/store.js";
import { type Branch, otherBranch } from "../teaching/branches.js";
import { type PastForecast, sessionForecast } from "../teaching/debrief.js";
import { type SessionRecord, sessionRecord } from "../teaching/record.js";

/** Another saved session as the debrief's other branch; undefined while it has no verdict. */
export async function branchOf(store: SessionStore, self: CatalogueRecord, otherId: string, knowledge: Knowledge): Promise<Branch | undefined> {
  const other = await store.reopenSession(otherId, { knowledge });
  const { values } = await other.session.status();
  if (!values.verdict) return undefined;
  return otherBranch(self, other.record, sessionRecord(values), (id) => store.record(id));
}

/**
 * A learner's record in the store beside one teach session: which attempt of its case it is
 * (teach sessions of the same learner and case, by when they began; a fork is a new attempt)
 * and the forecasts of the learner's other judged teach sessions, for calibration over sessions.
 */
export async function learnerHistory(store: SessionStore, self: CatalogueRecord, knowledge: Knowledge): Promise<{ attempt: number; history: PastForecast[] }> {
  const mine = (await store.listSessions()).filter((s) => s.mode === "teach" && s.learner === self.learner);
  const attempt = mine.filter((s) => s.caseId === self.caseId && s.started <= self.createdAt).length;
  const history: PastForecast[] = [];
  for (const s of mine) {
    if (s.id === self.id || !s.verdict) continue;
    const { session, caseFile } = await store.reopenSession(s.id, { knowledge });
    const forecast = sessionForecast(caseFile, knowledge, (await session.status()).values);
    if (forecast) history.push(forecast);
  }
  return { attempt: Math.max(1, attempt), history };
}
