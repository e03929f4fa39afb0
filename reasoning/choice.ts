import { z } from "zod";
import { remembered } from "../core/bounded-memo.js";
import type { Catalog } from "../core/catalog.js";
import type { KnowledgeBase } from "../core/knowledge.js";
import { missingProcedures } from "../core/specimens.js";
import { REASONING_DEFAULTS } from "./defaults.js";
import { posteriorWeights } from "./differential.js";
import { expectedGainBits } from "./information.js";
import {
  candidateProbes,
  pendingFindings,
  type Probe,
  type ProbeExclusions,
  ProbeSchema,
  probeId,
} from "./probes.js";
import { compareIds, type Evidence, type Scope, scopeModel } from "./scope.js";

/**
 * A probe with its expected gain and price. Inside a round both are marginal: what the probe
 * adds to the probes before it, and what it adds to the bill (the visit fee is charged on the
 * first question only), so a round's costs sum to what the round will charge.
 */
export const RankedProbeSchema = z.object({
  probe: ProbeSchema,
  gainBits: z.number().nonnegative(),
  costUsd: z.number().nonnegative(),
  gainPerDollar: z.number().nonnegative(),
});
export type RankedProbe = z.infer<typeof RankedProbeSchema>;

export interface RankingOptions extends ProbeExclusions {
  /** The visit fee when no visit is open, 0 inside an open visit: the caller knows which. */
  readonly questionCostUsd: number;
}

export interface ChoiceOptions extends RankingOptions {
  readonly budgetLeftUsd: number;
  readonly maxTests?: number;
  readonly maxQuestions?: number;
  readonly minGainPerDollar?: number;
  /** A physician's order of work: this kind goes first whenever it has anything worth asking or
   *  ordering (history and examination before tests; a time-critical test before history). */
  readonly prefer?: Probe["kind"];
  /** False: choose by expected information alone, price aside (the test chooser's view; the
   *  cost steward weighs the price). True by default. */
  readonly priced?: boolean;
}

/** Best first: gain per dollar, then gain, then the cheaper, then questions, then by id. */
const compareRanked = (a: RankedProbe, b: RankedProbe): number =>
  b.gainPerDollar - a.gainPerDollar || compareByGain(a, b);

/** Best first, price aside: gain, then the cheaper, then questions, then by id. */
const compareByGain = (a: RankedProbe, b: RankedProbe): number =>
  b.gainBits - a.gainBits ||
  a.costUsd - b.costUsd ||
  compareIds(a.probe.kind, b.probe.kind) ||
  compareIds(probeId(a.probe), probeId(b.probe));

const ranked = (probe: Probe, gainBits: number, costUsd: number): RankedProbe => ({
  probe,
  gainBits,
  costUsd,
  gainPerDollar: gainBits / Math.max(costUsd, REASONING_DEFAULTS.minCostUsd),
});

/**
 * Every candidate probe with a positive expected gain on its own, priced and ranked, budget
 * aside. A test the catalog does not price cannot be ordered, so it is left out.
 */
export function rankProbes(
  kb: KnowledgeBase,
  catalog: Catalog,
  scope: Scope,
  evidence: Evidence,
  options: RankingOptions,
): RankedProbe[] {
  // Several roles rank the same situation in one round, some with the contraindicated tests left
  // out and some not; the ranking is pure, so it is kept. A probe's gain and price do not depend
  // on the other candidates, so the ranking without contraindicated tests is the full one
  // filtered, and only the full one is worked out.
  const { asked, ordered, questionCostUsd, forbidden } = options;
  const all = memoised(rankings, kb, catalog, situationKey(scope, evidence, { asked, ordered, questionCostUsd }, []), () =>
    rankAll(kb, catalog, scope, evidence, { asked, ordered, questionCostUsd }),
  );
  return forbidden?.size ? all.filter((r) => r.probe.kind !== "test" || !forbidden.has(r.probe.testId)) : [...all];
}

type Memo = WeakMap<KnowledgeBase, WeakMap<Catalog, Map<string, RankedProbe[]>>>;

/** Rankings and choices already made, by knowledge base and catalog; each list bounded. */
const rankings: Memo = new WeakMap();
const choices: Memo = new WeakMap();
const MEMO_SIZE = 512;

function memoised(memo: Memo, kb: KnowledgeBase, catalog: Catalog, key: string, make: () => RankedProbe[]): RankedProbe[] {
  const byCatalog = memo.get(kb) ?? new WeakMap<Catalog, Map<string, RankedProbe[]>>();
  memo.set(kb, byCatalog);
  const known = byCatalog.get(catalog) ?? new Map<string, RankedProbe[]>();
  byCatalog.set(catalog, known);
  return remembered(known, key, MEMO_SIZE, make);
}

