import { Command, type LangGraphRunnableConfig, interrupt } from "@langchain/langgraph";
import type { Action } from "../core/action.js";
import { chargeQuestions, chargeTests, ledgerTotal, priceOfAction } from "../core/ledger.js";
import type { PanelBrains, RoleResult } from "../agents/brain.js";
import type { ChairOutput, RoundDebate } from "../agents/chair.js";
import { pickOption } from "../agents/mcq.js";
import { type DebateMessage, latestOutput } from "../agents/debate.js";
import { type Knowledge, evidenceOf, orderedTestIds } from "../agents/view.js";
import type { HarmRecord } from "../core/clinical-rules.js";
import { resolveOrder } from "../core/orders.js";
import { describeHarm, harmsOf } from "../reasoning/harm.js";
import { compareEntries } from "../reasoning/differential.js";
import { type PhysicianDecision, PhysicianDecisionSchema } from "./decision.js";
import type { CaseOracle } from "./oracle.js";
import { type ReviewRequest, type SessionUpdate, type SessionValues, panelView } from "./state.js";

type Node = (state: SessionValues) => Promise<SessionUpdate>;

// Keys in DebateMessageSchema's order, so a saved message reads the same as a parsed one.
const say = <R extends DebateMessage["role"]>(s: SessionValues, role: R, r: RoleResult<Extract<DebateMessage, { role: R }>["output"]>) =>
  ({ round: s.round, turn: s.turn, brain: r.brain, ...(r.fallback ? { fallback: r.fallback } : {}), ...(r.usage ? { usage: r.usage } : {}), role, output: r.output }) as DebateMessage;

const required = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`dxsim graph: ${what} has not spoken this round`);
  return value;
};

/** The panel's nodes: each reads the state's panel view and the round's debate so far. */
export function panelNodes(brains: PanelBrains, knowledge: Knowledge) {
  const hypothesisOf = (s: SessionValues) => required(latestOutput(s.debate, s.round, "hypothesis"), "the hypothesis generator");
  // Each hypothesis message opens a debate turn: the turn is numbered here, so no node of its own is needed to count turns.
  const hypothesis: Node = async (s) => {
    const opened = { ...s, turn: turnsHeld(s) + 1 };
    return { turn: opened.turn, debate: [say(opened, "hypothesis", await brains.hypothesis(panelView(opened)))] };
  };
  const testChooser: Node = async (s) => ({ debate: [say(s, "test-chooser", await brains.testChooser(panelView(s), hypothesisOf(s)))] });
  const skeptic: Node = async (s) => ({ debate: [say(s, "skeptic", await brains.skeptic(panelView(s), hypothesisOf(s)))] });
  const costSteward: Node = async (s) => {
    const chooser = required(latestOutput(s.debate, s.round, "test-chooser"), "the test chooser");
    return { debate: [say(s, "cost-steward", await brains.costSteward(panelView(s), chooser))] };
  };
  /** Where the test chooser and the skeptic speak in parallel with no steward after them: waits for both. */
  const debateEnd: Node = async () => ({});
  const chair: Node = async (s) => {
    const debate: RoundDebate = {
      hypothesis: hypothesisOf(s),
      chooser: latestOutput(s.debate, s.round, "test-chooser"),
      skeptic: latestOutput(s.debate, s.round, "skeptic"),
      steward: latestOutput(s.debate, s.round, "cost-steward"),
    };
    const differential = debate.hypothesis.differential.map(({ id, name, p }) => ({ id, name, p })).sort(compareEntries);
    const spoken = await brains.chair(panelView(s), debate);
    return { debate: [say(s, "chair", withOption(s, spoken, differential, knowledge))], differentials: [{ round: s.round, differential }] };
  };
  return { hypothesis, testChooser, skeptic, costSteward, debateEnd, chair };
}

/** Under --mcq a diagnosis becomes the case option closest to the panel's thinking (agents/mcq). */
function withOption(s: SessionValues, spoken: RoleResult<ChairOutput>, differential: Parameters<typeof pickOption>[2], { kb }: Knowledge): RoleResult<ChairOutput> {
  const options = s.settings.mcqOptions;
  const { action } = spoken.output;
  if (!options || action.kind !== "diagnose") return spoken;
  const pick = pickOption(options, action.diagnosis, differential, kb);
  const argument = `${spoken.output.argument} Multiple choice: ${pick.reason}`;
  return { ...spoken, output: { ...spoken.output, action: { kind: "diagnose", diagnosis: pick.guess }, reason: `${spoken.output.reason} ${pick.reason}`, argument } };
}

