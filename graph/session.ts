import { randomUUID } from "node:crypto";
import { type BaseCheckpointSaver, Command, type LangGraphRunnableConfig, type StateSnapshot } from "@langchain/langgraph";
import type { RunnableConfig } from "@langchain/core/runnables";
import { type Case, visibleCase } from "../core/case.js";
import { emptyLedger } from "../core/ledger.js";
import { type PanelBrains, offlineBrains } from "../agents/brain.js";
import { orderAllPlan } from "../agents/order-all.js";
import type { Knowledge } from "../agents/view.js";
import { type GraphParts, buildSessionGraph, type SessionGraph } from "./build.js";
import type { PhysicianDecision } from "./decision.js";
import type { Reviewer, RunContext } from "./nodes.js";
import { type CaseOracle, createOracle } from "./oracle.js";
import { type PlanDecision, type PlanReviewRequest, PlanReviewRequestSchema } from "./plan.js";
import { type SessionSettings, SessionSettingsSchema } from "../core/settings.js";
import { type ReviewRequest, ReviewRequestSchema, type SessionUpdate, type SessionValues } from "./state.js";

export interface SessionOptions {
  caseFile: Case;
  knowledge: Knowledge;
  settings?: Partial<SessionSettings>;
  /** Panel brains; the offline engine by default. */
  brains?: PanelBrains;
  /** The door to the hidden case; the offline gatekeeper and judge by default. */
  oracle?: CaseOracle;
  checkpointer?: BaseCheckpointSaver;
  threadId?: string;
  /**
   * When checkpoints are written. "sync" (the default): after every step, so a killed process
   * loses at most the step it was in. "exit": once per run, where it stops for a review or the
   * verdict: enough for a headless run, which never resumes a cut-off step or goes back.
   */
  durability?: Durability;
}

export type Durability = "sync" | "exit";

/** Where a session stands: its state, and the review it waits on (null once judged). */
export interface SessionStatus {
  values: SessionValues;
  review: ReviewRequest | null;
  /** The plan review it waits on, after the diagnosis (null otherwise). */
  planReview: PlanReviewRequest | null;
  finished: boolean;
}

/** Called with each node's state update as the graph streams (a role's message, a reveal…). */
export type UpdateListener = (node: string, update: SessionUpdate) => void;

/** Supersteps one run may take; a run stops at the next review, so one round is the most. */
export const RECURSION_LIMIT = 200;

/**
 * A diagnostic session on one case: the graph, its thread, and the physician's controls
 * (start, decide, undo). Steps are checkpointed by the graph's saver, as `durability` says.
 */
export class DiagnosticSession {
  readonly threadId: string;
  private readonly config: RunnableConfig;

  private constructor(
    readonly graph: SessionGraph,
    readonly caseFile: Case,
    threadId: string,
    private readonly settings: SessionSettings,
    private readonly durability: Durability,
  ) {
    this.threadId = threadId;
    this.config = { configurable: { thread_id: threadId }, recursionLimit: RECURSION_LIMIT };
  }

  static create(options: SessionOptions): DiagnosticSession {
    const { parts, settings } = sessionParts(options);
    const graph = buildSessionGraph({ ...parts, ...(options.checkpointer ? { checkpointer: options.checkpointer } : {}) });
    return new DiagnosticSession(graph, options.caseFile, options.threadId ?? randomUUID(), settings, options.durability ?? "sync");
  }

  /**
   * Runs the first round up to its review. A thread that already has checkpoints (a saved
   * session reopened) continues where they stopped instead: a step cut off is run again, a
   * pending review is raised again, a judged session stays as it is.
   */
  async start(onUpdate?: UpdateListener): Promise<SessionStatus> {
    await this.begin(this.config, onUpdate);
    return this.status();
  }

  /**
   * Plays the session to its verdict in one run, each review answered by `reviewer` where it
   * comes up, so the graph never stops to wait. A thread with checkpoints continues as in start().
   */
  async playThrough(reviewer: Reviewer, onUpdate?: UpdateListener): Promise<SessionStatus> {
    const context: RunContext = { reviewer };
    await this.begin({ ...this.config, context }, onUpdate);
    return this.status();
  }

  private async begin(config: LangGraphRunnableConfig<RunContext>, onUpdate?: UpdateListener): Promise<void> {
    const saved = await this.graph.getState(this.config);
    if (saved.createdAt === undefined) {
      const input = firstState(this.caseFile, this.settings);
      await this.run(input, config, onUpdate);
    } else if (saved.next.length > 0 || saved.tasks.length > 0) {
      // A step whose writes were saved but not the checkpoint after it (the process died between
      // the two) lists no `next` node, yet its tasks are there: running on applies their writes.
      await this.run(null, config, onUpdate);
    }
  }

  /** Resumes the review with the physician's decision and runs to the next review or the verdict. */
  async decide(decision: PhysicianDecision, onUpdate?: UpdateListener): Promise<SessionStatus> {
    await this.run(new Command({ resume: decision }), this.config, onUpdate);
    return this.status();
  }

