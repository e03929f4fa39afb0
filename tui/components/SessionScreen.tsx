import { useEffect, useMemo, useRef, useState } from "react";
import { Box, Static, Text, useWindowSize } from "ink";
import { type PanelRole, PanelRoleSchema } from "../../agents/roles.js";
import type { Knowledge } from "../../agents/view.js";
import type { Action } from "../../core/action.js";
import type { Case } from "../../core/case.js";
import { ledgerTotal } from "../../core/ledger.js";
import { rolesOf } from "../../graph/build.js";
import type { PhysicianDecision } from "../../graph/decision.js";
import type { DiagnosticSession } from "../../graph/session.js";
import type { SessionSettings } from "../../graph/settings.js";
import type { SessionValues } from "../../graph/state.js";
import { namesOf } from "../../reports/transcript.js";
import { type Moment, announcements } from "../announcements.js";
import { asTypedOption, diagnosisChoices, diagnosisGuess, optionValue, testChoices } from "../choices.js";
import { differentialRows } from "../differential-change.js";
import { expectedGains } from "../expected-gain.js";
import { finalReport } from "../final-report.js";
import { useDisplay } from "../hooks/useDisplay.js";
import { useKeymap } from "../hooks/useKeymap.js";
import { initialValues, useSession } from "../hooks/useSession.js";
import type { KeyCommand, KeyContext, KeyMode } from "../keymap.js";
import { sessionLayout } from "../layout.js";
import { pricedAction } from "../priced-action.js";
import { type LogItem, advanceLog, emptyLog, logLine } from "../session-log.js";
import { ActionEditor } from "./ActionEditor.js";
import { BudgetAlert } from "./BudgetAlert.js";
import { ConfirmPrompt } from "./ConfirmPrompt.js";
import { Debate } from "./Debate.js";
import { DifferentialBars } from "./DifferentialBars.js";
import { FinalReportView } from "./FinalReportView.js";
import { Findings } from "./Findings.js";
import { Footer, footerRows } from "./Footer.js";
import { Header } from "./Header.js";
import { HelpScreen } from "./HelpScreen.js";
import { Intro } from "./Intro.js";
import { ProposalPanel } from "./ProposalPanel.js";
import { RoundLogEntry } from "./RoundLogEntry.js";
import { SearchPrompt } from "./SearchPrompt.js";
import { StatusLine } from "./StatusLine.js";
import { TextPrompt } from "./TextPrompt.js";

/** How a session screen ends: what the session holds at that moment. */
export interface SessionEnd {
  values: SessionValues;
  finished: boolean;
}

export interface SessionScreenProps {
  session: DiagnosticSession;
  caseFile: Case;
  knowledge: Knowledge;
  settings: SessionSettings;
  sessionName: string;
  oracleCostUsd: number;
  /** Writes the Markdown transcript and returns where it went. */
  writeTranscript: (values: SessionValues) => string;
  onExit: (end: SessionEnd) => void;
}

type Modal = "help" | "edit" | "ask" | "order" | "diagnose" | "raise" | "quit" | null;

interface Teaching {
  /** Stepping through the debate role by role. */
  stepping: boolean;
  revealed: number;
  focus: number | null;
  expanded: boolean;
}

const ROLE_ORDER = PanelRoleSchema.options;

const rolesFor = (settings: SessionSettings): PanelRole[] => {
  const { skeptic, steward } = rolesOf(settings.variant);
  return ROLE_ORDER.filter((r) => (r === "skeptic" ? skeptic : r === "cost-steward" ? steward : true));
};

