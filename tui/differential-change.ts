import { latestOutput } from "../agents/debate.js";
import type { SessionValues } from "../graph/state.js";

/** "first": the first differential of the session, with nothing to compare against. */
export type Change = "up" | "down" | "new" | "same" | "first";

export interface DifferentialRow {
  id: string;
  name: string;
  p: number;
  /** Change in probability since the last round's differential (0 when new). */
  delta: number;
  change: Change;
}

/** Moves smaller than half a percentage point read as no change. */
const NOISE = 0.005;

/**
 * This round's differential, most probable first, each entry against the round before. It is
 * read from the hypothesis generator as soon as it speaks, so the bars appear before the chair.
 */
export function differentialRows(values: Pick<SessionValues, "debate" | "differentials" | "round">, round = values.round): DifferentialRow[] {
  const current = latestOutput(values.debate, round, "hypothesis")?.differential ?? values.differentials.findLast((d) => d.round === round)?.differential;
  if (!current) return [];
  const previous = values.differentials.findLast((d) => d.round < round)?.differential ?? [];
  const before = new Map(previous.map((e) => [e.id, e.p]));
  return [...current]
    .sort((a, b) => b.p - a.p)
    .map(({ id, name, p }) => {
      const was = before.get(id);
      if (was === undefined) return { id, name, p, delta: 0, change: previous.length ? "new" : "first" } as const;
      const delta = p - was;
      return { id, name, p, delta, change: delta > NOISE ? "up" : delta < -NOISE ? "down" : "same" } as const;
    });
}
