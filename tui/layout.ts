/**
 * How many rows each part of the session screen may take, so the live frame always fits the
 * terminal: a frame taller than the screen makes the terminal scroll and the frame flicker.
 * Finished rounds are printed above the frame once (<Static>) and do not count.
 */
export interface SessionLayout {
  width: number;
  /** Findings and debate on the left, differential and proposal on the right. */
  twoColumns: boolean;
  /** Rows of each section's body (its title is one more row when the body is not empty). */
  findings: number;
  debate: number;
  differential: number;
  proposal: number;
}

export interface LayoutNeeds {
  /** Rows the newest findings take wrapped to their column. */
  findings: number;
  /** Rows the most important new finding takes wrapped: it is kept whole when anything is. */
  firstFinding?: number;
  /** Roles in the debate: one row each when folded. */
  roles: number;
  /** Rows of the expanded role's full reasoning; 0 when folded. */
  expandedRows: number;
  differential: number;
  proposal: number;
  /** Rows taken by the header, footer, alerts and the status line. */
  chrome: number;
}

const TWO_COLUMNS_FROM = 110;
/** Two columns (findings and debate beside the differential) from this many columns. */
export const twoColumnsAt = (columns: number): boolean => columns >= TWO_COLUMNS_FROM;
/** Kept free below the frame: Ink redraws the whole screen when a frame reaches its last row. */
const SPARE_ROWS = 1;
const MIN_FINDINGS = 1;
const MIN_DIFFERENTIAL = 3;

const title = (rows: number): number => (rows > 0 ? 1 : 0);

export function sessionLayout(rows: number, columns: number, needs: LayoutNeeds): SessionLayout {
  const width = Math.max(40, columns);
  const twoColumns = twoColumnsAt(columns);
  const available = Math.max(6, rows - SPARE_ROWS - needs.chrome);
  const debateRows = needs.roles + (needs.expandedRows > 0 ? needs.expandedRows : 0);
  const proposal = Math.min(needs.proposal, Math.max(1, available - 2));

  if (needs.expandedRows > 0) {
    // Teaching pace: the debate takes the room; findings and bars wait until it is folded.
    const room = twoColumns ? available : available - proposal - title(proposal);
    return { width, twoColumns, findings: 0, differential: 0, proposal, debate: Math.max(needs.roles, Math.min(debateRows, room - title(needs.roles))) };
  }

  if (twoColumns) {
    const left = available - title(needs.roles) - needs.roles;
    const right = available - proposal - title(proposal);
    return {
      width,
      twoColumns,
      debate: needs.roles,
      findings: Math.max(0, Math.min(needs.findings, left - 1)),
      differential: Math.max(0, Math.min(needs.differential, right - 1)),
      proposal,
    };
  }

  let left = available - needs.roles - title(needs.roles) - proposal - title(proposal);
  /** Gives a section up to `want` more rows, paying for its title with the first. */
  const take = (want: number, has: number): number => {
    const titleCost = has === 0 ? 1 : 0;
    const rows = Math.max(0, Math.min(want, left - titleCost));
    if (rows > 0) left -= rows + titleCost;
    return rows;
  };
  // The leading bars matter most, then the most important new finding whole, then the rest of
  // the round's news (the findings, wrapped), and only then the unlikely tail of the differential.
  let differential = take(Math.min(needs.differential, MIN_DIFFERENTIAL), 0);
  let findings = take(Math.min(needs.findings, needs.firstFinding ?? MIN_FINDINGS), 0);
  findings += take(needs.findings - findings, findings);
  differential += take(needs.differential - differential, differential);
  return { width, twoColumns, debate: needs.roles, findings, differential, proposal };
}
