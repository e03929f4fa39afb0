import type { Knowledge } from "../agents/view.js";
import type { Case } from "../core/case.js";
import { type SessionRecord, sessionRecord } from "./record.js";
import { playHeadless } from "../graph/headless.js";
import { scriptedReviewer } from "../graph/scripted.js";
import type { SessionOptions } from "../graph/session.js";
import type { SessionSettings } from "../core/settings.js";

/** The panel on its own on the case, for a debrief's comparison: every proposal approved, headless, never saved. */
export async function panelAlone(
  caseFile: Case,
  knowledge: Knowledge,
  settings: SessionSettings,
  brains: Pick<SessionOptions, "brains" | "oracle"> = {},
): Promise<SessionRecord> {
  return sessionRecord(await playHeadless({ caseFile, knowledge, settings, ...brains }, scriptedReviewer()));
}
