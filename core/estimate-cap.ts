import type { Disease, FindingDef } from "./knowledge.js";
import { isEstimate } from "./source.js";

/**
 * An estimate may move a disease's odds at most this many times, either way, for a finding
 * present or absent: no unsourced number decides a case (issue 11: "capped between 1/5 and 5").
 * A cited number keeps the value its paper reports.
 */
export const ESTIMATE_LR_CAP = 5;

/**
 * P(finding | a disease that does not list it): the finding's base rate in patients at large
 * when the knowledge base gives one, else the knowledge base's leak. The likelihood ratios the
 * engine works with are a listed p against this default.
 */
export const defaultLikelihood = (finding: Pick<FindingDef, "base_rate"> | undefined, leak: number): number =>
  finding?.base_rate ?? leak;

/**
 * The nearest p to `p` whose likelihood ratios against the default `u` lie within
 * [1/cap, cap] both when the finding is present (p / u) and when it is absent ((1-p) / (1-u)).
 */
export function capLikelihood(p: number, u: number, cap = ESTIMATE_LR_CAP): number {
  const low = Math.max(u / cap, 1 - cap * (1 - u));
  const high = Math.min(u * cap, 1 - (1 - u) / cap);
  return Math.min(high, Math.max(low, p));
}

/** One estimate the loader capped: what the file states and what the engine uses. */
export interface CappedEstimate {
  readonly disease: string;
  readonly finding: string;
  readonly stated: number;
  readonly used: number;
}

/**
 * The diseases with every estimate-sourced likelihood capped (cited ones untouched), and the
 * list of what was capped so validate can report it.
 */
export function capEstimates(
  diseases: readonly Disease[],
  findingById: ReadonlyMap<string, FindingDef>,
  leak: number,
): { diseases: Disease[]; capped: CappedEstimate[] } {
  const capped: CappedEstimate[] = [];
  const out = diseases.map((d) => ({
    ...d,
    findings: d.findings.map((l) => {
      if (!isEstimate(l.source)) return l;
      const used = capLikelihood(l.p, defaultLikelihood(findingById.get(l.id), leak));
      if (used === l.p) return l;
      capped.push({ disease: d.id, finding: l.id, stated: l.p, used });
      return { ...l, p: used };
    }),
  }));
  return { diseases: out, capped };
}
