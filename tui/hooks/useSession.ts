import { useCallback, useEffect, useRef, useState } from "react";
import { type Case, visibleCase } from "../../core/case.js";
import { emptyLedger } from "../../core/ledger.js";
import type { PhysicianDecision } from "../../graph/decision.js";
import { decisionFor } from "../../graph/scripted.js";
import type { PlanDecision, PlanReviewRequest } from "../../graph/plan.js";
import { safeDeep, terminalText } from "../../output/safe-text.js";
import type { DiagnosticSession, SessionStatus } from "../../graph/session.js";
import type { SessionSettings } from "../../core/settings.js";
import type { ReviewRequest, SessionUpdate, SessionValues } from "../../graph/state.js";

/** What the console asks of a session: a local DiagnosticSession, or one on a workshop server. */
export type ConsoleSession = Pick<DiagnosticSession, "threadId" | "start" | "decide" | "decidePlan" | "undo">;

/** What the graph is doing for the console, if anything. */
export type SessionActivity = "starting" | "deciding" | "undoing" | "playing" | null;

export interface SessionView {
  values: SessionValues;
  /** The review the graph waits on; null while it runs and after the verdict. */
  review: ReviewRequest | null;
  /** The plan review the graph waits on, after the diagnosis. */
  planReview: PlanReviewRequest | null;
  finished: boolean;
  activity: SessionActivity;
  /** The graph node that finished last, while the graph runs. */
  lastNode: string | null;
  /** A failure of the engine or a brain, as a sentence. */
  error: string | null;
  /** A short word for the physician ("nothing to undo"). */
  notice: string | null;
}

export interface SessionControls {
  decide(decision: PhysicianDecision): void;
  decidePlan(decision: PlanDecision): void;
  undo(): void;
  /** Approves every proposal until the verdict (a proposal over budget closes on the panel's leader). */
  playOn(): void;
  /** Stops playing on once the round under way has finished. */
  stopPlay(): void;
  clearNotice(): void;
}

/** The state a session starts from, before its first node reports. */
export function initialValues(caseFile: Case, settings: SessionSettings): SessionValues {
  return {
    visible: visibleCase(caseFile),
    settings,
    round: 1,
    turn: 1,
    reveals: [],
    ledger: emptyLedger(),
    debate: [],
    differentials: [],
    trail: [],
    gatekeeperLog: [],
    harms: [],
    pending: null,
    plan: null,
    treatment: null,
    diagnosis: null,
    verdict: null,
  };
}

const APPENDED = new Set(["reveals", "debate", "differentials", "trail", "gatekeeperLog", "harms"]);

/** Folds one node's update into the values the screen shows, the way the graph's reducers do. */
function applyUpdate(values: SessionValues, update: SessionUpdate): SessionValues {
  const next: Record<string, unknown> = { ...values };
  for (const [key, value] of Object.entries(update)) {
    if (value === undefined) continue;
    next[key] = APPENDED.has(key) ? [...((values as Record<string, unknown>)[key] as unknown[]), ...(value as unknown[])] : value;
  }
  return next as SessionValues;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The console's hold on a DiagnosticSession: starts it, streams each node's update into the
 * view as it finishes, and runs the physician's decisions, undo and play-on one at a time.
 */
export function useSession(session: ConsoleSession, start: SessionValues): [SessionView, SessionControls] {
  const [view, setView] = useState<SessionView>({
    values: start,
    review: null,
    planReview: null,
    finished: false,
    activity: "starting",
    lastNode: null,
    error: null,
    notice: null,
  });
  const busy = useRef(false);
  const playing = useRef(false);
  const latest = useRef<SessionStatus | null>(null);

  const onUpdate = useCallback((node: string, update: SessionUpdate) => {
    setView((v) => ({ ...v, values: applyUpdate(v.values, safeDeep(update)), lastNode: node }));
  }, []);

  const settle = useCallback((reached: SessionStatus) => {
    const status = safeDeep(reached);
    latest.current = status;
    setView((v) => ({ ...v, values: status.values, review: status.review, planReview: status.planReview, finished: status.finished, activity: null, lastNode: null }));
  }, []);

  const run = useCallback(
    async (activity: Exclude<SessionActivity, null>, work: () => Promise<void>) => {
      if (busy.current) return;
      busy.current = true;
      setView((v) => ({ ...v, activity, review: null, planReview: null, error: null, notice: null }));
      try {
        // Let the frame that answers the key be drawn before the engine takes the thread: the
        // offline brain runs a whole round in microtasks, which would hold that frame back.
        await new Promise((resolve) => setImmediate(resolve));
        await work();
      } catch (e) {
        const status = latest.current;
        setView((v) => ({ ...v, activity: null, lastNode: null, error: terminalText(messageOf(e)), ...(status ? { values: status.values, review: status.review, planReview: status.planReview } : {}) }));
      } finally {
        busy.current = false;
        playing.current = false;
      }
    },
    [],
  );

  useEffect(() => {
    void run("starting", async () => settle(await session.start(onUpdate)));
  }, [session, run, settle, onUpdate]);

  const controls: SessionControls = {
    decide: (decision) => void run("deciding", async () => settle(await session.decide(decision, onUpdate))),
    decidePlan: (decision) => void run("deciding", async () => settle(await session.decidePlan(decision, onUpdate))),
    undo: () =>
      void run("undoing", async () => {
        const status = await session.undo(onUpdate);
        if (status) settle(status);
        else {
          const now = latest.current;
          setView((v) => ({ ...v, activity: null, notice: "Nothing to undo: this is the first review of this session (a fork begins at its round).", ...(now ? { review: now.review } : {}) }));
        }
      }),
    playOn: () =>
      void run("playing", async () => {
        playing.current = true;
        let status = latest.current;
        while (playing.current && (status?.review || status?.planReview)) {
          // Playing on approves the plan as it approves every proposal.
          status = status.review ? await session.decide(decisionFor(status.review, status.values, undefined), onUpdate) : await session.decidePlan({ kind: "approve" }, onUpdate);
          latest.current = status = safeDeep(status);
          const reached = status;
          setView((v) => ({ ...v, values: reached.values, lastNode: null }));
        }
        if (status) settle(status);
      }),
    stopPlay: () => {
      playing.current = false;
    },
    clearNotice: () => setView((v) => (v.notice ? { ...v, notice: null } : v)),
  };
  return [view, controls];
}
