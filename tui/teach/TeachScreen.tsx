import { useEffect, useMemo, useState } from "react";
import { Text, useWindowSize } from "ink";
import type { Knowledge } from "../../agents/view.js";
import type { Action } from "../../core/action.js";
import type { Case } from "../../core/case.js";
import { ledgerTotal, oracleCost } from "../../core/ledger.js";
import type { PhysicianDecision } from "../../graph/decision.js";
import type { SessionValues } from "../../graph/state.js";
import type { SessionSettings } from "../../core/settings.js";
import { namesOf } from "../../reports/transcript.js";
import type { Debrief } from "../../teaching/debrief.js";
import { renderDebrief } from "../../teaching/render.js";
import { actionText } from "../../teaching/wording.js";
import { seatedRoles } from "../components/Debate.js";
import { Findings } from "../components/Findings.js";
import { Footer, KeyHints, hintRows } from "../components/Footer.js";
import { ForkPrompt } from "../components/ForkPrompt.js";
import { Header } from "../components/Header.js";
import { HelpScreen } from "../components/HelpScreen.js";
import { ReviewPrompt } from "../components/ReviewPrompt.js";
import { roundParts } from "../components/RoundParts.js";
import type { SessionEnd } from "../components/SessionScreen.js";
import { SessionLog } from "../components/SessionLog.js";
import { StatusLine } from "../components/StatusLine.js";
import { differentialRows } from "../differential-change.js";
import { type ExpectedGains, expectedGains } from "../expected-gain.js";
import { useDisplay } from "../hooks/useDisplay.js";
import { useFork } from "../hooks/useFork.js";
import { useKeymap } from "../hooks/useKeymap.js";
import { type ConsoleSession, initialValues, useSession } from "../hooks/useSession.js";
import { type DebriefSource, localDebrief } from "./debrief-source.js";
import { useSessionLog } from "../hooks/useSessionLog.js";
import { useTeachingPace } from "../hooks/useTeachingPace.js";
import type { KeyCommand, KeyContext, KeyMode } from "../keymap.js";
import { pricedAction } from "../priced-action.js";
import { type LearnerDecision, decidedText, learnerView, moveText } from "./learner-view.js";
import { PlanPrompt } from "../components/PlanReview.js";
import { type TeachStage, answers, stageMode, teachHelp, teachHints } from "./teach-keys.js";

export interface TeachScreenProps {
  session: ConsoleSession;
  caseFile: Case;
  knowledge: Knowledge;
  settings: SessionSettings;
  sessionName: string;
  /** Writes the debrief (Markdown) and returns where it went. */
  writeDebrief: (markdown: string) => string;
  /** Where the debrief comes from once the case is judged; by default made here, without comparisons. */
  debriefOf?: DebriefSource;
  /**
   * Begins a new saved session at the review of a round, leaving this one as it is; learner mode
   * then goes on with the fork. Absent when the session cannot be forked (kept in memory only).
   */
  fork?: (round: number) => Promise<void>;
  /** How this session began, when that needs saying (the fork it is): printed first, and on the status line. */
  opening?: string | null;
  onExit: (end: SessionEnd) => void;
}

type Modal = "ask" | "order" | "diagnose" | "quit" | "help" | null;

/** The keymap mode of a prompt, for its footer. */
const PROMPT_MODE: Record<Exclude<Modal, "help" | null>, KeyMode> = { ask: "text", order: "search", diagnose: "search", quit: "confirm" };

const NO_GAINS: ExpectedGains = { tests: new Map(), questions: new Map() };

/** Kept free below the live frame, as the console's layout does: a full frame makes Ink redraw the screen. */
const SPARE_ROWS = 1;

/**
 * Learner mode: each round the learner decides first, blind to the panel; then the panel's
 * debate, differential and proposal are shown beside the learner's decision, with prices, and
 * the learner's decision is the one carried out. The debrief ends the session. Finished rounds
 * are printed above the live frame as in the console; the screen-reader layout announces every
 * change the learner may see as a line of text.
 */
