import { z } from "zod";
import { chooseProbes, rankProbes } from "../reasoning/choice.js";
import { posterior } from "../reasoning/differential.js";
import { findingIdsRevealedBy } from "../reasoning/scope.js";
import { OTHER_DIAGNOSIS } from "../core/knowledge.js";
import { type TestChooserOutput, proposalItems, roundChoice } from "./test-chooser.js";
import { type ProposalItem, ProposalItemSchema, itemKey, itemLabel } from "./proposal.js";
import { type Knowledge, type PanelView, budgetLeftUsd, evidenceOf, scopeOf, spentUsd } from "./view.js";
import { PANEL_PREAMBLE, type Prompt, describeCatalog, describeOutput, describeView } from "./prompt.js";

export const PricedItemSchema = z.object({
  key: z.string(),
  label: z.string(),
  priceUsd: z.number().nonnegative(),
  /** A cheaper test expected to answer much the same question. */
  cheaper: z.object({ testId: z.string(), name: z.string(), priceUsd: z.number() }).nullable(),
  /** False when the budget left cannot pay for it after the items ranked before it. */
  affordable: z.boolean(),
});
export type PricedItem = z.infer<typeof PricedItemSchema>;

export const CostStewardOutputSchema = z.object({
  items: z.array(PricedItemSchema),
  proposalCostUsd: z.number().nonnegative(),
  spentUsd: z.number().nonnegative(),
  budgetUsd: z.number().nonnegative(),
  leftUsd: z.number(),
  /** True when the proposal as it stands would pass the budget cap. */
  overBudget: z.boolean(),
  /** Items the steward cancels (budgeted panel only). */
  cancelled: z.array(z.string()),
  /**
   * The round the steward would order instead, or null to keep the proposal: the items that buy
   * the most information per dollar, so a dear test that learns little gives way to cheap ones
   * that learn as much, and a visit is worth its fee.
   */
  revised: z.array(ProposalItemSchema).max(5).nullable(),
  argument: z.string(),
});
export type CostStewardOutput = z.infer<typeof CostStewardOutputSchema>;

/** A cheaper test counts as equivalent when it keeps this share of the expected gain (an estimate). */
const EQUIVALENT_GAIN_SHARE = 0.8;

/**
 * Prices the round and revises it for value: where the test chooser's proposal (the most
 * information, price aside) is not the round that buys the most information per dollar, the
 * steward proposes that round instead, and the chair orders it. Then each item's price, a
 * cheaper equivalent, and whether the budget pays for it.
 */
export function costStewardOffline(view: PanelView, chooser: TestChooserOutput, knowledge: Knowledge): CostStewardOutput {
  const { kb, catalog } = knowledge;
  const left = budgetLeftUsd(view);
  const scope = scopeOf(view);
  const evidence = evidenceOf(view);
  const leaders = posterior(kb, scope, evidence).filter((e) => e.id !== OTHER_DIAGNOSIS).slice(0, 3).map((e) => e.id);
  const choice = roundChoice(view, kb, true);
  const valued = proposalItems(chooseProbes(kb, catalog, scope, evidence, choice), leaders, knowledge);
  const keys = (items: readonly ProposalItem[]) => items.map(itemKey).sort().join("\n");
  const revised = keys(valued) === keys(chooser.proposals) ? null : valued;
  const { asked, ordered, questionCostUsd } = choice;
  const ranked = rankProbes(kb, catalog, scope, evidence, { asked, ordered, questionCostUsd });
  const round = revised ?? chooser.proposals;
  const inRound = new Set(round.flatMap((i) => (i.kind === "test" ? [i.testId] : [])));
  const prices = itemPrices(round, view, catalog);
  let running = 0;
  const items: PricedItem[] = round.map((item, i) => {
    const priceUsd = prices[i]!;
    running += priceUsd;
    // The cheapest test answering much the same, unless the round already orders it.
    const cheaper = cheaperEquivalent(item, ranked, knowledge);
    return { key: itemKey(item), label: itemLabel(item), priceUsd, cheaper: cheaper && !inRound.has(cheaper.testId) ? cheaper : null, affordable: running <= left };
  });
  const proposalCostUsd = round2(items.reduce((sum, i) => sum + i.priceUsd, 0));
  const overBudget = proposalCostUsd > left;
  const cancelled = view.settings.variant === "budgeted" ? items.filter((i) => !i.affordable).map((i) => i.key) : [];
  const spent = spentUsd(view);
  const parts = [
    revised ? revision(chooser.proposals, revised, catalog, view) : "",
    items.length ? items.map((i) => `${i.label} $${i.priceUsd.toFixed(2)}${i.cheaper ? ` (cheaper: ${i.cheaper.name} $${i.cheaper.priceUsd.toFixed(2)})` : ""}`).join("; ") + "." : "Nothing to price.",
    `This round $${proposalCostUsd.toFixed(2)}; spent $${spent.toFixed(2)} of $${view.settings.budgetUsd.toFixed(0)}, $${left.toFixed(2)} left.`,
    overBudget ? (cancelled.length ? `Over budget: cancelling ${cancelled.length} item(s).` : "Over budget: this proposal passes the cap and needs the physician.") : "",
  ];
  return {
    items,
    proposalCostUsd,
    spentUsd: spent,
    budgetUsd: view.settings.budgetUsd,
    leftUsd: round2(left),
    overBudget,
    cancelled,
    revised,
    argument: parts.filter(Boolean).join(" "),
  };
}

