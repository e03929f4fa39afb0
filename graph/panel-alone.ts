import type { Knowledge } from "../agents/view.js";
import type { Case } from "../core/case.js";
import { type SessionRecord, sessionRecord } from "../teaching/record.js";
import { playScripted } from "./scripted.js";
import { DiagnosticSession, type SessionOptions } from "./session.js";
import type { SessionSettings } from "./settings.js";

/** The panel on its own on the case, for a debrief's comparison: every proposal approved, in memory, never saved. */
export async function panelAlone(
  caseFile: Case,
  knowledge: Knowledge,
  settings: SessionSettings,
  brains: Pick<SessionOptions, "brains" | "oracle"> = {},
): Promise<SessionRecord> {
  const run = await playScripted(DiagnosticSession.create({ caseFile, knowledge, settings, ...brains }));
  return sessionRecord(run.values);
}
