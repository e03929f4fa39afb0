import type { PanelRole } from "../../agents/roles.js";
import type { ReviewRequest, SessionValues } from "../../graph/state.js";
import type { DifferentialRow } from "../differential-change.js";
import type { TeachingPace } from "../hooks/useTeachingPace.js";
import { findingRows, byImportance } from "../finding-rows.js";
import { sessionLayout, twoColumnsAt } from "../layout.js";
import type { PricedAction } from "../priced-action.js";
import { Debate } from "./Debate.js";
import { reasoningRows } from "./DebateBlock.js";
import { DifferentialBars } from "./DifferentialBars.js";
import { Findings } from "./Findings.js";
import { ProposalPanel } from "./ProposalPanel.js";
import { RoundColumns, columnWidth } from "./RoundColumns.js";

export interface RoundPartsInput {
  values: SessionValues;
  review: ReviewRequest | null;
  /** The proposal with its prices; none while the panel works. */
  priced: PricedAction | null;
  roles: readonly PanelRole[];
  teaching: TeachingPace;
  names: ReadonlyMap<string, string>;
  differential: DifferentialRow[];
  running: boolean;
  rows: number;
  columns: number;
  /** The screen's width, at least 40 columns. */
  width: number;
  /** Rows the screen's other lines take (header, notices, status, footer). */
  chrome: number;
}

export interface RoundParts {
  /** The proposal on its own, kept on screen above a prompt. */
  proposal: React.JSX.Element | null;
  /** Findings and debate beside the differential and proposal, in the round's columns. */
  live: React.JSX.Element;
}

/**
 * The live round's pieces, sized to the terminal: the newest findings and the debate (left),
 * the differential and the proposal (right). The console and learner mode arrange them.
 */
export function roundParts({ values, review, priced, roles, teaching, names, differential, running, rows, columns, width, chrome }: RoundPartsInput): RoundParts {
  const newestRound = values.reveals.at(-1)?.round ?? 0;
  const newest = values.reveals.filter((r) => r.round === newestRound).map((r) => r.reveal);
  const messages = values.debate.filter((m) => m.round === values.round);
  const open = teaching.expanded && teaching.focus !== null ? roles[teaching.focus] : undefined;
  const focused = open ? messages.findLast((m) => m.role === open) : undefined;
  // Findings wrap in their column: the layout counts the rows they take, not one each.
  const findingWidth = columnWidth({ width, twoColumns: twoColumnsAt(columns) });
  const [first] = byImportance(newest);
  const layout = sessionLayout(rows, columns, {
    findings: newest.reduce((sum, r) => sum + findingRows(r, findingWidth), 0),
    firstFinding: first ? findingRows(first, findingWidth) : 0,
    roles: Math.min(teaching.revealed, roles.length) + (teaching.stepping && teaching.revealed < roles.length ? 1 : 0),
    // A role still thinking takes one row open; one that spoke, what its reasoning wraps to.
    expandedRows: !open ? 0 : focused ? reasoningRows(focused, names, width) : 1,
    differential: differential.length,
    proposal: priced ? Math.max(1, priced.lines.length) : 0,
    chrome,
  });
  const column = columnWidth(layout);
  const leader = differential.find((r) => r.id !== "other");
  const findings = <Findings round={newestRound} reveals={newest} rows={layout.findings} width={column} />;
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
  const bars = <DifferentialBars round={values.round} rows={differential} maxRows={layout.differential} width={column} />;
  const proposal = review && priced && !running ? <ProposalPanel review={review} priced={priced} leaderP={leader?.p ?? null} maxRows={layout.proposal} width={column} /> : null;
  const live = (
    <RoundColumns
      layout={layout}
      left={
        <>
          {findings}
          {debate}
        </>
      }
      right={
        <>
          {bars}
          {proposal}
        </>
      }
    />
  );
  return { proposal, live };
}