/** Everything a ranking or choice depends on besides the knowledge base and catalog. */
const situationKey = (scope: Scope, evidence: Evidence, options: RankingOptions, limits: readonly (number | undefined)[]): string =>
  JSON.stringify([
    scope,
    // By id: sort() with no comparator would compare each [id, value] pair as a string.
    Object.entries(evidence).sort((a, b) => compareIds(a[0], b[0])),
    [...options.asked].sort(),
    [...options.ordered].sort(),
    [...(options.forbidden ?? [])].sort(),
    // String() keeps Infinity (no budget) apart from a missing limit.
    ...[options.questionCostUsd, ...limits].map(String),
  ]);

function rankAll(
  kb: KnowledgeBase,
  catalog: Catalog,
  scope: Scope,
  evidence: Evidence,
  options: RankingOptions,
): RankedProbe[] {
  const model = scopeModel(kb, scope);
  const weights = posteriorWeights(model, evidence);
  const ranking: RankedProbe[] = [];
  for (const probe of candidateProbes(kb, scope, evidence, options)) {
    const costUsd = probe.kind === "question" ? options.questionCostUsd : testCost(kb, catalog, probe.testId, options.ordered);
    if (costUsd === undefined) continue;
    const gainBits = expectedGainBits(model, weights, pendingFindings(kb, probe, evidence));
    if (gainBits > 0) ranking.push(ranked(probe, gainBits, costUsd));
  }
  return ranking.sort(compareRanked);
}

/**
 * A test's price, with the procedure that yields its specimen when that is not done yet;
 * undefined, so never proposed, when the test is unpriced or its specimen could come from several
 * procedures none done (the biopsy is chosen by its own findings first).
 */
function testCost(kb: KnowledgeBase, catalog: Catalog, testId: string, ordered: ReadonlySet<string>): number | undefined {
  const price = catalog.byId.get(testId)?.price_usd;
  const missing = missingProcedures(kb, testId, ordered, []);
  if (price === undefined || missing.length > 1) return undefined;
  return price + (missing.length === 1 ? (catalog.byId.get(missing[0]!)?.price_usd ?? 0) : 0);
}

/**
 * One round's action: up to maxQuestions questions or up to maxTests tests. Each kind's round
 * is filled greedily by marginal gain per dollar over the findings still unrevealed (two tests
 * that reveal the same thing are not both ordered; an item adding less than
 * minMarginalGainBits is left out), then the kind whose whole round buys more information
 * per dollar wins, a round's price counting roundOverheadUsd for the time it takes. Questions
 * in one round share a visit (SDBench's cost model), so the visit must be worth its fee as a
 * whole, not each question alone; tests are paid each, each must be worth its own price, and
 * only while the running total fits the budget. Unpriced (`priced: false`), the same by gain
 * alone: the round that learns the most, whatever it costs, within the budget.
 */
export function chooseProbes(
  kb: KnowledgeBase,
  catalog: Catalog,
  scope: Scope,
  evidence: Evidence,
  options: ChoiceOptions,
): RankedProbe[] {
  // Cases that open alike (same complaint and setting, nothing learnt yet) choose alike.
  const limits = [options.budgetLeftUsd, options.maxTests, options.maxQuestions, options.minGainPerDollar, options.prefer === "question" ? 1 : options.prefer === "test" ? 2 : 0, options.priced === false ? 0 : 1];
  return [...memoised(choices, kb, catalog, situationKey(scope, evidence, options, limits), () => chooseAll(kb, catalog, scope, evidence, options))];
}

/** Floating-point slack on a gain used as a bound: far above rounding error, far below any gain that matters. */
const ROUNDING_BITS = 1e-9;

/** `ids` followed by those of `more` it lacks, in order, each once: the findings two probes reveal together. */
function withNew(ids: readonly string[], more: readonly string[]): string[] {
  const union = [...ids];
  for (const id of more) if (!union.includes(id)) union.push(id);
  return union;
}