  /** Resumes the plan review with the physician's decision and runs to the verdict. */
  async decidePlan(decision: PlanDecision, onUpdate?: UpdateListener): Promise<SessionStatus> {
    await this.run(new Command({ resume: decision }), this.config, onUpdate);
    return this.status();
  }

  async status(): Promise<SessionStatus> {
    return statusOf(await this.graph.getState(this.config));
  }

  /**
   * Goes back to the review of the round before this one (or, after the verdict, to the last
   * review), on a new branch of the thread: LangGraph time travel. Null when there is no
   * earlier round.
   */
  async undo(onUpdate?: UpdateListener): Promise<SessionStatus | null> {
    const current = await this.graph.getState(this.config);
    const now = statusOf(current);
    const target = now.review ? now.values.round - 1 : now.values.round;
    const checkpoint = await this.findReview(current, target);
    if (!checkpoint) return null;
    // Re-enter the review as if the chair had just spoken; the interrupt is raised afresh.
    const fork = await this.graph.updateState(checkpoint.config, {}, "chair");
    await this.run(null, { ...fork, recursionLimit: RECURSION_LIMIT }, onUpdate);
    return this.status();
  }

  /** The checkpoint, on the current branch, that waits on the review of `round` (null if none). */
  async reviewCheckpoint(round: number): Promise<StateSnapshot | null> {
    return this.findReview(await this.graph.getState(this.config), round);
  }

  /** Walks back along the current branch to the checkpoint that waits on a round's review. */
  private async findReview(from: StateSnapshot, round: number): Promise<StateSnapshot | null> {
    let snapshot: StateSnapshot | undefined = from;
    while (snapshot) {
      const values = snapshot.values as SessionValues;
      if (values.round === round && snapshot.next.includes("review")) return snapshot;
      if (values.round !== undefined && values.round < round) return null;
      snapshot = snapshot.parentConfig ? await this.graph.getState(snapshot.parentConfig) : undefined;
    }
    return null;
  }

  private async run(input: unknown, config: LangGraphRunnableConfig<RunContext>, onUpdate?: UpdateListener): Promise<void> {
    const stream = await this.graph.stream(input as never, { ...config, streamMode: "updates", durability: this.durability });
    for await (const chunk of stream) {
      if (!onUpdate) continue;
      for (const [node, update] of Object.entries(chunk as Record<string, SessionUpdate>)) {
        if (node !== "__interrupt__") onUpdate(node, update);
      }
    }
  }
}

/** What a session's graph is built from, and its settings, whether it is saved or played headless. */
export function sessionParts(options: Omit<SessionOptions, "checkpointer" | "threadId" | "durability">): { parts: GraphParts; settings: SessionSettings } {
  const settings = withOptions(SessionSettingsSchema.parse(options.settings ?? {}), options.caseFile);
  const plan = referencePlan(options.caseFile, settings.variant, options.knowledge);
  return {
    settings,
    parts: {
      knowledge: options.knowledge,
      brains: options.brains ?? offlineBrains(options.knowledge, plan ? { referencePlan: plan } : {}),
      oracle: options.oracle ?? createOracle(options.caseFile, options.knowledge),
      variant: settings.variant,
    },
  };
}

/** What a session starts from: the visible case, its settings and an empty ledger. */
export const firstState = (caseFile: Case, settings: SessionSettings) => ({ visible: visibleCase(caseFile), settings, ledger: emptyLedger() });

function statusOf(snapshot: StateSnapshot): SessionStatus {
  const values = snapshot.values as SessionValues;
  const pending = snapshot.tasks.flatMap((t) => t.interrupts).at(-1);
  const plan = PlanReviewRequestSchema.safeParse(pending?.value);
  const planReview = plan.success ? plan.data : null;
  const review = pending && !planReview ? ReviewRequestSchema.parse(pending.value) : null;
  return { values, review, planReview, finished: snapshot.next.length === 0 && values.verdict !== null };
}

/** Under mcq the case's options join the settings, where the panel reads them; a case without any cannot be run so. */
function withOptions(settings: SessionSettings, caseFile: Case): SessionSettings {
  if (!settings.mcq || settings.mcqOptions) return settings;
  if (!caseFile.mcq) throw new Error(`case ${caseFile.id} has no options to choose from: --mcq needs cases that carry them (dxsim import diagnosisarena keeps them)`);
  return { ...settings, mcqOptions: caseFile.mcq.options };
}

/**
 * The reference variants follow a fixed plan: order-all the shotgun workup the knowledge base
 * suggests for the visible presentation, oracle the case's own key tests (read off the hidden
 * case: a reference point, not a panel). The real panels never follow one.
 */
export function referencePlan(caseFile: Case, variant: SessionSettings["variant"], knowledge: Knowledge): string[] | undefined {
  if (variant === "order-all") return orderAllPlan(visibleCase(caseFile), knowledge);
  if (variant === "oracle") return [...caseFile.key_tests];
  return undefined;
}
