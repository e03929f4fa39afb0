import { useMemo, useState } from "react";
import { Box, Text, useWindowSize } from "ink";
import { type PanelRole, PanelRoleSchema } from "../../agents/roles.js";
import type { Knowledge } from "../../agents/view.js";
import type { Case } from "../../core/case.js";
import { ledgerTotal } from "../../core/ledger.js";
import { rolesOf } from "../../graph/build.js";
import type { PhysicianDecision } from "../../graph/decision.js";
import type { DiagnosticSession } from "../../graph/session.js";
import type { SessionSettings } from "../../graph/settings.js";
import type { SessionValues } from "../../graph/state.js";
import { namesOf } from "../../reports/transcript.js";
import { debrief } from "../../teaching/debrief.js";
import { sessionRecord } from "../../teaching/record.js";
import { renderDebrief } from "../../teaching/render.js";
import { Debate } from "../components/Debate.js";
import { Findings } from "../components/Findings.js";
import { Header } from "../components/Header.js";
import { ProposalPanel } from "../components/ProposalPanel.js";
import { ReviewPrompt } from "../components/ReviewPrompt.js";
import type { SessionEnd } from "../components/SessionScreen.js";
import { StatusLine } from "../components/StatusLine.js";
import { expectedGains } from "../expected-gain.js";
import { usdExact } from "../format.js";
import { useDisplay } from "../hooks/useDisplay.js";
import { useKeymap } from "../hooks/useKeymap.js";
import { initialValues, useSession } from "../hooks/useSession.js";
import type { KeyCommand, KeyContext } from "../keymap.js";
import { type PricedAction, pricedAction } from "../priced-action.js";
import { actionText } from "../../teaching/wording.js";

export interface TeachScreenProps {
  session: DiagnosticSession;
  caseFile: Case;
  knowledge: Knowledge;
  settings: SessionSettings;
  sessionName: string;
  /** Writes the debrief (Markdown) and returns where it went. */
  writeDebrief: (markdown: string) => string;
  onExit: (end: SessionEnd) => void;
}

/** The learner's decision of a round, held until they have seen it beside the panel's. */
interface Committed {
  round: number;
  decision: PhysicianDecision;
  text: string;
  usd: number;
  panel: PricedAction;
}

type Prompt = "ask" | "order" | "diagnose" | "quit" | null;

const ROLE_ORDER = PanelRoleSchema.options;
const rolesFor = (settings: SessionSettings): PanelRole[] => {
  const { skeptic, steward } = rolesOf(settings.variant);
  return ROLE_ORDER.filter((r) => (r === "skeptic" ? skeptic : r === "cost-steward" ? steward : true));
};

// Enter stays bound (to "approve") in the keymap; here it only carries out a decision already made.
const ENTER_BOUND: KeyContext = { budgetAlert: false, canUndo: false };

/**
 * Learner mode: each round the learner decides first, blind to the panel; then the panel's
 * debate and proposal are shown beside the learner's decision, with prices, and the learner's
 * decision is the one carried out. The debrief ends the session.
 */
