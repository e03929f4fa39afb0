import { type Case, visibleCase } from "../core/case.js";
import { chargeQuestions, chargeTests, emptyLedger } from "../core/ledger.js";
import { chairOffline } from "../agents/chair.js";
import { costStewardOffline } from "../agents/cost-steward.js";
import { hypothesisOffline } from "../agents/hypothesis.js";
import { planOffline } from "../agents/plan.js";
import { skepticOffline } from "../agents/skeptic.js";
import { testChooserOffline } from "../agents/test-chooser.js";
import type { Knowledge, PanelView } from "../agents/view.js";
import { createOracle } from "../graph/oracle.js";
import { SessionSettingsSchema } from "../core/settings.js";

/**
 * The full panel's round loop with the roles called directly, no graph: the baseline for the
 * graph's overhead. It makes the same decisions as the graph with auto-approval, and as the
 * graph does after the diagnosis, writes the treatment plan and has it judged.
 */
export async function playDirect(caseFile: Case, knowledge: Knowledge): Promise<{ diagnosis: string; rounds: number }> {
  const oracle = createOracle(caseFile, knowledge);
  let view: PanelView = {
    visible: visibleCase(caseFile),
    settings: SessionSettingsSchema.parse({}),
    round: 1,
    turn: 1,
    reveals: [],
    ledger: emptyLedger(),
    differentials: [],
    trail: [],
  };
  for (;;) {
    const hypothesis = hypothesisOffline(view, knowledge);
    const chooser = testChooserOffline(view, hypothesis, knowledge);
    const skeptic = skepticOffline(view, hypothesis, knowledge);
    const steward = costStewardOffline(view, chooser, knowledge);
    const { action } = chairOffline(view, { hypothesis, chooser, skeptic, steward }, knowledge);
    if (action.kind === "diagnose") {
      await Promise.all([oracle.judge(action.diagnosis), oracle.judgePlan(planOffline(action.diagnosis, knowledge))]);
      return { diagnosis: action.diagnosis.name, rounds: view.round };
    }
    const round = view.round;
    if (action.kind === "ask") {
      const replies = await Promise.all(action.questions.map((q) => oracle.ask(q)));
      view = { ...view, round: round + 1, ledger: chargeQuestions(view.ledger, round, view.settings.visitFeeUsd), reveals: [...view.reveals, ...replies.map((r) => ({ round, reveal: r.reveal }))] };
    } else {
      const replies = await Promise.all(action.tests.map((t) => oracle.order(t)));
      const charged = replies.flatMap((r) => (r.charge ? [{ id: r.charge.id, name: r.charge.name, price_usd: r.charge.usd }] : []));
      view = { ...view, round: round + 1, ledger: chargeTests(view.ledger, round, charged), reveals: [...view.reveals, ...replies.map((r) => ({ round, reveal: r.reply.reveal }))] };
    }
    view = { ...view, trail: [...view.trail, { round, decidedBy: "panel", action }], differentials: [...view.differentials, { round, differential: hypothesis.differential.map(({ id, name, p }) => ({ id, name, p })).sort((a, b) => b.p - a.p || (a.id < b.id ? -1 : 1)) }] };
  }
}