/** Debate turns already held this round: one hypothesis message each. */
export const turnsHeld = (s: { debate: readonly { round: number; role: string }[]; round: number }): number =>
  s.debate.filter((m) => m.round === s.round && m.role === "hypothesis").length;

/** After the round's last debater: another turn while fewer than debateTurns were held, else the chair. */
export const afterDebate = (s: SessionValues): "hypothesis" | "chair" => (turnsHeld(s) < s.settings.debateTurns ? "hypothesis" : "chair");

/**
 * The round's last debater, routing on as it speaks (afterDebate; a debater's message opens no
 * turn, so the state before it counts the same turns). A conditional edge would read the whole
 * state again, with the node's writes applied, every round.
 */
export const routingDebate = (node: Node) => async (s: SessionValues) => new Command({ update: await node(s), goto: afterDebate(s) });

/** A physician who answers each review on the spot: a headless run has nobody to wait for. */
export type Reviewer = (request: ReviewRequest, state: SessionValues) => PhysicianDecision;

/** What a run carries beside its state (LangGraph's run context). */
export type RunContext = {
  /** Answers reviews in place; without one, the graph stops at each review. */
  reviewer?: Reviewer;
};

/**
 * The physician's review: the graph stops with the chair's proposal and resumes with a decision.
 * Runs again from the top on resume, so everything before interrupt() is pure. With a reviewer
 * in the run's context, the decision comes from it and the graph goes on without stopping. It
 * routes on itself: to the plan after a diagnosis, else to the gatekeeper.
 */
export function reviewNode(knowledge: Knowledge) {
  return async (s: SessionValues, config?: LangGraphRunnableConfig<RunContext>): Promise<Command<unknown, SessionUpdate, "proposePlan" | "gatekeeper">> => {
    const reviewer = config?.context?.reviewer;
    const chair = required(latestOutput(s.debate, s.round, "chair"), "the chair");
    let settings = s.settings;
    let budgetAlert = chair.budgetAlert;
    // The physician's own action that did not fit the budget waits here, in the review, until the
    // budget is raised or it is trimmed: raising the budget carries it out, not the panel's.
    let own: Action | null = null;
    for (;;) {
      const proposal = own ?? chair.action;
      const request: ReviewRequest = { round: s.round, proposal, budgetAlert, forced: own ? null : chair.forced, ...(own ? { physicianOwn: true } : {}) };
      const decision = PhysicianDecisionSchema.parse(reviewer ? reviewer(request, s) : interrupt(request));
      if (decision.kind === "raise-budget") {
        settings = { ...settings, budgetUsd: decision.budgetUsd };
        budgetAlert = null;
        if (fits(proposal)) return carryOut(proposal, "physician", undefined, `budget raised to $${decision.budgetUsd}`, own ? chair.action : undefined);
        budgetAlert = overCap(proposal);
        continue;
      }
      if (decision.kind === "approve") {
        if (own && fits(own)) return carryOut(own, "physician", undefined, undefined, chair.action);
        if (!own && (chair.forced || fits(chair.action))) return carryOut(chair.action, "panel", chair.forced ?? undefined);
        budgetAlert = overCap(proposal);
        continue;
      }
      const action: Action = decision.kind === "diagnose" ? { kind: "diagnose", diagnosis: decision.diagnosis } : decision.action;
      const forced = decision.kind === "diagnose" ? decision.forced : undefined;
      // A forced diagnosis is the panel's leader given because the run could not go on.
      if (forced) return carryOut(action, "panel", forced);
      if (fits(action)) return carryOut(action, "physician", undefined, undefined, chair.action);
      own = action;
      budgetAlert = overCap(action);
    }

    function fits(action: Action): boolean {
      return action.kind === "diagnose" || ledgerTotal(s.ledger) + price(action) <= settings.budgetUsd + 1e-9;
    }
    function price(action: Action): number {
      return priceOfAction(s.ledger, action, knowledge.catalog, settings.visitFeeUsd);
    }
    function overCap(action: Action): string {
      const left = Math.max(0, settings.budgetUsd - ledgerTotal(s.ledger));
      return `That costs $${price(action).toFixed(2)} and $${left.toFixed(2)} is left of the $${settings.budgetUsd.toFixed(0)} budget: raise the budget, trim the action or diagnose.`;
    }
    function carryOut(action: Action, decidedBy: "panel" | "physician", forced?: "budget" | "rounds", note?: string, replaced?: Action) {
      const entry = { round: s.round, decidedBy, action, ...(replaced && decidedBy === "physician" ? { replaced } : {}), ...(forced ? { forced } : {}), ...(note ? { note } : {}) };
      const update: SessionUpdate = {
        settings,
        trail: [entry],
        harms: harmsOfAction(s, action, knowledge),
        pending: action.kind === "diagnose" ? null : action,
        diagnosis: action.kind === "diagnose" ? { guess: action.diagnosis, decidedBy, round: s.round, ...(forced ? { forced } : {}) } : null,
      };
      return new Command({ update, goto: action.kind === "diagnose" ? ("proposePlan" as const) : ("gatekeeper" as const) });
    }
  };
}