export function TeachScreen({ session, caseFile, knowledge, settings, sessionName, writeDebrief, onExit }: TeachScreenProps) {
  const { theme } = useDisplay();
  const { columns, rows } = useWindowSize();
  const width = Math.max(40, columns);
  const start = useMemo(() => initialValues(caseFile, settings), [caseFile, settings]);
  const [view, controls] = useSession(session, start);
  const { values, review, finished } = view;
  const roles = useMemo(() => rolesFor(settings), [settings]);
  const [prompt, setPrompt] = useState<Prompt>(null);
  const [committed, setCommitted] = useState<Committed | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const running = view.activity !== null;
  const gains = useMemo(() => (review ? expectedGains(values, knowledge) : { tests: new Map(), questions: new Map() }), [review, values, knowledge]);
  const report = useMemo(
    () => (finished ? debrief({ caseFile, knowledge, learner: sessionRecord(values), settings: values.settings }) : null),
    [finished, caseFile, knowledge, values],
  );
  const spent = ledgerTotal(values.ledger);
  const exit = () => onExit({ values, finished });

  const commit = (decision: PhysicianDecision) => {
    setPrompt(null);
    if (!review) return;
    const panel = pricedAction(review.proposal, values, knowledge, gains);
    const mine = decision.kind === "replace" ? pricedAction(decision.action, values, knowledge, gains) : null;
    const action = decision.kind === "replace" ? decision.action : decision.kind === "diagnose" ? { kind: "diagnose" as const, diagnosis: decision.diagnosis } : review.proposal;
    setCommitted({ round: values.round, decision, text: actionText(action, knowledge.catalog, caseFile.case_tests), usd: mine?.totalUsd ?? 0, panel });
  };

  const onCommand = (command: KeyCommand) => {
    setNotice(null);
    if (command === "interrupt") return exit();
    if (finished) {
      if (command === "quit") return exit();
      if (command === "write" && report) return setNotice(`Debrief written to ${writeDebrief(renderDebrief(report, { format: "markdown" }))}`);
      return;
    }
    if (command === "quit") return setPrompt("quit");
    if (!review || running) return;
    if (committed) {
      if (command !== "approve") return;
      setCommitted(null);
      return controls.decide(committed.decision);
    }
    if (command === "ask" || command === "order" || command === "diagnose") return setPrompt(command);
    if (command === "approve") return setNotice("Enter does not approve in learner mode: decide first with a, o or d.");
  };
  useKeymap(finished ? "final" : "review", { onCommand }, { isActive: prompt === null, context: ENTER_BOUND });

  const header = <Header title={caseFile.presentation.chief_complaint} caseId={caseFile.id} round={values.round} spentUsd={spent} budgetUsd={values.settings.budgetUsd} width={width} />;

  if (finished && report) {
    return (
      <>
        {header}
        <Text>{renderDebrief(report, { format: "text", width: Math.min(110, width) })}</Text>
        <StatusLine activity={null} notice={notice} error={view.error} />
        <Text color={theme.muted}>{"w write the debrief (Markdown) · q quit"}</Text>
      </>
    );
  }

  const newestRound = values.reveals.at(-1)?.round ?? 0;
  const newest = values.reveals.filter((r) => r.round === newestRound).map((r) => r.reveal);
  const activity = running ? `Round ${values.round}: the panel is working…` : null;
  const modal =
    prompt && (review || prompt === "quit") ? (
      <ReviewPrompt
        kind={prompt}
        review={review}
        values={values}
        knowledge={knowledge}
        gains={gains}
        proposalUsd={0}
        spentUsd={spent}
        sessionName={sessionName}
        rows={Math.max(4, rows - 8)}
        width={width}
        decide={commit}
        onClose={() => setPrompt(null)}
        onExit={exit}
      />
    ) : null;

  const shown = committed && review && committed.round === values.round;
  const leader = values.differentials.at(-1)?.differential.find((e) => e.id !== "other");
  const comparison = shown ? (
    <Box flexDirection="column" width={width}>
      <Text color={theme.accent}>{`You decided: ${committed.text} · ${usdExact(committed.usd)}`}</Text>
      <ProposalPanel review={review} priced={committed.panel} leaderP={leader?.p ?? null} maxRows={8} width={width} />
      <Debate
        round={values.round}
        roles={roles}
        messages={values.debate.filter((m) => m.round === values.round)}
        running={false}
        focus={null}
        expanded={false}
        revealed={roles.length}
        rows={Math.max(4, rows - 20)}
        names={namesOf(values)}
      />
    </Box>
  ) : null;
  const footer = shown
    ? "Enter carry out your decision · q quit"
    : "a ask · o order · d diagnose · q quit · Enter does not approve in learner mode: you decide first";

  return (
    <>
      {header}
      {newestRound > 0 ? <Findings round={newestRound} reveals={newest} rows={8} /> : <Text>{caseFile.presentation.chief_complaint}</Text>}
      {review?.budgetAlert && !shown ? <Text color={theme.alert}>{review.budgetAlert}</Text> : null}
      {modal ?? comparison}
      <StatusLine activity={activity} notice={notice ?? view.notice} error={view.error} />
      {modal ? null : <Text color={theme.muted}>{footer}</Text>}
    </>
  );
}
