import { z } from "zod";
import { OTHER_DIAGNOSIS } from "../core/knowledge.js";
import { chooseProbes } from "../reasoning/choice.js";
import { findingsRevealedBy } from "../reasoning/scope.js";
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
 * Picks the questions or tests with the best expected information per dollar. The full panel
 * leaves the budget to the steward; the budgeted panel looks at it here already.
 */
export function testChooserOffline(
  view: PanelView,
  hypothesis: HypothesisOutput,
  { kb, catalog }: Knowledge,
): TestChooserOutput {
  const budgeted = view.settings.variant === "budgeted";
  const ranked = chooseProbes(kb, catalog, scopeOf(view), evidenceOf(view), {
    asked: answeredFindingIds(view, kb),
    ordered: orderedTestIds(view),
    forbidden: forbiddenTests(view, kb),
    prefer: preferredKind(view, kb),
    questionCostUsd: view.ledger.visitOpen ? 0 : view.settings.visitFeeUsd,
    budgetLeftUsd: budgeted ? budgetLeftUsd(view) : Number.POSITIVE_INFINITY,
  });
  const leaders = hypothesis.differential.filter((h) => h.id !== OTHER_DIAGNOSIS).slice(0, 3).map((h) => h.id);
  const proposals: ProposalItem[] = ranked.map(({ probe, gainBits }) => {
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
    const findingIds = findingsRevealedBy(kb, probe.testId).map((f) => f.id);
    return {
      kind: "test",
      testId: probe.testId,
      name: catalog.byId.get(probe.testId)?.name ?? probe.testId,
      gainBits,
      separates: separatedBy(kb, findingIds, leaders),
    };
  });
  const names = (ids: string[]) => ids.map((id) => kb.diseaseById.get(id)?.name ?? id).join(" from ");
  const argument =
    proposals.length === 0
      ? "Nothing left to ask or order is worth its price."
      : proposals
          .map((p) => `${itemLabel(p)} (${p.gainBits.toFixed(2)} bits${p.separates.length > 1 ? `; separates ${names(p.separates)}` : ""})`)
          .join("; ");
  return { proposals, argument };
}

// The model brain's prompt (llm/): kept beside the schema it must return.
import { MAX_QUESTIONS_PER_ROUND, MAX_TESTS_PER_ROUND } from "../core/action.js";

/** The test chooser's instructions for a model brain; it answers in TestChooserOutputSchema. */
export function testChooserPrompt(view: PanelView, hypothesis: HypothesisOutput, knowledge: Knowledge): Prompt {
  const budgeted = view.settings.variant === "budgeted";
  return {
    system: [
      PANEL_PREAMBLE,
      "Your role: Dr. Test-Chooser. Propose the questions or tests that best tell the leading hypotheses apart, for their price.",
      `Propose questions only (at most ${MAX_QUESTIONS_PER_ROUND}) or tests only (at most ${MAX_TESTS_PER_ROUND}): one round is one kind of action. ` +
        "A question is put to the patient (history or examination) and must be specific; vague requests are refused. " +
        "A test is ordered by its catalog id (testId) with the catalog name (name); never repeat a test already resulted.",
      "For each item: gainBits, your estimate of the expected information in bits (0 to 2), and separates, the ids of the hypotheses it tells apart.",
      budgeted ? "This panel is budgeted: stay within the money left." : "The cost steward will price your proposal; still prefer cheap, informative items.",
      "argument: one line per item saying what it would settle. An empty proposal means nothing left is worth its price.",
    ].join("\n"),
    user: [describeView(view), "", describeOutput("Dr. Hypothesis's differential this round", hypothesis), "", describeCatalog(knowledge)].join("\n"),
  };
}