/** The contraindicated tests an order carries out, by the knowledge base's harms, for the record. */
export function harmsOfAction(s: SessionValues, action: Action, knowledge: Knowledge): HarmRecord[] {
  if (action.kind !== "order") return [];
  const view = panelView(s);
  const context = {
    differential: s.differentials.at(-1)?.differential ?? [],
    evidence: evidenceOf(view),
    done: orderedTestIds(view),
  };
  return action.tests.flatMap((asWritten) => {
    const resolved = resolveOrder(knowledge.catalog, asWritten, []);
    if (resolved.kind !== "match") return [];
    return harmsOf(knowledge.kb, resolved.test.id, context).map((h) => ({ round: s.round, test: resolved.test.name, reason: describeHarm(h, resolved.test.name) }));
  });
}

/** Carries out the approved action through the oracle, charges the ledger, opens the next round. */
export function gatekeeperNode(oracle: CaseOracle): Node {
  return async (s) => {
    const action = s.pending;
    if (!action || action.kind === "diagnose") throw new Error("dxsim graph: nothing for the gatekeeper to carry out");
    const base = { round: s.round + 1, turn: 1, pending: null };
    if (action.kind === "ask") {
      const replies = await Promise.all(action.questions.map((q) => oracle.ask(q)));
      return {
        ...base,
        ledger: chargeQuestions(s.ledger, s.round, s.settings.visitFeeUsd),
        reveals: replies.map((r) => ({ round: s.round, reveal: r.reveal })),
        gatekeeperLog: replies.map((r) => logEntry(s.round, r.reveal.request, r.reveal.kind, r.synthetic, r.source)),
      };
    }
    const done = orderedTestIds(panelView(s));
    const replies = await Promise.all(action.tests.map((t) => oracle.order(t, { done, alongside: action.tests.filter((o) => o !== t) })));
    const charged = replies.flatMap((r) => (r.charge ? [{ id: r.charge.id, name: r.charge.name, price_usd: r.charge.usd }] : []));
    return {
      ...base,
      ledger: charged.length ? chargeTests(s.ledger, s.round, charged) : s.ledger,
      reveals: replies.map((r) => ({ round: s.round, reveal: r.reply.reveal })),
      gatekeeperLog: replies.map((r) => logEntry(s.round, r.reply.reveal.request, r.reply.reveal.kind, r.reply.synthetic, r.reply.source)),
    };
  };
}

const logEntry = (round: number, request: string, kind: "answer" | "result" | "refusal", synthetic: boolean, source?: string) => ({
  round,
  request,
  kind,
  synthetic,
  ...(source ? { source } : {}),
});

export function judgeNode(oracle: CaseOracle): Node {
  return async (s) => {
    const diagnosis = s.diagnosis;
    if (!diagnosis) throw new Error("dxsim graph: the judge was reached without a diagnosis");
    const [verdict, treatment] = await Promise.all([oracle.judge(diagnosis.guess), s.plan ? oracle.judgePlan(s.plan.plan) : null]);
    return { verdict, treatment };
  };
}
