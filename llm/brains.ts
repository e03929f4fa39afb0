import type { z } from "zod";
import type { DiagnosisGuess } from "../core/action.js";
import type { Case } from "../core/case.js";
import { REFUSAL, createOfflineGatekeeper } from "../core/gatekeeper.js";
import { type Verdict, judgeDiagnosis } from "../core/judge.js";
import { OTHER_DIAGNOSIS } from "../core/knowledge.js";
import { diagnosisRedactor } from "../core/redact.js";
import type { GatekeeperReply } from "../core/reveal.js";
import { type PanelBrains, type RoleResult, offlineBrains } from "../agents/brain.js";
import { type ChairOptions, type ChairOutput, ChairOutputSchema, type RoundDebate, chairPrompt } from "../agents/chair.js";
import { CostStewardOutputSchema, costStewardPrompt } from "../agents/cost-steward.js";
import { GatekeeperModelReplySchema, gatekeeperAskPrompt, gatekeeperOrderPrompt } from "../agents/gatekeeper-prompt.js";
import { HypothesisOutputSchema, hypothesisPrompt } from "../agents/hypothesis.js";
import { JudgeModelVerdictSchema, judgePrompt } from "../agents/judge-prompt.js";
import type { Prompt } from "../agents/prompt.js";
import type { BrainRole } from "../agents/roles.js";
import { TreatmentPlanSchema, planPrompt } from "../agents/plan.js";
import { SkepticOutputSchema, skepticPrompt } from "../agents/skeptic.js";
import { TestChooserOutputSchema, testChooserPrompt } from "../agents/test-chooser.js";
import type { Knowledge, PanelView } from "../agents/view.js";
import { type GatekeeperBrain, type JudgeBrain, offlineGatekeeperBrain } from "../graph/oracle.js";
import { type Credentials, type LlmPlan, type ModelBrain, brainLabel } from "./config.js";
import { type ProviderDeps, modelFactory } from "./provider.js";
import { type CallOutcome, type StructuredCaller, structuredCaller } from "./structured.js";
import type { Transport } from "./transport.js";
import { type UsageEntry, UsageMeter } from "./usage.js";

/** Everything a session's model brains share: the plan, the secrets, the wire. One per process. */
export interface LlmRuntime {
  plan: LlmPlan;
  transport: Transport;
  call: StructuredCaller;
}