/** The physician's console for one case: the live round, the printed log above it, the keys. */
export function SessionScreen({ session, caseFile, knowledge, settings, sessionName, oracleCostUsd, writeTranscript, onExit }: SessionScreenProps) {
  const { theme, screenReader } = useDisplay();
  const { columns, rows } = useWindowSize();
  const start = useMemo(() => initialValues(caseFile, settings), [caseFile, settings]);
  const [view, controls] = useSession(session, start);
  const { values, review, finished } = view;
  const roles = useMemo(() => rolesFor(settings), [settings]);
  const [modal, setModal] = useState<Modal>(null);
  const [teaching, setTeaching] = useState<Teaching>({ stepping: false, revealed: roles.length, focus: null, expanded: false });
  const [log, setLog] = useState(emptyLog);
  const [written, setWritten] = useState<string | null>(null);
  const before = useRef<Moment | null>(null);

  // The printed log follows the session; the screen-reader layout hears every change as a line.
  useEffect(() => {
    const moment: Moment = { values, review, finished };
    if (screenReader) {
      const lines = announcements(before.current, moment, { caseFile, knowledge, oracleCostUsd });
      before.current = moment;
      if (lines.length) setLog((l) => lines.reduce(logLine, l));
    } else {
      setLog((l) => advanceLog(l, values, finished));
    }
  }, [values, review, finished, screenReader, caseFile, knowledge, oracleCostUsd]);

  useEffect(() => {
    if (view.notice && screenReader) setLog((l) => logLine(l, view.notice!));
  }, [view.notice, screenReader]);

  useEffect(() => {
    setTeaching({ stepping: false, revealed: roles.length, focus: null, expanded: false });
  }, [values.round, roles.length]);

  const names = useMemo(() => namesOf(values), [values]);
  const gains = useMemo(() => (review ? expectedGains(values, knowledge) : { tests: new Map(), questions: new Map() }), [review, values, knowledge]);
  const priced = useMemo(() => (review ? pricedAction(review.proposal, values, knowledge, gains) : null), [review, values, knowledge, gains]);
  const differential = useMemo(() => differentialRows(values), [values]);
  const spent = ledgerTotal(values.ledger);

  const running = view.activity !== null;
  const mode: KeyMode = finished ? "final" : review && !running ? "review" : "busy";
  const context: KeyContext = {
    budgetAlert: Boolean(review?.budgetAlert),
    stepping: teaching.stepping,
    canUndo: finished || (review !== null && values.round > 1),
  };
  const exit = () => onExit({ values, finished });
  const decide = (decision: PhysicianDecision) => {
    setModal(null);
    setWritten(null);
    controls.decide(decision);
  };

  const onCommand = (command: KeyCommand) => {
    controls.clearNotice();
    switch (command) {
      case "approve":
        return decide({ kind: "approve" });
      case "edit":
      case "ask":
      case "order":
      case "diagnose":
      case "help":
        return setModal(command);
      case "raiseBudget":
        return setModal("raise");
      case "quit":
        return setModal("quit");
      case "interrupt":
        return exit();
      case "undo":
        setWritten(null);
        return controls.undo();
      case "playOn":
        return controls.playOn();
      case "stopPlay":
        return controls.stopPlay();
      case "write": {
        const path = writeTranscript(values);
        setWritten(path);
        if (screenReader) setLog((l) => logLine(l, `Transcript written to ${path}`));
        return;
      }
      case "step":
        return setTeaching((t) =>
          !t.stepping
            ? { stepping: true, revealed: 1, focus: 0, expanded: true }
            : t.revealed < roles.length
              ? { stepping: true, revealed: t.revealed + 1, focus: t.revealed, expanded: true }
              : { stepping: false, revealed: roles.length, focus: null, expanded: false },
        );
      case "expand":
        return setTeaching((t) => ({ ...t, focus: t.focus ?? t.revealed - 1, expanded: !t.expanded || t.focus === null }));
      case "focusUp":
        return setTeaching((t) => ({ ...t, focus: Math.max(0, (t.focus ?? t.revealed) - 1) }));
      case "focusDown":
        return setTeaching((t) => ({ ...t, focus: Math.min(t.revealed - 1, (t.focus ?? -1) + 1) }));
      default:
        return;
    }
  };
  useKeymap(mode, { onCommand }, { isActive: modal === null, context });

  const width = Math.max(40, columns);
  const messages = values.debate.filter((m) => m.round === values.round);
  const newestRound = values.reveals.at(-1)?.round ?? 0;
  const newest = values.reveals.filter((r) => r.round === newestRound).map((r) => r.reveal);
  const alert = review?.budgetAlert ?? null;
  const report = finished ? finalReport(caseFile, values, oracleCostUsd) : null;
  const activity =
    view.activity === "playing"
      ? `Playing on: round ${values.round}… (p or Esc stops after this round)`
      : view.activity === "undoing"
        ? "Going back a round…"
        : view.activity
          ? `The panel is working on round ${values.round}…`
          : null;
  const status = written ? `Transcript written to ${written}` : null;

  const printed = (
    <Static items={log.items}>
      {(item: LogItem) =>
        item.kind === "intro" ? (
          <Intro key={item.key} caseFile={caseFile} width={width} />
        ) : item.kind === "round" ? (
          <RoundLogEntry key={item.key} record={item.record} names={names} width={width} />
        ) : item.kind === "undone" ? (
          <Text key={item.key} color={theme.newest}>{`↶ Undone: back to the review of round ${item.toRound}${item.verdict ? " (the verdict above is withdrawn)" : "; the rounds printed above from there on no longer hold"}.`}</Text>
        ) : item.kind === "final" ? (
          report ? <FinalReportView key={item.key} report={report} width={width} /> : <Text key={item.key}> </Text>
        ) : (
          <Text key={item.key}>{item.text}</Text>
        )
      }
    </Static>
  );

  const prompt = (() => {
    if (!review && modal !== "quit" && modal !== "help") return null;
    const promptRows = Math.max(4, rows - 8);
    switch (modal) {
      case "edit":
        return (
          <ActionEditor
            proposal={review!.proposal}
            knowledge={knowledge}
            values={values}
            gains={gains}
            rows={promptRows}
            width={width}
            onSubmit={(action: Action) => decide({ kind: review!.proposal.kind === "diagnose" ? "replace" : "edit", action })}
            onCancel={() => setModal(null)}
            onInterrupt={exit}
          />
        );
      case "ask":
        return (
          <TextPrompt
            label="Your question:"
            hint="Ask one specific thing (history or examination). Enter asks, Esc goes back."
            onSubmit={(q) => decide({ kind: "replace", action: { kind: "ask", questions: [q] } })}
            onCancel={() => setModal(null)}
            onInterrupt={exit}
          />
        );
      case "order":
        return (
          <SearchPrompt
            label="Order a test:"
            search={testChoices(knowledge, values, gains)}
            asTyped={(q) => asTypedOption(q, "order")}
            rows={promptRows}
            width={width}
            onChoose={(o) => decide({ kind: "replace", action: { kind: "order", tests: [optionValue(o).value] } })}
            onCancel={() => setModal(null)}
            onInterrupt={exit}
          />
        );
      case "diagnose":
        return (
          <SearchPrompt
            label="Final diagnosis:"
            search={diagnosisChoices(knowledge, values)}
            asTyped={(q) => asTypedOption(q, "diagnose")}
            rows={promptRows}
            width={width}
            onChoose={(o) => decide({ kind: "diagnose", diagnosis: diagnosisGuess(o, knowledge) })}
            onCancel={() => setModal(null)}
            onInterrupt={exit}
          />
        );
      case "raise": {
        const needed = spent + (priced?.totalUsd ?? 0);
        return (
          <TextPrompt
            label="New budget in USD:"
            initial={String(Math.ceil(needed / 100) * 100)}
            hint={`Spent ${Math.round(spent)}; this action needs ${Math.ceil(needed)} in all.`}
            validate={(t) => (/^\d+(\.\d+)?$/.test(t) && Number(t) > values.settings.budgetUsd ? null : `Type a number above the budget now, ${values.settings.budgetUsd}.`)}
            onSubmit={(t) => decide({ kind: "raise-budget", budgetUsd: Number(t) })}
            onCancel={() => setModal(null)}
            onInterrupt={exit}
          />
        );
      }
      case "quit":
        return <ConfirmPrompt question={`Quit? The session is saved as ${sessionName}.`} onYes={exit} onNo={() => setModal(null)} />;
      default:
        return null;
    }
  })();

  const footerMode: KeyMode = modal === "edit" ? "edit" : modal === "order" || modal === "diagnose" ? "search" : modal === "ask" || modal === "raise" ? "text" : modal === "quit" ? "confirm" : mode;
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
        {prompt}
        <StatusLine activity={activity} notice={view.notice ?? status} error={view.error} />
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
        <StatusLine activity={activity} notice={view.notice ?? status} error={view.error} />
        {footer}
      </>
    );
  }

  const chrome = 2 + 1 + footerRows(footerMode, context, width) + (alert ? 4 : 0);
  const expandedRows = teaching.expanded && teaching.focus !== null ? Math.max(4, rows) : 0;
  const layout = sessionLayout(rows, columns, {
    findings: newest.length,
    roles: Math.min(teaching.revealed, roles.length) + (teaching.stepping && teaching.revealed < roles.length ? 1 : 0),
    expandedRows,
    differential: differential.length,
    proposal: priced ? Math.max(1, priced.lines.length) : 0,
    chrome,
  });
  const columnWidth = layout.twoColumns ? Math.floor((width - 2) / 2) : width;
  const leader = differential.find((r) => r.id !== "other");

  const findings = <Findings round={newestRound} reveals={newest} rows={layout.findings} />;
  const debate = (
    <Debate
      round={values.round}
      roles={roles}
      messages={messages}
      running={running}
      focus={teaching.focus}
      expanded={teaching.expanded}
      revealed={Math.min(teaching.revealed, roles.length)}
      rows={layout.debate}
      names={names}
    />
  );
  const bars = <DifferentialBars round={values.round} rows={differential} maxRows={layout.differential} width={columnWidth} />;
  const proposal =
    review && priced && !running ? <ProposalPanel review={review} priced={priced} leaderP={leader?.p ?? null} maxRows={layout.proposal} width={columnWidth} /> : null;

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
      ) : layout.twoColumns ? (
        <Box width={width}>
          <Box flexDirection="column" width={columnWidth} marginRight={2}>
            {findings}
            {debate}
          </Box>
          <Box flexDirection="column" width={columnWidth}>
            {bars}
            {proposal}
          </Box>
        </Box>
      ) : (
        <Box flexDirection="column" width={width}>
          {findings}
          {debate}
          {bars}
          {proposal}
        </Box>
      )}
      <StatusLine activity={activity} notice={view.notice ?? status} error={view.error} />
      {footer}
    </>
  );
}
