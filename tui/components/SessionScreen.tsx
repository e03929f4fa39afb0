import { useEffect, useMemo, useState } from "react";
import { Text, useWindowSize } from "ink";
import type { Knowledge } from "../../agents/view.js";
import type { Case } from "../../core/case.js";
import { ledgerTotal } from "../../core/ledger.js";
import type { PhysicianDecision } from "../../graph/decision.js";
import type { SessionSettings } from "../../core/settings.js";
import type { SessionValues } from "../../graph/state.js";
import { namesOf } from "../../reports/transcript.js";
import { differentialRows } from "../differential-change.js";
import { expectedGains } from "../expected-gain.js";
import { type OracleCost, finalReport } from "../final-report.js";
import { useDisplay } from "../hooks/useDisplay.js";
import { useFork } from "../hooks/useFork.js";
import { useKeymap } from "../hooks/useKeymap.js";
import { type ConsoleSession, initialValues, useSession } from "../hooks/useSession.js";
import { useSessionLog } from "../hooks/useSessionLog.js";
import { useTeachingPace } from "../hooks/useTeachingPace.js";
import type { KeyCommand, KeyContext, KeyMode } from "../keymap.js";
import { harmWarnings } from "../harm-warning.js";
import { pricedAction } from "../priced-action.js";
import { BudgetAlert } from "./BudgetAlert.js";
import { seatedRoles } from "./Debate.js";
import { ForkPrompt } from "./ForkPrompt.js";
import { Footer, footerRows } from "./Footer.js";
import { Header } from "./Header.js";
import { HarmPrompt } from "./HarmPrompt.js";
import { HelpScreen } from "./HelpScreen.js";
import { PlanPanel, PlanPrompt } from "./PlanReview.js";
import { type PromptKind, ReviewPrompt } from "./ReviewPrompt.js";
import { roundParts } from "./RoundParts.js";
import { SessionLog } from "./SessionLog.js";
import { StatusLine } from "./StatusLine.js";

/** How a session screen ends: what the session holds at that moment. */
export interface SessionEnd {
  values: SessionValues;
  finished: boolean;
}

export interface SessionScreenProps {
  session: ConsoleSession;
  caseFile: Case;
  knowledge: Knowledge;
  settings: SessionSettings;
  sessionName: string;
  oracleCostUsd: OracleCost;
  /** Writes the Markdown transcript and returns where it went. */
  writeTranscript: (values: SessionValues) => string;
  /**
   * Begins a new saved session at the review of a round, leaving this one as it is; the console
   * then plays the fork. Absent when the session cannot be forked (kept in memory only).
   */
  fork?: (round: number) => Promise<void>;
  /** How this session began, when that needs saying (the fork it is): printed first, and on the status line. */
  opening?: string | null;
  onExit: (end: SessionEnd) => void;
}

type Modal = PromptKind | "help" | "planEdit" | "planReplace" | null;