export function TeachScreen({ session, caseFile, knowledge, settings, sessionName, writeDebrief, debriefOf, fork, opening = null, onExit }: TeachScreenProps) {
  const { theme, screenReader } = useDisplay();
  const { columns, rows } = useWindowSize();
  const width = Math.max(40, columns);
  const start = useMemo(() => initialValues(caseFile, settings), [caseFile, settings]);
  const [view, controls] = useSession(session, start);
  const { values, review, planReview, finished } = view;
  const roles = useMemo(() => seatedRoles(settings), [settings]);
  const [modal, setModal] = useState<Modal>(null);
  const [decided, setDecided] = useState<LearnerDecision | null>(null);
  /** What the screen itself last said: a refused key, where the debrief went, the fork this session is. */
  const [said, setSaid] = useState<string | null>(opening);
  const [teaching, pace] = useTeachingPace(roles.length, values.round);
  const oracleCostUsd = useMemo(() => oracleCost(caseFile.key_tests, knowledge.catalog, caseFile.case_tests), [caseFile, knowledge]);

  const running = view.activity !== null;
  const mine = !finished && decided?.round === values.round ? decided : null;
  const stage: TeachStage = finished ? "final" : running || !review ? "busy" : mine && !mine.carried ? "compare" : "decide";
  // The engine hands a decision that does not fit the budget back as a review of the same round.
  const overBudget = stage === "decide" && mine?.carried && review?.budgetAlert ? mine : null;
  const spent = ledgerTotal(values.ledger);
  const move = stage === "decide" && review ? moveText(review.round, overBudget, { spentUsd: spent, budgetUsd: values.settings.budgetUsd }) : null;

  const shown = useMemo(() => learnerView({ values, review, finished }, decided), [values, review, finished, decided]);
  const [log, announce] = useSessionLog(shown, screenReader, { caseFile, knowledge, oracleCostUsd }, opening);
  const forks = useFork(fork, { onStart: () => setSaid(null), announce });
  const say = (line: string) => {
    setSaid(line);
    if (screenReader) announce(line);
  };

  const gains = useMemo(() => (review ? expectedGains(values, knowledge) : NO_GAINS), [review, values, knowledge]);
  const source = useMemo(() => debriefOf ?? localDebrief(caseFile, knowledge), [debriefOf, caseFile, knowledge]);
  const report = useDebrief(finished, values, source, setSaid);

  useEffect(() => {
    if (view.notice && screenReader) announce(view.notice);
  }, [view.notice, screenReader, announce]);
  // After the log's own lines for the same change, so the learner hears the findings first.
  const awaiting = stage === "decide" ? review : null;
  useEffect(() => {
    if (awaiting && move && screenReader) announce(move);
  }, [awaiting, move, screenReader, announce]);
  // The debrief is printed once, like the console's verdict (at the width of that moment); an
  // undo that takes it back says so.
  useEffect(() => {
    if (report) announce(renderDebrief(report, { format: "text", width: Math.min(110, width) }));
  }, [report, announce]);
  // A decision of a round the session has left (an undo) holds nothing any more.
  useEffect(() => {
    if (decided && decided.round !== values.round && !finished) setDecided(null);
  }, [decided, values.round, finished]);

  const exit = () => onExit({ values, finished });
  const context: KeyContext = { budgetAlert: false, canUndo: !finished && review !== null && values.round > 1, canFork: forks.canFork };

  const commit = (decision: PhysicianDecision) => {
    setModal(null);
    if (!review) return;
    // The learner's prompts answer with their own action or a diagnosis, never with the panel's.
    const action: Action = decision.kind === "diagnose" ? { kind: "diagnose", diagnosis: decision.diagnosis } : decision.kind === "replace" ? decision.action : review.proposal;
    const made: LearnerDecision = {
      round: review.round,
      decision,
      text: actionText(action, knowledge.catalog, caseFile.case_tests),
      usd: action.kind === "diagnose" ? 0 : pricedAction(action, values, knowledge, gains).totalUsd,
      panel: pricedAction(review.proposal, values, knowledge, gains),
      carried: false,
    };
    setDecided(made);
    if (screenReader) announce(`${decidedText(made, ", ")}. The panel's debate and proposal follow; Enter carries out your decision.`);
  };

  const writeOut = () => {
    if (!report) return say("The debrief is still being prepared: press w again in a moment.");
    try {
      say(`Debrief written to ${writeDebrief(renderDebrief(report, { format: "markdown" }))}`);
    } catch (e) {
      say(`The debrief could not be written: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const onCommand = (command: KeyCommand) => {
    controls.clearNotice();
    setSaid(null);
    forks.clearFailure();
    if (!answers(stage, command)) {
      if (stage === "decide" && command === "approve") say("Enter does not approve in learner mode: decide first with a, o or d.");
      return;
    }
    switch (command) {
      case "ask":
      case "order":
      case "diagnose":
      case "quit":
      case "help":
        return setModal(command);
      case "fork":
        return forks.ask();
      case "interrupt":
        return exit();
      case "approve":
        if (!mine) return;
        setDecided({ ...mine, carried: true });
        return controls.decide(mine.decision);
      case "undo":
        return controls.undo();
      case "write":
        return writeOut();
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
  // After the diagnosis the learner writes their own plan, blind to the panel's, as they decided each round.
  const planning = planReview !== null && !running;
  useKeymap(stageMode(stage), { onCommand }, { isActive: modal === null && !planning && !forks.holdsKeys, context });

  const names = useMemo(() => namesOf(values), [values]);
  const printed = <SessionLog items={log.items} caseFile={caseFile} names={names} report={null} width={width} />;
  const hints = teachHints(stage, context);
  const footer = forks.asking ? (
    <Footer mode="text" width={width} />
  ) : modal && modal !== "help" ? (
    <Footer mode={PROMPT_MODE[modal]} width={width} />
  ) : (
    <KeyHints hints={hints} width={width} />
  );
  const activity =
    forks.activity ??
    (view.activity === "undoing"
      ? "Going back a round…"
      : view.activity === "deciding" && mine?.decision.kind === "diagnose"
        ? "The judge is reading your diagnosis…"
        : view.activity
          ? `Round ${values.round}: the panel is working; what it makes of the round stays hidden until you decide…`
          : null);
  const status = <StatusLine activity={activity} notice={view.notice ?? said} error={view.error ?? forks.failure} />;

  if (modal === "help") {
    return (
      <>
        {printed}
        <HelpScreen from={stageMode(stage)} sections={teachHelp(stage, context)} rows={rows - 2} onClose={() => setModal(null)} onInterrupt={exit} />
      </>
    );
  }

  const prompt = planning ? (
    <PlanPrompt
      kind="replace"
      plan={planReview.plan}
      learner
      decide={(d) => {
        setSaid(null);
        controls.decidePlan(d);
      }}
      onClose={() => setSaid("Write your plan to go on: the panel's is shown in the debrief.")}
      onExit={exit}
    />
  ) : forks.asking ? (
    <ForkPrompt round={values.round} lastRound={values.round} onFork={forks.forkAt} onCancel={forks.cancel} onInterrupt={exit} />
  ) : modal ? (
    <ReviewPrompt
      kind={modal}
      review={review}
      values={shown.values}
      knowledge={knowledge}
      // The engine's expected gains would hint at the panel's choice: hidden while the learner decides.
      gains={null}
      proposalUsd={0}
      spentUsd={spent}
      sessionName={sessionName}
      confidenceRequired
      rows={Math.max(4, rows - 8)}
      width={width}
      decide={commit}
      onClose={() => setModal(null)}
      onExit={exit}
    />
  ) : null;

  if (screenReader) {
    return (
      <>
        {printed}
        {prompt}
        {status}
        {footer}
      </>
    );
  }

  const header = <Header title={caseFile.presentation.chief_complaint} caseId={caseFile.id} round={values.round} spentUsd={spent} budgetUsd={values.settings.budgetUsd} width={width} />;
  const newestRound = values.reveals.at(-1)?.round ?? 0;
  const newest = values.reveals.filter((r) => r.round === newestRound).map((r) => r.reveal);

  if (stage === "final" || prompt) {
    return (
      <>
        {printed}
        {header}
        {stage === "final" ? <Text color={theme.good}>{report ? "Case judged: your debrief is printed above." : "Case judged: preparing your debrief (the panel plays the case on its own for the comparison)…"}</Text> : null}
        {prompt}
        {status}
        {footer}
      </>
    );
  }

  if (stage !== "compare" || !mine || !review) {
    // Deciding, or waiting on the panel: the findings and the learner's move, nothing of the panel.
    const chrome = 2 + (move ? Math.ceil(move.length / width) : 0) + 1 + hintRows(hints, width);
    return (
      <>
        {printed}
        {header}
        <Findings round={newestRound} reveals={newest} rows={Math.max(1, rows - SPARE_ROWS - chrome - 1)} width={width} />
        {move ? <Text bold color={overBudget ? theme.alert : theme.accent}>{move}</Text> : null}
        {status}
        {footer}
      </>
    );
  }

  const { live } = roundParts({
    values,
    review,
    priced: mine.panel,
    roles,
    teaching,
    names,
    differential: differentialRows(values),
    running: false,
    rows,
    columns,
    width,
    chrome: 2 + 1 + 1 + hintRows(hints, width),
  });
  return (
    <>
      {printed}
      {header}
      <Text bold color={theme.accent}>{decidedText(mine)}</Text>
      {live}
      {status}
      {footer}
    </>
  );
}

/**
 * The debrief, asked for once the case is judged (the panel's own run takes a moment); null
 * while it is not, or while it is being made. What could not go into it is said through `say`.
 */
function useDebrief(finished: boolean, values: SessionValues, source: DebriefSource, say: (message: string) => void): Debrief | null {
  const [made, setMade] = useState<Debrief | null>(null);
  useEffect(() => {
    if (!finished) return setMade(null);
    let current = true;
    source(values).then(
      ({ report, note }) => {
        if (!current) return;
        setMade(report);
        if (note) say(note);
      },
      (e: unknown) => current && say(`The debrief could not be prepared: ${e instanceof Error ? e.message : String(e)}`),
    );
    return () => {
      current = false;
    };
    // The values of the judged session: asked for once per verdict.
  }, [finished, source, say]);
  return finished ? made : null;
}