/** Each item's price: a test its catalog price; the visit fee on the first question unless a visit is open. */
function itemPrices(items: readonly ProposalItem[], view: PanelView, catalog: Knowledge["catalog"]): number[] {
  let visitCharged = view.ledger.visitOpen;
  return items.map((item) => {
    if (item.kind === "test") return catalog.byId.get(item.testId)?.price_usd ?? 0;
    const fee = visitCharged ? 0 : view.settings.visitFeeUsd;
    visitCharged = true;
    return fee;
  });
}

/** What the steward's revision drops and adds, with the money each side costs. */
function revision(proposed: readonly ProposalItem[], revised: readonly ProposalItem[], catalog: Knowledge["catalog"], view: PanelView): string {
  const cost = (items: readonly ProposalItem[]) => itemPrices(items, view, catalog).reduce((sum, p) => sum + p, 0);
  const bits = (items: readonly ProposalItem[]) => items.reduce((sum, i) => sum + i.gainBits, 0);
  const side = (items: readonly ProposalItem[]) =>
    items.length === 0 ? "nothing" : `${items.map(itemLabel).join(", ")} ($${cost(items).toFixed(2)}, ${bits(items).toFixed(2)} bits)`;
  return `Better value: ${side(revised)} in place of ${side(proposed)}.`;
}

/**
 * A cheaper test that answers much the same question: it reveals one of the same findings (a
 * troponin for a high-sensitivity troponin, an ultrasound for a CT that shows the same thing)
 * and keeps most of the expected gain. The shared finding matters when little is left to learn:
 * at a few thousandths of a bit any cheap test keeps the share, and an HbA1c is no stand-in
 * for a lactate.
 */
export function cheaperEquivalent(item: ProposalItem, ranked: ReturnType<typeof rankProbes>, { kb, catalog }: Knowledge) {
  if (item.kind !== "test") return null;
  const price = catalog.byId.get(item.testId)?.price_usd ?? 0;
  const answers = new Set(findingIdsRevealedBy(kb, item.testId));
  const sameQuestion = (testId: string) => findingIdsRevealedBy(kb, testId).some((id) => answers.has(id));
  const alt = ranked
    .filter((r) => r.probe.kind === "test" && r.probe.testId !== item.testId && r.costUsd < price && r.gainBits >= EQUIVALENT_GAIN_SHARE * item.gainBits && sameQuestion(r.probe.testId))
    .sort((a, b) => a.costUsd - b.costUsd)[0];
  if (!alt || alt.probe.kind !== "test") return null;
  const test = catalog.byId.get(alt.probe.testId)!;
  return { testId: test.id, name: test.name, priceUsd: test.price_usd };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

// The model brain's prompt (llm/): kept beside the schema it must return.

/** The cost steward's instructions for a model brain; it answers in CostStewardOutputSchema. */
export function costStewardPrompt(view: PanelView, chooser: TestChooserOutput, knowledge: Knowledge): Prompt {
  const left = round2(budgetLeftUsd(view));
  return {
    system: [
      PANEL_PREAMBLE,
      "Your role: Dr. Stewardship, the cost steward. Price the test chooser's proposal, revise it when a cheaper round learns about as much, point out cheaper equivalents and guard the budget.",
      "items: one per proposed item, in order: key (the question text, or the test id), label (question text or test name), " +
        "priceUsd (a test's catalog price; a question costs the visit fee unless a visit is open, and later questions of the same visit cost 0), " +
        "cheaper (a cheaper catalog test that answers much the same question, or null), affordable (false when the money left cannot pay for it after the items before it).",
      "revised: the round you would order instead, in the test chooser's item format, when a cheaper round learns about as much (questions only or tests only; an empty list when nothing is worth its price), or null to keep the proposal; the items then price the revised round. " +
        "Every round keeps the patient waiting: a round of questions inside an open visit is free, but it is worth a round only when it learns as much as a visit must to be worth its fee.",
      `Copy these figures exactly: spentUsd ${round2(spentUsd(view))}, budgetUsd ${view.settings.budgetUsd}, leftUsd ${left}. ` +
        "proposalCostUsd is the sum of the items' prices; overBudget is true when it exceeds leftUsd.",
      view.settings.variant === "budgeted"
        ? "This panel is budgeted: list in cancelled the keys of the items that are not affordable."
        : "cancelled stays empty: over budget, the physician decides.",
      "argument: the prices, the cheaper options and what the budget allows, in two or three sentences.",
    ].join("\n"),
    user: [describeView(view), "", describeOutput("The test chooser's proposal", chooser), "", describeCatalog(knowledge)].join("\n"),
  };
}
