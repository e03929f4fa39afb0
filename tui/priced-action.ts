import { latestOutput } from "../agents/debate.js";
import { itemKey } from "../agents/proposal.js";
import { type Knowledge, normaliseQuestion } from "../agents/view.js";
import type { Action } from "../core/action.js";
import { priceOfAction } from "../core/ledger.js";
import type { SessionValues } from "../graph/state.js";
import type { ExpectedGains } from "./expected-gain.js";

/** One question or test of an action, with what it costs and what it should tell. */
export interface ActionLine {
  kind: "question" | "test";
  /** As the action holds it: the question text, or the test id (or free text). */
  key: string;
  label: string;
  /** Null for a test written as free text: the gatekeeper prices it once it resolves. */
  priceUsd: number | null;
  /** Expected information gain in bits; null when nobody could estimate it. */
  gainBits: number | null;
  /** A cheaper test the cost steward says answers much the same question. */
  cheaper: { name: string; priceUsd: number } | null;
}

export interface PricedAction {
  action: Action;
  lines: ActionLine[];
  /** What carrying the action out adds to the bill (a visit fee once per visit, each test). */
  totalUsd: number;
}

/**
 * Prices an action for the physician before it is approved: each test at its catalog price,
 * questions at one visit fee unless a visit is open; the gain comes from the panel's estimate
 * when the panel proposed the item, else from the offline engine.
 */
export function pricedAction(action: Action, values: SessionValues, { kb, catalog }: Knowledge, gains?: ExpectedGains): PricedAction {
  const chair = latestOutput(values.debate, values.round, "chair");
  const steward = latestOutput(values.debate, values.round, "cost-steward");
  const panelGain = new Map((chair?.items ?? []).map((i) => [itemKey(i), i.gainBits]));
  const cheaper = new Map((steward?.items ?? []).flatMap((i) => (i.cheaper ? [[i.key, { name: i.cheaper.name, priceUsd: i.cheaper.priceUsd }] as const] : [])));
  const findingByQuestion = new Map(kb.findings.flatMap((f) => (f.question ? [[normaliseQuestion(f.question), f.id] as const] : [])));
  let visitPaid = values.ledger.visitOpen;
  const lines: ActionLine[] =
    action.kind === "diagnose"
      ? []
      : action.kind === "ask"
        ? action.questions.map((q) => {
            const priceUsd = visitPaid ? 0 : values.settings.visitFeeUsd;
            visitPaid = true;
            const finding = findingByQuestion.get(normaliseQuestion(q));
            const gainBits = panelGain.get(q) ?? (finding !== undefined ? (gains?.questions.get(finding) ?? 0) : null);
            return { kind: "question", key: q, label: q, priceUsd, gainBits, cheaper: null };
          })
        : action.tests.map((t) => {
            const test = catalog.byId.get(t);
            return {
              kind: "test",
              key: t,
              label: test?.name ?? t,
              priceUsd: test?.price_usd ?? null,
              gainBits: panelGain.get(t) ?? (test && gains ? (gains.tests.get(t) ?? 0) : null),
              cheaper: cheaper.get(t) ?? null,
            };
          });
  return { action, lines, totalUsd: priceOfAction(values.ledger, action, catalog, values.settings.visitFeeUsd) };
}
