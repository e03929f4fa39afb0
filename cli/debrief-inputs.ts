import type { Knowledge } from "../agents/view.js";
import type { Case } from "../core/case.js";
import { playScripted } from "../graph/scripted.js";
import { DiagnosticSession, type SessionOptions } from "../graph/session.js";
import type { SessionSettings } from "../graph/settings.js";
import type { SessionRecord as CatalogueRecord, SessionStore } from "../sessions/store.js";
import { type Branch, otherBranch } from "../teaching/branches.js";
import { type SessionRecord, sessionRecord } from "../teaching/record.js";

/** The panel on its own on the case: every proposal approved, in memory, never saved. */
export async function panelAlone(
  caseFile: Case,
  knowledge: Knowledge,
  settings: SessionSettings,
  brains: Pick<SessionOptions, "brains" | "oracle"> = {},
): Promise<SessionRecord> {
  const run = await playScripted(DiagnosticSession.create({ caseFile, knowledge, settings, ...brains }));
  return sessionRecord(run.values);
}

/** Another saved session as the debrief's other branch; undefined while it has no verdict. */
export async function branchOf(store: SessionStore, self: CatalogueRecord, otherId: string, knowledge: Knowledge): Promise<Branch | undefined> {
  const other = await store.reopenSession(otherId, { knowledge });
  const { values } = await other.session.status();
  if (!values.verdict) return undefined;
  return otherBranch(self, other.record, sessionRecord(values), (id) => store.record(id));
}
