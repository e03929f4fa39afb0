import type { Knowledge } from "../agents/view.js";
import type { Case } from "../core/case.js";
import { type SessionRecord, sessionRecord } from "../teaching/record.js";
import { playHeadless } from "./headless.js";
import { scriptedReviewer } from "./scripted.js";
import type { SessionOptions } from "./session.js";
import type { SessionSettings } from "./settings.js";

/** The panel on its own on the case, for a debrief's comparison: every proposal approved, headless, never saved. */
export async function panelAlone(
  caseFile: Case,
  knowledge: Knowledge,
  settings: SessionSettings,
  brains: Pick<SessionOptions, "brains" | "oracle"> = {},
): Promise<SessionRecord> {
  return sessionRecord(await playHeadless({ caseFile, knowledge, settings, ...brains }, scriptedReviewer()));
}
