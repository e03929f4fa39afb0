import { useState } from "react";
import type { Knowledge } from "../../agents/view.js";
import type { Case } from "../../core/case.js";
import type { ConsoleSession } from "../hooks/useSession.js";
import type { SessionSettings } from "../../core/settings.js";
import type { DebriefSource } from "./debrief-source.js";
import { forkNotice } from "../announcements.js";
import { ErrorBoundary } from "../components/ErrorBoundary.js";
import type { SessionEnd } from "../components/SessionScreen.js";
import { type Display, DisplayContext } from "../hooks/useDisplay.js";
import { type Ended, type TerminalStreams, runInTerminal } from "../run.js";
import { TeachScreen } from "./TeachScreen.js";

/** A session made ready for learner mode: the engine (here or on a server), its name, and where its debrief comes from. */
export interface LearnerSession {
  session: ConsoleSession;
  settings: SessionSettings;
  sessionName: string;
  /** The debrief once the session is judged (see `localDebrief`). */
  debriefOf?: DebriefSource;
}

/** "quit": ended by a signal, before the screen could say how the session stood. */
export type TeachOutcome = Ended<{ kind: "session"; sessionName: string; end: SessionEnd } | { kind: "quit" }>;

export interface TeachAppProps {
  caseFile: Case;
  knowledge: Knowledge;
  /** The session learner mode opens on. */
  learner: LearnerSession;
  /** Writes a session's debrief (Markdown) and returns where it went. */
  writeDebrief: (sessionName: string, markdown: string) => string;
  /**
   * Begins a new saved session at the review of `round` in session `sessionId` (a thread id),
   * leaving that one as it is. Without it (sessions kept in memory only) learner mode offers no fork.
   */
  fork?: (sessionId: string, round: number) => Promise<LearnerSession>;
  onExit: (outcome: { sessionName: string; end: SessionEnd }) => void;
}

/** Learner mode on a session; after a fork, on the fork, as the console goes on with one. */
export function TeachApp({ caseFile, knowledge, learner, writeDebrief, fork, onExit }: TeachAppProps) {
  const [on, setOn] = useState(learner);
  /** What the session on screen began as, when it is a fork. */
  const [opening, setOpening] = useState<string | null>(null);
  // The learner goes on with the fork; the session it came from stays as it was saved.
  const forkAt = fork
    ? async (round: number) => {
        const forked = await fork(on.session.threadId, round);
        setOn(forked);
        setOpening(forkNotice({ id: forked.sessionName, round, from: on.sessionName }));
      }
    : undefined;
  return (
    <TeachScreen
      // A new session is a new screen: its own log, decisions, debrief and keys.
      key={on.session.threadId}
      session={on.session}
      caseFile={caseFile}
      knowledge={knowledge}
      settings={on.settings}
      sessionName={on.sessionName}
      writeDebrief={(markdown) => writeDebrief(on.sessionName, markdown)}
      {...(on.debriefOf ? { debriefOf: on.debriefOf } : {})}
      fork={forkAt}
      opening={opening}
      onExit={(end) => onExit({ sessionName: on.sessionName, end })}
    />
  );
}

/** Runs learner mode until the learner quits; the terminal is put back however it ends. */
export function runTeach(props: Omit<TeachAppProps, "onExit">, display: Display, streams: TerminalStreams): Promise<TeachOutcome> {
  return runInTerminal<TeachOutcome>(
    (finish) => (
      <DisplayContext value={display}>
        <ErrorBoundary onError={(e) => finish({ kind: "error", message: e.message })}>
          <TeachApp {...props} onExit={(ended) => finish({ kind: "session", ...ended })} />
        </ErrorBoundary>
      </DisplayContext>
    ),
    { kind: "quit" },
    streams,
  );
}