export interface RuntimeOptions extends ProviderDeps {
  plan: LlmPlan;
  credentials: Credentials;
  transport: Transport;
  /** Waiting between retries; tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
}

export function llmRuntime({ plan, credentials, transport, sleep, ...deps }: RuntimeOptions): LlmRuntime {
  const model = modelFactory(plan, credentials, { ...deps, replay: transport.mode === "replay" });
  return { plan, transport, call: structuredCaller({ plan, transport, model, ...(sleep ? { sleep } : {}) }) };
}

/** The brains of one session: the panel's, and the two that read the hidden case when on a model. */
export interface SessionBrains {
  panel: PanelBrains;
  gatekeeper?: GatekeeperBrain;
  judge?: JudgeBrain;
  /** Tokens spent by this session's model calls, per role and round. */
  usage: UsageMeter;
}

export interface BrainOptions {
  chairOptions?: ChairOptions;
  /** Tells this session's calls apart in a recording: the case id by default; add the run. */
  scope?: string;
  /** Called as each model call ends (fallbacks included), for a screen to show. */
  onCall?: (entry: UsageEntry) => void;
}

/** JSON-schema names the models see for each role's answer. */
export const SCHEMA_NAMES: Record<BrainRole, string> = {
  hypothesis: "hypothesis",
  "test-chooser": "test_chooser",
  skeptic: "skeptic",
  "cost-steward": "cost_steward",
  chair: "chair",
  gatekeeper: "gatekeeper",
  judge: "judge",
};

/**
 * Per role: the offline engine, or a model prompted with what that role may see and held to
 * the role's schema. A model that fails (after retries, or a repair) hands the round to the
 * offline brain, and the debate records why. The gatekeeper and judge are returned only when
 * they run on a model; the oracle keeps its offline ones otherwise.
 */
export function createBrains(runtime: LlmRuntime, knowledge: Knowledge, caseFile?: Case, options: BrainOptions = {}): SessionBrains {
  const { plan } = runtime;
  const usage = new UsageMeter(plan.prices, plan.tokenBudget);
  const offline = offlineBrains(knowledge, options.chairOptions ?? {});
  const scope = options.scope ?? caseFile?.id ?? "session";
  // The round the session is in, for usage per round: the gatekeeper and judge are not told it.
  let round = 1;

  const enter = (role: BrainRole, brain: ModelBrain, outcome: CallOutcome<unknown>) => {
    const entry: UsageEntry = {
      role,
      round,
      brain: brainLabel(brain),
      model: brain.model,
      ...outcome.usage,
      requests: outcome.requests,
      ...(outcome.ok ? {} : { fallback: outcome.reason }),
    };
    usage.enter(entry);
    options.onCall?.(entry);
  };

  const budgetNote = () => `token budget spent (${usage.spentTokens()} of ${plan.tokenBudget} tokens)`;

  /** One panel role's turn on its model, or offline when it is offline, out of tokens or failing. */
  async function speak<S extends z.ZodType>(role: BrainRole, view: PanelView, schema: S, prompt: () => Prompt, fallback: () => Promise<RoleResult<z.infer<S>>>, schemaName = SCHEMA_NAMES[role]): Promise<RoleResult<z.infer<S>>> {
    round = view.round;
    const brain = plan.roles[role];
    if (brain.provider === "offline") return fallback();
    if (usage.budgetSpent()) return { ...(await fallback()), brain: "offline", fallback: budgetNote() };
    const outcome = await runtime.call({ site: { scope, role }, brain, schema, schemaName, prompt: prompt() });
    enter(role, brain, outcome);
    if (outcome.ok) return { output: outcome.output, brain: brainLabel(brain), usage: outcome.usage };
    return { ...(await fallback()), brain: "offline", fallback: `${brainLabel(brain)}: ${outcome.reason}`, usage: outcome.usage };
  }

  // A reference plan (order-all, oracle variants) is followed, not debated: its chair stays offline.
  const chairOnModel = !options.chairOptions?.referencePlan;
  const panel: PanelBrains = {
    hypothesis: (view) => speak("hypothesis", view, HypothesisOutputSchema, () => hypothesisPrompt(view, knowledge), () => offline.hypothesis(view)),
    testChooser: (view, h) => speak("test-chooser", view, TestChooserOutputSchema, () => testChooserPrompt(view, h, knowledge), () => offline.testChooser(view, h)),
    skeptic: (view, h) => speak("skeptic", view, SkepticOutputSchema, () => skepticPrompt(view, h, knowledge), () => offline.skeptic(view, h)),
    costSteward: (view, c) => speak("cost-steward", view, CostStewardOutputSchema, () => costStewardPrompt(view, c, knowledge), () => offline.costSteward(view, c)),
    chair: async (view, debate) => {
      if (!chairOnModel) return offline.chair(view, debate);
      if (usage.budgetSpent()) {
        round = view.round;
        return { output: tokenBudgetDecision(debate, knowledge, budgetNote()), brain: "offline", fallback: budgetNote() };
      }
      return speak("chair", view, ChairOutputSchema, () => chairPrompt(view, debate, knowledge), () => offline.chair(view, debate));
    },
    // The chair's brain writes the plan; a recording keeps it under the chair, after its last call.
    plan: (view, dx) =>
      speak("chair", view, TreatmentPlanSchema, () => planPrompt(view, dx, knowledge), () => offline.plan(view, dx), "treatment_plan"),
  };

  if (!caseFile) return { panel, usage };
  const gatekeeperBrain = plan.roles.gatekeeper;
  const judgeBrain = plan.roles.judge;
  return {
    panel,
    usage,
    ...(gatekeeperBrain.provider !== "offline" ? { gatekeeper: modelGatekeeper(gatekeeperBrain) } : {}),
    ...(judgeBrain.provider !== "offline" ? { judge: modelJudge(judgeBrain) } : {}),
  };

  function modelGatekeeper(brain: ModelBrain): GatekeeperBrain {
    const c = caseFile!;
    const rules = offlineGatekeeperBrain(createOfflineGatekeeper({ caseFile: c, ...knowledge }));
    // The same leak filter as the offline gatekeeper: the case's names and its disease's in the knowledge base.
    const disease = c.diagnosis.kb_id ? knowledge.kb.diseaseById.get(c.diagnosis.kb_id) : undefined;
    const clean = diagnosisRedactor(c.diagnosis, disease ? [disease.name, ...disease.synonyms] : []);
    const ask = async (schemaPrompt: Prompt) => {
      const outcome = await runtime.call({ site: { scope, role: "gatekeeper" }, brain, schema: GatekeeperModelReplySchema, schemaName: SCHEMA_NAMES.gatekeeper, prompt: schemaPrompt });
      enter("gatekeeper", brain, outcome);
      return outcome;
    };
    return {
      async ask(question) {
        // A question that asks for the diagnosis (or at the rules) is refused offline and never reaches the model.
        const screened = await rules.ask(question);
        if (screened.reveal.kind === "refusal" && screened.reveal.text === REFUSAL.diagnosis) return screened;
        const outcome = await ask(gatekeeperAskPrompt(c, question));
        if (!outcome.ok) return screened;
        const reply = outcome.output;
        const item = reply.source ? c.findings.find((f) => f.id === reply.source) : undefined;
        const kind = reply.kind === "refusal" ? "refusal" : "answer";
        return {
          reveal: { kind, request: question, text: clean(reply.text), values: [], abnormal: kind === "answer" && reply.abnormal, findings: item?.kb ?? [] },
          synthetic: kind === "answer" && !item && reply.synthetic,
          ...(item ? { source: item.id } : {}),
        } satisfies GatekeeperReply;
      },
      async order(testId, asWritten) {
        // The case's own result is given as written; a model only fills in tests the case lacks.
        if (c.tests[testId]) return rules.order(testId, asWritten);
        const name = knowledge.catalog.byId.get(testId)?.name ?? c.case_tests.find((t) => t.id === testId)?.name ?? testId;
        const outcome = await ask(gatekeeperOrderPrompt(c, { id: testId, name }, asWritten));
        if (!outcome.ok) return rules.order(testId, asWritten);
        const reply = outcome.output;
        const values = reply.values.map((v) => ({ ...v, name: clean(v.name), ...(typeof v.value === "string" ? { value: clean(v.value) } : {}) }));
        return {
          reveal: { kind: "result", request: asWritten, testId, testName: name, text: clean(reply.text), values, abnormal: reply.abnormal, findings: [] },
          synthetic: true,
        } satisfies GatekeeperReply;
      },
    };
  }

  function modelJudge(brain: ModelBrain): JudgeBrain {
    const c = caseFile!;
    return {
      async judge(guess: DiagnosisGuess) {
        const outcome = await runtime.call({ site: { scope, role: "judge" }, brain, schema: JudgeModelVerdictSchema, schemaName: SCHEMA_NAMES.judge, prompt: judgePrompt(c, guess) });
        enter("judge", brain, outcome);
        const rules = judgeDiagnosis(c, knowledge.kb, guess);
        if (!outcome.ok) return { ...rules, reason: `${rules.reason} (offline judge: ${brainLabel(brain)}: ${outcome.reason})` };
        return modelVerdict(rules, outcome.output.score, outcome.output.justification, brainLabel(brain));
      },
    };
  }
}

/**
 * A model's score as a verdict. The reason says who judged and what the deterministic rules
 * gave, so a disagreement is in the record; matchedBy stays the rules' (how the names matched).
 */
export function modelVerdict(rules: Verdict, score: number, justification: string, brain: string): Verdict {
  return {
    score,
    correct: score >= 4,
    matchedBy: rules.matchedBy,
    reason: `${brain} judged ${score}/5: ${justification} (rules: ${rules.score}/5, ${rules.reason})`,
  };
}

/** The chair's decision once the case's tokens are spent: diagnose the leading hypothesis now. */
export function tokenBudgetDecision(debate: RoundDebate, { kb }: Knowledge, note: string): ChairOutput {
  const leader = debate.hypothesis.differential.find((h) => h.id !== OTHER_DIAGNOSIS) ?? debate.hypothesis.differential[0]!;
  const disease = kb.diseaseById.get(leader.id);
  const reason = `The ${note}: the panel must decide now. Diagnosis: ${leader.name}.`;
  return {
    action: { kind: "diagnose", diagnosis: { name: leader.name, ...(disease ? { kbId: disease.id, icd10: disease.icd10 } : {}) } },
    items: [],
    reason,
    checklist: [note],
    forced: "budget",
    budgetAlert: null,
    argument: reason,
  };
}
