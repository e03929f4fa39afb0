import type { Knowledge } from "../../agents/view.js";
import type { Case } from "../../core/case.js";
import type { SessionValues } from "../../graph/state.js";
import { type Debrief, type DebriefComparisons, debrief } from "../../teaching/debrief.js";
import { sessionRecord } from "../../teaching/record.js";

/** A judged session's debrief, and what could not go into it when something could not be made. */
export interface PreparedDebrief {
  report: Debrief;
  note?: string;
}

/** Where learner mode gets a judged session's debrief: made here, or asked of a workshop server. */
export type DebriefSource = (values: SessionValues) => Promise<PreparedDebrief>;

/**
 * The debrief made on this machine from the session's values and its comparisons (the panel's own
 * run, a fork's other branch, the learner's history); without them when they cannot be made, saying so.
 */
export const localDebrief =
  (caseFile: Case, knowledge: Knowledge, comparisons?: () => Promise<DebriefComparisons>): DebriefSource =>
  async (values) => {
    const make = (compared: DebriefComparisons) => debrief({ caseFile, knowledge, learner: sessionRecord(values), settings: values.settings, ...compared });
    if (!comparisons) return { report: make({}) };
    try {
      return { report: make(await comparisons()) };
    } catch (e) {
      return { report: make({}), note: `The debrief is shown without the panel's own run: ${e instanceof Error ? e.message : String(e)}` };
    }
  };
