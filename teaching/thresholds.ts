/**
 * The debrief's judgement calls, in one place. None is a medical fact: each is the team's
 * estimate of what a teaching simulator should call real information, a wasted step or a bias.
 */
export const DEBRIEF_THRESHOLDS = {
  /** An action gained real information when the differential's entropy fell by more than this (bits). */
  usefulBits: 0.05,
  /** ...or when it moved the truth's posterior by more than this, either way. */
  usefulTruthShift: 0.05,
  /**
   * A finding argues against a hypothesis when its likelihood ratio for it against the rest is
   * below this: the rest at least 1.25 times likelier to show it. Ratios just under 1 (a finding
   * the hypothesis does not list, found absent) say next to nothing and are not counted.
   */
  contraryRatio: 0.8,
  /** Anchoring needs at least this many findings against the named hypothesis before it was named. */
  anchoringContraryFindings: 2,
  /** ...and the named hypothesis' posterior at diagnosis at most this share of its peak on the path. */
  anchoringFallRatio: 0.5,
} as const;
