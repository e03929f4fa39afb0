import { useCallback, useEffect, useRef, useState } from "react";
import { type AnnounceContext, type Moment, announcements } from "../announcements.js";
import { type SessionLog, advanceLog, emptyLog, logLine } from "../session-log.js";

/**
 * The log printed above the live frame, kept up with the session: finished rounds and the
 * verdict, or, in the screen-reader layout, a line for every change. `opening` is printed first
 * (the fork the session began as).
 */
export function useSessionLog(moment: Moment, screenReader: boolean, context: AnnounceContext, opening: string | null = null): [SessionLog, (line: string) => void] {
  const [log, setLog] = useState(() => emptyLog(!screenReader, opening));
  const before = useRef<Moment | null>(null);
  const { values, review, finished } = moment;
  const { caseFile, knowledge, oracleCostUsd } = context;
  useEffect(() => {
    const now: Moment = { values, review, finished };
    if (screenReader) {
      const lines = announcements(before.current, now, { caseFile, knowledge, oracleCostUsd });
      before.current = now;
      if (lines.length) setLog((l) => lines.reduce(logLine, l));
    } else {
      setLog((l) => advanceLog(l, values, finished));
    }
  }, [values, review, finished, screenReader, caseFile, knowledge, oracleCostUsd]);
  const announce = useCallback((line: string) => setLog((l) => logLine(l, line)), []);
  return [log, announce];
}