function chooseAll(
  kb: KnowledgeBase,
  catalog: Catalog,
  scope: Scope,
  evidence: Evidence,
  options: ChoiceOptions,
): RankedProbe[] {
  const priced = options.priced ?? true;
  // Price aside, nothing is below a gain per dollar.
  const minGainPerDollar = priced ? (options.minGainPerDollar ?? REASONING_DEFAULTS.minGainPerDollar) : 0;
  const compare = priced ? compareRanked : compareByGain;
  // A question is judged with the visit it shares (below), not alone at the whole visit fee.
  const affordable = rankProbes(kb, catalog, scope, evidence, options).filter(
    (r) => (r.probe.kind === "question" || r.gainPerDollar >= minGainPerDollar) && r.costUsd <= options.budgetLeftUsd,
  );
  const model = scopeModel(kb, scope);
  const weights = posteriorWeights(model, evidence);

  const fill = (kind: Probe["kind"]): RankedProbe[] => {
    const max =
      kind === "question"
        ? (options.maxQuestions ?? REASONING_DEFAULTS.maxQuestions)
        : (options.maxTests ?? REASONING_DEFAULTS.maxTests);
    // Each item with the findings it would reveal, worked out once for the whole round.
    // Best first, so that the lazy greedy below finds its best early and passes over the rest.
    const pool = affordable
      .filter((r) => r.probe.kind === kind)
      .sort(compare)
      .map((r) => ({ r, pending: pendingFindings(kb, r.probe, evidence), bound: r.gainBits }));
    const round: RankedProbe[] = [];
    let revealed: string[] = [];
    let gainSoFar = 0;
    let spent = 0;
    while (round.length < max) {
      const enough = round.length === 0 ? 0 : REASONING_DEFAULTS.minMarginalGainBits;
      let best: RankedProbe | undefined;
      for (const item of pool) {
        const { r, pending } = item;
        if (round.some((taken) => taken.probe === r.probe)) continue;
        const costUsd = kind === "question" && round.length > 0 ? 0 : r.costUsd;
        if (spent + costUsd > options.budgetLeftUsd) continue;
        const union = withNew(revealed, pending);
        // With the findings independent given the hypothesis, the information gain is submodular
        // (Krause A, Guestrin C. Near-optimal nonmyopic value of information in graphical models.
        // UAI 2005): what an item adds never grows as the round reveals more, so what it added
        // last time bounds what it adds now. An item that could not pass the bars or rank above
        // the best so far even at its bound is passed over without working its joint gain out
        // (lazy greedy, Minoux 1978); the round is the same. The bound holds where the gain is
        // exact (maxExactFindings).
        if (union.length <= REASONING_DEFAULTS.maxExactFindings) {
          const most = ranked(r.probe, item.bound + ROUNDING_BITS, costUsd);
          if (most.gainBits <= enough || (kind === "test" && most.gainPerDollar < minGainPerDollar) || (best && compare(most, best) > 0)) continue;
        }
        // First in the round, an item adds what it learns alone: its ranking's gain, worked out
        // from the same posterior over the same findings.
        const candidate = round.length === 0 && union.length === pending.length ? r : ranked(r.probe, expectedGainBits(model, weights, union) - gainSoFar, costUsd);
        item.bound = candidate.gainBits;
        // Padding is passed over, not a reason to stop: a useful dearer item may still follow.
        if (candidate.gainBits <= enough || (kind === "test" && candidate.gainPerDollar < minGainPerDollar)) continue;
        if (!best || compare(candidate, best) < 0) best = candidate;
      }
      if (!best) break;
      round.push(best);
      revealed = withNew(revealed, pendingFindings(kb, best.probe, evidence));
      gainSoFar += best.gainBits;
      spent += best.costUsd;
    }
    // Questions share one visit fee, so a visit is worth its fee when the whole round is. Inside
    // an open visit a question is free, but the round still keeps the patient waiting: it must
    // learn at least what a round's time is worth (roundOverheadUsd), or one trivial question a
    // round would run the workup to its round limit.
    return kind === "question" && gainSoFar / Math.max(spent, REASONING_DEFAULTS.roundOverheadUsd) < minGainPerDollar ? [] : round;
  };
  const value = (round: readonly RankedProbe[]): number =>
    round.length === 0
      ? 0
      : round.reduce((sum, r) => sum + r.gainBits, 0) /
        (priced ? round.reduce((sum, r) => sum + r.costUsd, 0) + REASONING_DEFAULTS.roundOverheadUsd : 1);
  // The preferred kind, when it has anything worth doing, is the round: the other is not filled.
  const preferred = options.prefer === undefined ? undefined : fill(options.prefer);
  if (preferred && preferred.length > 0) return preferred;
  const questions = options.prefer === "question" ? [] : fill("question");
  const tests = options.prefer === "test" ? [] : fill("test");
  return value(questions) >= value(tests) && questions.length > 0 ? questions : tests;
}

/**
 * What the stopping rule needs from a ranking, budget aside: the best gain per dollar on
 * offer, and the price of the cheapest probe worth its price (Infinity when none is).
 */
export function probeOutlook(
  ranking: readonly RankedProbe[],
  minGainPerDollar: number = REASONING_DEFAULTS.minGainPerDollar,
): { bestGainPerDollar: number; cheapestProbeUsd: number } {
  const worth = ranking.filter((r) => r.gainPerDollar >= minGainPerDollar);
  return {
    bestGainPerDollar: ranking[0]?.gainPerDollar ?? 0,
    cheapestProbeUsd: Math.min(...worth.map((r) => r.costUsd)),
  };
}