/** The physician's console for one case: the live round, the printed log above it, the keys. */
export function SessionScreen({ session, caseFile, knowledge, settings, sessionName, oracleCostUsd: oracleCost, writeTranscript, fork, opening = null, onExit }: SessionScreenProps) {
  const oracleCostUsd = typeof oracleCost === "number" ? oracleCost : oracleCost();
  const { theme, screenReader } = useDisplay();
  const { columns, rows } = useWindowSize();
  const start = useMemo(() => initialValues(caseFile, settings), [caseFile, settings]);
  const [view, controls] = useSession(session, start);
  const { values, review, planReview, finished } = view;
  const roles = useMemo(() => seatedRoles(settings), [settings]);
  const [modal, setModal] = useState<Modal>(null);
  const [teaching, pace] = useTeachingPace(roles.length, values.round);
  const [log, announce] = useSessionLog({ values, review, finished }, screenReader, { caseFile, knowledge, oracleCostUsd }, opening);
  /** What the screen itself last said: where `w` wrote the transcript (or why it could not), the fork this session is. */
  const [said, setSaid] = useState<string | null>(opening);
  const forks = useFork(fork, { onStart: () => setSaid(null), announce });
  /** The physician's order the knowledge base lists as harmful now, held until confirmed a second time. */
  const [harmful, setHarmful] = useState<{ decision: PhysicianDecision; warnings: string[] } | null>(null);

  useEffect(() => {
    if (view.notice && screenReader) announce(view.notice);
  }, [view.notice, screenReader, announce]);

  const names = useMemo(() => namesOf(values), [values]);
  const gains = useMemo(() => (review ? expectedGains(values, knowledge) : { tests: new Map(), questions: new Map() }), [review, values, knowledge]);
  const priced = useMemo(() => (review ? pricedAction(review.proposal, values, knowledge, gains) : null), [review, values, knowledge, gains]);
  const differential = useMemo(() => differentialRows(values), [values]);
  const spent = ledgerTotal(values.ledger);

  const running = view.activity !== null;
  const mode: KeyMode = finished ? "final" : review && !running ? "review" : planReview && !running ? "plan" : "busy";
  const context: KeyContext = {
    budgetAlert: Boolean(review?.budgetAlert),
    canUndo: finished || (review !== null && values.round > 1),
    canFork: forks.canFork,
  };
  const exit = () => onExit({ values, finished });
  const carryOut = (decision: PhysicianDecision) => {
    setModal(null);
    setHarmful(null);
    setSaid(null);
    controls.decide(decision);
  };
  const decide = (decision: PhysicianDecision) => {
    const warnings = harmWarnings(decision, values, knowledge);
    if (warnings.length === 0) return carryOut(decision);
    setModal(null);
    setHarmful({ decision, warnings });
    if (screenReader) announce(`Harm warning: ${warnings.join(" ")} Order it anyway? y or Enter orders it, n or Escape goes back.`);
  };

  const onCommand = (command: KeyCommand) => {
    controls.clearNotice();
    forks.clearFailure();
    switch (command) {
      case "approve":
        if (mode === "plan") {
          setSaid(null);
          return controls.decidePlan({ kind: "approve" });
        }
        return decide({ kind: "approve" });
      case "replacePlan":
        return setModal("planReplace");
      case "edit":
        if (mode === "plan") return setModal("planEdit");
        return setModal(command);
      case "ask":
      case "order":
      case "diagnose":
      case "help":
        return setModal(command);
      case "fork":
        return forks.ask();
      case "raiseBudget":
        return setModal("raise");
      case "quit":
        return setModal("quit");
      case "interrupt":
        return exit();
      case "undo":
        setSaid(null);
        return controls.undo();
      case "playOn":
        return controls.playOn();
      case "stopPlay":
        return controls.stopPlay();
      case "write": {
        let outcome: string;
        try {
          outcome = `Transcript written to ${writeTranscript(values)}`;
        } catch (e) {
          outcome = `The transcript could not be written: ${e instanceof Error ? e.message : String(e)}`;
        }
        setSaid(outcome);
        if (screenReader) announce(outcome);
        return;
      }
      case "step":
        return pace.step();
      case "expand":
        return pace.expand();
      case "focusUp":
        return pace.focusUp();
      case "focusDown":
        return pace.focusDown();
      default:
        return;
    }
  };
  useKeymap(mode, { onCommand }, { isActive: modal === null && harmful === null && !forks.holdsKeys, context });

  const width = Math.max(40, columns);
  const alert = review?.budgetAlert ?? null;
  const report = finished ? finalReport(caseFile, values, oracleCostUsd) : null;
  const activity =
    forks.activity ??
    (view.activity === "playing"
      ? `Playing on: round ${values.round}… (p or Esc stops after this round)`
      : view.activity === "undoing"
        ? "Going back a round…"
        : view.activity
          ? `The panel is working on round ${values.round}…`
          : null);

  const printed = <SessionLog items={log.items} caseFile={caseFile} names={names} report={report} width={width} />;
  const prompt = harmful ? (
    <HarmPrompt warnings={harmful.warnings} onOrder={() => carryOut(harmful.decision)} onBack={() => setHarmful(null)} onInterrupt={exit} />
  ) : forks.asking ? (
      <ForkPrompt round={values.round} lastRound={values.round} onFork={forks.forkAt} onCancel={forks.cancel} onInterrupt={exit} />
    ) : (modal === "planEdit" || modal === "planReplace") && planReview ? (
      <PlanPrompt
        kind={modal === "planEdit" ? "edit" : "replace"}
        plan={planReview.plan}
        decide={(d) => {
          setModal(null);
          setSaid(null);
          controls.decidePlan(d);
        }}
        onClose={() => setModal(null)}
        onExit={exit}
      />
    ) : modal && modal !== "help" && modal !== "planEdit" && modal !== "planReplace" ? (
      <ReviewPrompt
        kind={modal}
        review={review}
        values={values}
        knowledge={knowledge}
        gains={gains}
        proposalUsd={priced?.totalUsd ?? 0}
        spentUsd={spent}
        sessionName={sessionName}
        rows={Math.max(4, rows - 8)}
        width={width}
        decide={decide}
        onClose={() => setModal(null)}
        onExit={exit}
      />
    ) : null;

  const footerMode: KeyMode =
    modal === "edit" ? "edit" : modal === "order" || modal === "diagnose" ? "search" : modal === "ask" || modal === "raise" || modal === "planEdit" || modal === "planReplace" || forks.asking ? "text" : modal === "quit" || harmful ? "confirm" : mode;
  const footer = <Footer mode={footerMode} context={context} width={width} />;

  if (modal === "help") {
    return (
      <>
        {printed}
        <HelpScreen from={mode} rows={rows - 2} onClose={() => setModal(null)} onInterrupt={exit} />
      </>
    );
  }

  if (screenReader) {
    return (
      <>
        {printed}
        {planReview ? <PlanPanel plan={planReview.plan} width={width} /> : null}
        {prompt}
        <StatusLine activity={activity} notice={view.notice ?? said} error={view.error ?? forks.failure} />
        {footer}
      </>
    );
  }

  const header = <Header title={caseFile.presentation.chief_complaint} caseId={caseFile.id} round={values.round} spentUsd={spent} budgetUsd={values.settings.budgetUsd} width={width} />;

  if (finished) {
    return (
      <>
        {printed}
        {header}
        <Text color={theme.good}>{"Session finished: the verdict and its path are printed above."}</Text>
        {prompt}
        <StatusLine activity={activity} notice={view.notice ?? said} error={view.error ?? forks.failure} />
        {footer}
      </>
    );
  }

  if (planReview) {
    return (
      <>
        {printed}
        {header}
        <PlanPanel plan={planReview.plan} width={width} />
        {prompt}
        <StatusLine activity={activity} notice={view.notice ?? said} error={view.error ?? forks.failure} />
        {footer}
      </>
    );
  }

  const chrome = 2 + 1 + footerRows(footerMode, context, width) + (alert ? 4 : 0);
  const { proposal, live } = roundParts({ values, review, priced, roles, teaching, names, differential, running, rows, columns, width, chrome });

  return (
    <>
      {printed}
      {header}
      {alert && !running ? <BudgetAlert text={alert} width={width} /> : null}
      {prompt ? (
        <>
          {proposal}
          {prompt}
        </>
      ) : (
        live
      )}
      <StatusLine activity={activity} notice={view.notice ?? said} error={view.error ?? forks.failure} />
      {footer}
    </>
  );
}
