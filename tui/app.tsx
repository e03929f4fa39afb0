import { useEffect, useMemo, useRef, useState } from "react";
import { Text, useWindowSize } from "ink";
import type { Knowledge } from "../agents/view.js";
import type { Case } from "../core/case.js";
import type { DiagnosticSession } from "../graph/session.js";
import type { ConsoleSession } from "./hooks/useSession.js";
import type { SessionSettings } from "../core/settings.js";
import type { SessionValues } from "../graph/state.js";
import { forkNotice } from "./announcements.js";
import { caseCard } from "./case-cards.js";
import { CasePicker } from "./components/CasePicker.js";
import { ErrorBoundary } from "./components/ErrorBoundary.js";
import { HelpScreen } from "./components/HelpScreen.js";
import { type SessionEnd, SessionScreen } from "./components/SessionScreen.js";
import { type Display, DisplayContext } from "./hooks/useDisplay.js";
import type { OracleCost } from "./final-report.js";

/** A session made ready for the console: the engine, and what the screen says about it. */
export interface PreparedSession {
  session: ConsoleSession;
  settings: SessionSettings;
  sessionName: string;
  oracleCostUsd: OracleCost;
}

/** A saved session forked from another: its engine, waiting on the review it begins at, and its catalogue id and settings. */
export interface ForkedSession {
  session: DiagnosticSession;
  record: { id: string; settings: SessionSettings };
}

export type AppOutcome =
  | { kind: "quit" }
  | { kind: "session"; caseFile: Case; sessionName: string; end: SessionEnd }
  | { kind: "error"; message: string };

export interface AppProps {
  cases: readonly Case[];
  /** Opens this case at once, without the picker. */
  caseId?: string;
  knowledge: Knowledge;
  display: Display;
  /** Makes the session for a chosen case (model brains may take a moment to load). */
  prepare: (caseFile: Case) => Promise<PreparedSession>;
  writeTranscript: (caseFile: Case, values: SessionValues, sessionName: string) => string;
  /**
   * Begins a new saved session at the review of `round` in session `sessionId` (a thread id),
   * leaving that one as it is. Without it (sessions kept in memory only) the console offers no fork.
   */
  fork?: (sessionId: string, round: number) => Promise<ForkedSession>;
  onExit: (outcome: AppOutcome) => void;
}

/** The console: the case picker, then the session screen; after a fork, the fork's session screen. */
export function App({ cases, caseId, knowledge, display, prepare, writeTranscript, fork, onExit }: AppProps) {
  const { columns, rows } = useWindowSize();
  const [chosen, setChosen] = useState<string | null>(caseId ?? null);
  const [help, setHelp] = useState(false);
  const cards = useMemo(() => cases.map(caseCard), [cases]);
  const caseFile = chosen ? cases.find((c) => c.id === chosen) : undefined;
  const [prepared, setPrepared] = useState<PreparedSession | null>(null);
  /** What the session on screen began as, when it is a fork. */
  const [opening, setOpening] = useState<string | null>(null);
  // Read through a ref: a caller's new function on each render must not prepare the case again.
  const callbacks = useRef({ prepare, onExit });
  callbacks.current = { prepare, onExit };
  useEffect(() => {
    if (!caseFile) return;
    let current = true;
    callbacks.current.prepare(caseFile).then(
      (p) => current && setPrepared(p),
      (e: unknown) => current && callbacks.current.onExit({ kind: "error", message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      current = false;
    };
  }, [caseFile]);

  let screen;
  if (help) screen = <HelpScreen from="picker" rows={rows - 2} onClose={() => setHelp(false)} onInterrupt={() => onExit({ kind: "quit" })} />;
  else if (caseFile && !prepared) screen = <Text>{`Preparing case ${caseFile.id}…`}</Text>;
  else if (!caseFile || !prepared)
    screen = <CasePicker cards={cards} rows={rows} width={Math.max(40, columns)} onChoose={setChosen} onQuit={() => onExit({ kind: "quit" })} onHelp={() => setHelp(true)} />;
  else {
    const p = prepared;
    // The console goes on with the fork; the session it came from stays as it was saved.
    const forkAt = fork
      ? async (round: number) => {
          const forked = await fork(p.session.threadId, round);
          setPrepared({ session: forked.session, settings: forked.record.settings, sessionName: forked.record.id, oracleCostUsd: p.oracleCostUsd });
          setOpening(forkNotice({ id: forked.record.id, round, from: p.sessionName }));
        }
      : undefined;
    screen = (
      <SessionScreen
        // A new session is a new screen: its own log, review and keys.
        key={p.session.threadId}
        session={p.session}
        caseFile={caseFile}
        knowledge={knowledge}
        settings={p.settings}
        sessionName={p.sessionName}
        oracleCostUsd={p.oracleCostUsd}
        writeTranscript={(values) => writeTranscript(caseFile, values, p.sessionName)}
        fork={forkAt}
        opening={opening}
        onExit={(end) => onExit({ kind: "session", caseFile, sessionName: p.sessionName, end })}
      />
    );
  }
  return (
    <DisplayContext value={display}>
      <ErrorBoundary onError={(e) => onExit({ kind: "error", message: e.message })}>{screen}</ErrorBoundary>
    </DisplayContext>
  );
}
