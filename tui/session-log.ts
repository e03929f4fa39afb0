import type { AuditEntry } from "../agents/view.js";
import { ledgerTotal } from "../core/ledger.js";
import type { Reveal } from "../core/reveal.js";
import type { SessionValues } from "../graph/state.js";

/** A round whose action was carried out: who decided what, what it cost, what came back. */
export interface RoundRecord {
  round: number;
  decision: AuditEntry;
  reveals: Reveal[];
  chargedUsd: number;
  /** The leading hypothesis the round was decided on. */
  leader: { name: string; p: number } | null;
}

/** Rounds the gatekeeper has answered, oldest first (a diagnosis is not a round's action). */
export function completedRounds(values: Pick<SessionValues, "trail" | "reveals" | "ledger" | "differentials" | "round">): RoundRecord[] {
  return values.trail
    .filter((t) => t.action.kind !== "diagnose" && t.round < values.round)
    .map((decision) => {
      const lead = values.differentials.findLast((d) => d.round === decision.round)?.differential.find((e) => e.id !== "other");
      return {
        round: decision.round,
        decision,
        reveals: values.reveals.filter((r) => r.round === decision.round).map((r) => r.reveal),
        chargedUsd: ledgerTotal({ entries: values.ledger.entries.filter((e) => e.round === decision.round), visitOpen: false }),
        leader: lead ? { name: lead.name, p: lead.p } : null,
      };
    });
}

/** What the console prints above the live frame, once each (Ink's <Static>). */
export type LogItem =
  | { key: string; kind: "intro" }
  | { key: string; kind: "round"; record: RoundRecord }
  | { key: string; kind: "undone"; toRound: number; verdict: boolean }
  | { key: string; kind: "final" }
  | { key: string; kind: "line"; text: string };

export interface SessionLog {
  items: LogItem[];
  /** The last round printed. */
  printedRound: number;
  finalPrinted: boolean;
  /** Counts undos that withdrew printed output, to keep the items' keys unique. */
  epoch: number;
}

/**
 * A new log: the presentation first, unless lines announce it (the screen-reader layout); before
 * it, a line saying how the session began, when it is a fork.
 */
export const emptyLog = (intro = true, opening: string | null = null): SessionLog => ({
  items: [...(opening ? [{ key: "opening", kind: "line", text: opening } as const] : []), ...(intro ? [{ key: "intro", kind: "intro" } as const] : [])],
  printedRound: 0,
  finalPrinted: false,
  epoch: 0,
});

/**
 * Brings the printed log up to date with the session. The newest answered round stays in the
 * live frame (its findings are the ones highlighted) and is printed once the next one is
 * answered; the verdict is printed when it comes. Printed output cannot be taken back, so an
 * undo that withdraws some of it prints a line saying so.
 */
export function advanceLog(log: SessionLog, values: SessionValues, finished: boolean): SessionLog {
  let { items, printedRound, finalPrinted, epoch } = log;
  const rounds = completedRounds(values);
  const newest = rounds.at(-1)?.round ?? 0;
  const withdrawsRounds = printedRound >= values.round;
  const withdrawsVerdict = finalPrinted && !finished;
  if (withdrawsRounds || withdrawsVerdict) {
    epoch += 1;
    items = [...items, { key: `undone-${epoch}`, kind: "undone", toRound: values.round, verdict: withdrawsVerdict }];
    printedRound = Math.min(printedRound, values.round - 1);
    finalPrinted = false;
  }
  const upTo = finished ? newest : newest - 1;
  const fresh = rounds.filter((r) => r.round > printedRound && r.round <= upTo);
  if (fresh.length) {
    items = [...items, ...fresh.map((record): LogItem => ({ key: `${epoch}-round-${record.round}`, kind: "round", record }))];
    printedRound = fresh.at(-1)!.round;
  }
  if (finished && !finalPrinted) {
    items = [...items, { key: `${epoch}-final`, kind: "final" }];
    finalPrinted = true;
  }
  return items === log.items ? log : { items, printedRound, finalPrinted, epoch };
}

/** A line for screen readers, appended as-is. */
export const logLine = (log: SessionLog, text: string): SessionLog => ({
  ...log,
  items: [...log.items, { key: `line-${log.items.length}`, kind: "line", text }],
});
