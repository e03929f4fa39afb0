import type { DiagnosisGuess } from "../core/action.js";
import type { Case } from "../core/case.js";
import type { Verdict } from "../core/judge.js";
import { judgeDiagnosis } from "../core/judge.js";
import { type PlanText, type TreatmentScore, judgePlan } from "../core/treatment-judge.js";
import { createOfflineGatekeeper, type Gatekeeper } from "../core/gatekeeper.js";
import { resolveOrder } from "../core/orders.js";
import { specimenRefusal } from "../core/specimens.js";
import type { GatekeeperReply } from "../core/reveal.js";
import type { Knowledge } from "../agents/view.js";

/** A test the ledger must charge for an order that resolved. */
export interface Charge {
  id: string;
  name: string;
  usd: number;
}

export interface OrderReply {
  reply: GatekeeperReply;
  charge?: Charge;
}

/**
 * The only door to the hidden case. The gatekeeper and judge nodes use it; the panel's nodes
 * never receive it. Replies may come from a model, hence the promises.
 */
export interface CaseOracle {
  ask(question: string): Promise<GatekeeperReply>;
  /** `context`: tests resulted before (ids) and the other tests of this order (as written). */
  order(asWritten: string, context?: OrderContext): Promise<OrderReply>;
  judge(guess: DiagnosisGuess): Promise<Verdict>;
  /** Scores the plan against the case's reference plan; null when the case has none. */
  judgePlan(plan: PlanText): Promise<TreatmentScore | null>;
  /** Case-specific tests (imported cases) the panel may order by name. */
  readonly extraTests: readonly { id: string; name: string; synonyms: string[] }[];
}

export interface OrderContext {
  readonly done: ReadonlySet<string>;
  readonly alongside: readonly string[];
}

/** Answers a gatekeeper's replies come from: the offline rules, or a model. */
export interface GatekeeperBrain {
  ask(question: string): Promise<GatekeeperReply>;
  order(testId: string, asWritten: string): Promise<GatekeeperReply>;
}

export interface JudgeBrain {
  judge(guess: DiagnosisGuess): Promise<Verdict>;
}

export const offlineGatekeeperBrain = (gatekeeper: Gatekeeper): GatekeeperBrain => ({
  ask: async (q) => gatekeeper.ask(q),
  order: async (id, asWritten) => gatekeeper.order(id, asWritten),
});

export function createOracle(
  caseFile: Case,
  knowledge: Knowledge,
  brains: { gatekeeper?: GatekeeperBrain; judge?: JudgeBrain } = {},
): CaseOracle {
  const gatekeeper = brains.gatekeeper ?? offlineGatekeeperBrain(createOfflineGatekeeper({ caseFile, ...knowledge }));
  const judge = brains.judge ?? { judge: async (g: DiagnosisGuess) => judgeDiagnosis(caseFile, knowledge.kb, g) };
  const extraTests = caseFile.case_tests.map((t) => ({ id: t.id, name: t.name, synonyms: t.synonyms }));
  return {
    extraTests,
    ask: (q) => gatekeeper.ask(q),
    judge: (g) => judge.judge(g),
    judgePlan: async (plan) => (caseFile.management ? judgePlan(caseFile.management, plan) : null),
    async order(asWritten, context) {
      const resolution = resolveOrder(knowledge.catalog, asWritten, extraTests);
      if (resolution.kind !== "match") {
        const options = resolution.kind === "ambiguous" ? resolution.candidates : resolution.closest;
        const text =
          resolution.kind === "ambiguous"
            ? `"${asWritten}" could be several tests: ${options.map((o) => o.name).join(", ")}. Order one by name.`
            : `Unknown test: "${asWritten}" is not in the catalog and was not ordered.${options.length ? ` Nearest: ${options.map((o) => o.name).join(", ")}.` : ""}`;
        return { reply: { reveal: { kind: "refusal", request: asWritten, text, values: [], abnormal: false, findings: [] }, synthetic: false } };
      }
      const { id, name } = resolution.test;
      if (context) {
        const alongside = context.alongside.flatMap((t) => {
          const r = resolveOrder(knowledge.catalog, t, extraTests);
          return r.kind === "match" ? [r.test.id] : [];
        });
        const refusal = specimenRefusal(knowledge.kb, id, context.done, alongside);
        if (refusal) return { reply: { reveal: { kind: "refusal", request: asWritten, text: refusal, values: [], abnormal: false, findings: [] }, synthetic: false } };
      }
      const priced = knowledge.catalog.byId.get(id)?.price_usd ?? caseFile.case_tests.find((t) => t.id === id)?.price_usd ?? 0;
      return { reply: await gatekeeper.order(id, asWritten), charge: { id, name, usd: priced } };
    },
  };
}
