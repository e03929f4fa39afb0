import { z } from "zod";
import { OTHER_DIAGNOSIS } from "../core/knowledge.js";
import { type ChoiceOptions, type RankedProbe, chooseProbes } from "../reasoning/choice.js";
import { findingIdsRevealedBy } from "../reasoning/scope.js";
import { answeredFindingIds, separatedBy } from "./kb-questions.js";
import type { HypothesisOutput } from "./hypothesis.js";
import { ProposalItemSchema, type ProposalItem, itemLabel } from "./proposal.js";
import { forbiddenTests } from "./harms.js";
import { preferredKind } from "./order-of-work.js";
import { type Knowledge, type PanelView, budgetLeftUsd, evidenceOf, orderedTestIds, scopeOf } from "./view.js";
import { PANEL_PREAMBLE, type Prompt, describeCatalog, describeOutput, describeView } from "./prompt.js";

export const TestChooserOutputSchema = z.object({
  /** Questions only or tests only: one round is one kind of action. */
  proposals: z.array(ProposalItemSchema).max(5),
  argument: z.string(),
});
export type TestChooserOutput = z.infer<typeof TestChooserOutputSchema>;

/**
 * What one round's choice rests on in this view: what was asked, ordered or is contraindicated,
 * the order of work, the visit fee, and the budget (the full panel leaves the budget to the
 * physician; the budgeted panel keeps to it).
 */
export function roundChoice(view: PanelView, kb: Knowledge["kb"], priced: boolean): ChoiceOptions {
  return {
    asked: answeredFindingIds(view, kb),
    ordered: orderedTestIds(view),
    forbidden: forbiddenTests(view, kb),
    prefer: preferredKind(view, kb),
    questionCostUsd: view.ledger.visitOpen ? 0 : view.settings.visitFeeUsd,
    budgetLeftUsd: view.settings.variant === "budgeted" ? budgetLeftUsd(view) : Number.POSITIVE_INFINITY,
    priced,
  };
}

/**
 * Picks the questions or tests that best tell the hypotheses apart: the most expected
 * information, price aside. The cost steward weighs the price (MAI-DxO's division of labour,
 * Nori et al. 2025); without one, the panel orders what learns most.
 */
export function testChooserOffline(
  view: PanelView,
  hypothesis: HypothesisOutput,
  knowledge: Knowledge,
): TestChooserOutput {
  const { kb, catalog } = knowledge;
  const ranked = chooseProbes(kb, catalog, scopeOf(view), evidenceOf(view), roundChoice(view, kb, false));
  const leaders = hypothesis.differential.filter((h) => h.id !== OTHER_DIAGNOSIS).slice(0, 3).map((h) => h.id);
  const proposals = proposalItems(ranked, leaders, knowledge);
  const names = (ids: string[]) => ids.map((id) => kb.diseaseById.get(id)?.name ?? id).join(" from ");
  const argument =
    proposals.length === 0
      ? "Nothing left to ask or order would tell the hypotheses apart."
      : proposals
          .map((p) => `${itemLabel(p)} (${p.gainBits.toFixed(2)} bits${p.separates.length > 1 ? `; separates ${names(p.separates)}` : ""})`)
          .join("; ");
  return { proposals, argument };
}

/** Ranked probes as proposal items, each with the leading hypotheses it tells apart. */
export function proposalItems(ranked: readonly RankedProbe[], leaders: readonly string[], { kb, catalog }: Knowledge): ProposalItem[] {
  return ranked.map(({ probe, gainBits }) => {
    if (probe.kind === "question") {
      const finding = kb.findingById.get(probe.findingId)!;
      return {
        kind: "question",
        text: finding.question ?? `Is there ${finding.name.toLowerCase()}?`,
        findingId: finding.id,
        gainBits,
        separates: separatedBy(kb, [finding.id], leaders),
      };
    }
    const findingIds = findingIdsRevealedBy(kb, probe.testId);
    return {
      kind: "test",
      testId: probe.testId,
      name: catalog.byId.get(probe.testId)?.name ?? probe.testId,
      gainBits,
      separates: separatedBy(kb, findingIds, leaders),
    };
  });
}

// The model brain's prompt (llm/): kept beside the schema it must return.
import { MAX_QUESTIONS_PER_ROUND, MAX_TESTS_PER_ROUND } from "../core/action.js";

/** The test chooser's instructions for a model brain; it answers in TestChooserOutputSchema. */
export function testChooserPrompt(view: PanelView, hypothesis: HypothesisOutput, knowledge: Knowledge): Prompt {
  const budgeted = view.settings.variant === "budgeted";
  return {
    system: [
      PANEL_PREAMBLE,
      "Your role: Dr. Test-Chooser. Propose the questions or tests that best tell the leading hypotheses apart; the cost steward weighs their price.",
      `Propose questions only (at most ${MAX_QUESTIONS_PER_ROUND}) or tests only (at most ${MAX_TESTS_PER_ROUND}): one round is one kind of action. ` +
        "A question is put to the patient (history or examination) and must be specific; vague requests are refused. " +
        "A test is ordered by its catalog id (testId) with the catalog name (name); never repeat a test already resulted.",
      "For each item: gainBits, your estimate of the expected information in bits (0 to 2), and separates, the ids of the hypotheses it tells apart.",
      budgeted ? "This panel is budgeted: stay within the money left." : "The cost steward will price your proposal and may revise it.",
      "argument: one line per item saying what it would settle. An empty proposal means nothing left is worth its price.",
    ].join("\n"),
    user: [describeView(view), "", describeOutput("Dr. Hypothesis's differential this round", hypothesis), "", describeCatalog(knowledge)].join("\n"),
  };
}
