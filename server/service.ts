import { randomBytes } from "node:crypto";
import type { Knowledge } from "../agents/view.js";
import { type Case, type VisibleCase, visibleCase } from "../core/case.js";
import { ledgerTotal, oracleCost } from "../core/ledger.js";
import type { PhysicianDecision } from "../graph/decision.js";
import type { PlanDecision } from "../graph/plan.js";
import { DiagnosticSession, type SessionStatus, type UpdateListener } from "../graph/session.js";
import { type CaseOracle, createOracle } from "../graph/oracle.js";
import { type SessionSettings, SessionSettingsSchema } from "../core/settings.js";
import type { ReportRecord } from "../reports/load.js";
import { panelAlone } from "../teaching/panel-alone.js";
import { type Debrief, type PastForecast, debrief, sessionForecast } from "../teaching/debrief.js";
import { type SessionRecord, sessionRecord } from "../teaching/record.js";
import { renderTranscript } from "../reports/transcript.js";
import { caseResult, sessionPoints } from "../runs/result.js";
import type { Principal } from "./access.js";
import type { ServerSession, ServerStorage } from "./catalogue.js";
import { type PublicSession, publicSession } from "./public-view.js";
import type { Workshop } from "./workshop.js";

/** A request the server refuses, with the HTTP status that says why. */
export class Refusal extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

/** One line of the instructor's live table. */
export interface WorkshopRow {
  id: string;
  learner: string;
  caseId: string;
  attempt: number;
  round: number;
  spentUsd: number;
  status: "awaiting decision" | "running" | "finished";
  score: number | null;
  /** Points 0-100 once judged (runs/points.ts: correctness, cost against the oracle, harm). */
  points: number | null;
  /** Contraindicated tests carried out so far. */
  harmfulOrders: number;
}

/** A case as the picker shows it: what the panel sees first, and nothing more. */
export interface CaseCard {
  id: string;
  difficulty: Case["difficulty"];
  visible: VisibleCase;
}

/**
 * The workshop's sessions behind the HTTP routes: every call reads the session's state from the
 * checkpointer and writes it back there, so the server holds nothing between calls and any
 * replica on the same database can take any call.
 */
export class WorkshopService {
  private readonly cases: ReadonlyMap<string, Case>;
  /** Each case's gatekeeper and judge, built once: they depend on the case alone, never on a session. */
  private readonly oracles = new Map<string, CaseOracle>();
  /** The panel's own run of each case for debriefs, played once: the offline panel is deterministic. */
  private readonly panelRuns = new Map<string, Promise<SessionRecord>>();

  constructor(
    private readonly storage: ServerStorage,
    private readonly knowledge: Knowledge,
    cases: readonly Case[],
    readonly workshop: Workshop,
    private readonly now: () => Date = () => new Date(),
  ) {
    const offered = new Set(workshop.cases);
    this.cases = new Map(cases.filter((c) => offered.size === 0 || offered.has(c.id)).map((c) => [c.id, c]));
    const missing = workshop.cases.filter((id) => !cases.some((c) => c.id === id));
    if (missing.length > 0) throw new Error(`the workshop names cases this server does not have: ${missing.join(", ")}`);
  }

  /** The picker's cards: nothing in them gives a diagnosis away. */
  caseCards(): CaseCard[] {
    return [...this.cases.values()].map((c) => ({ id: c.id, difficulty: c.difficulty, visible: visibleCase(c) }));
  }

  async create(who: Principal, caseId: string, learnerName?: string, onUpdate?: UpdateListener): Promise<PublicSession> {
    const learner = who.kind === "learner" ? who.learner : learnerName;
    if (!learner) throw new Refusal(400, "an instructor starting a session names the learner it is for");
    const caseFile = this.cases.get(caseId);
    if (!caseFile) throw new Refusal(404, `no case "${caseId}" in this workshop`);
    const now = this.now();
    const row: ServerSession = {
      id: sessionId(caseId, now),
      caseId,
      learner,
      attempt: (await this.storage.catalogue.attempts(learner, caseId)) + 1,
      createdAt: now.toISOString(),
    };
    // Catalogued before the first step: a server killed mid-round leaves a session to resume.
    await this.storage.catalogue.insert(row);
    const session = this.sessionOf(row, caseFile);
    return this.view(row, caseFile, await session.start(onUpdate));
  }

  async get(who: Principal, id: string): Promise<PublicSession> {
    const { row, caseFile } = await this.owned(who, id);
    // start() runs a step a killed replica left half done; a settled session is only read.
    return this.view(row, caseFile, await this.sessionOf(row, caseFile).start());
  }

  async decide(who: Principal, id: string, decision: PhysicianDecision, onUpdate?: UpdateListener): Promise<PublicSession> {
    const { row, caseFile } = await this.owned(who, id);
    const session = this.sessionOf(row, caseFile);
    const before = await session.status();
    if (!before.review) throw new Refusal(409, before.finished ? "this session is finished: a retry is a new attempt" : "this session is not waiting on a decision");
    this.checkTime(row);
    if (decision.kind === "approve" && !this.workshop.show_panel) throw new Refusal(400, "this workshop hides the panel's proposals: ask, order or diagnose yourself");
    if (decision.kind === "approve" && this.workshop.mode === "teach") throw new Refusal(400, "this workshop is in learner mode: the learner decides each round (ask, order or diagnose), never by approving the panel");
    return this.view(row, caseFile, await session.decide(decision, onUpdate));
  }

  /** The physician's answer to the panel's treatment plan, after the diagnosis. */
  async decidePlan(who: Principal, id: string, decision: PlanDecision, onUpdate?: UpdateListener): Promise<PublicSession> {
    const { row, caseFile } = await this.owned(who, id);
    const session = this.sessionOf(row, caseFile);
    if (!(await session.status()).planReview) throw new Refusal(409, "this session is not waiting on a treatment plan");
    return this.view(row, caseFile, await session.decidePlan(decision, onUpdate));
  }

  /** Back to the review of the round before; never after the verdict, where a retry is a new attempt. */
  async undo(who: Principal, id: string, onUpdate?: UpdateListener): Promise<PublicSession> {
    const { row, caseFile } = await this.owned(who, id);
    const session = this.sessionOf(row, caseFile);
    if ((await session.status()).finished) throw new Refusal(409, "this session is finished: a retry is a new attempt");
    const status = await session.undo(onUpdate);
    if (!status) throw new Refusal(409, "nothing to undo: this is the first review of this session");
    return this.view(row, caseFile, status);
  }

  async list(who: Principal): Promise<WorkshopRow[]> {
    const rows = await this.storage.catalogue.list(who.kind === "learner" ? who.learner : undefined);
    return Promise.all(rows.map((row) => this.row(row)));
  }

  /** The session as a document, once it is judged (before, it would give nothing away but is not asked for). */
  async transcript(who: Principal, id: string, format: "markdown" | "text"): Promise<string> {
    const { row, caseFile } = await this.owned(who, id);
    const status = await this.sessionOf(row, caseFile).status();
    return renderTranscript(caseFile, status.values, { format, sessionName: row.id, oracleCostUsd: this.oracleCostOf(caseFile) });
  }

  /**
   * The learner-mode debrief of a judged session: the learner's path beside the panel's own run
   * of the case (played here, offline, never saved), with the attempt and the learner's stated
   * confidence over their judged sessions in this workshop. Only once the verdict is given.
   */
  async debrief(who: Principal, id: string): Promise<Debrief> {
    const { row, caseFile } = await this.owned(who, id);
    const { values, finished } = await this.sessionOf(row, caseFile).status();
    if (!finished || !values.verdict) throw new Refusal(409, "the debrief comes with the verdict: this session has none yet");
    const history: PastForecast[] = [];
    for (const other of await this.storage.catalogue.list(row.learner)) {
      const otherCase = this.cases.get(other.caseId);
      if (other.id === row.id || !otherCase) continue;
      const forecast = sessionForecast(otherCase, this.knowledge, (await this.sessionOf(other, otherCase).status()).values);
      if (forecast) history.push(forecast);
    }
    const panel = await this.panelRun(caseFile, values.settings);
    return debrief({ caseFile, knowledge: this.knowledge, learner: sessionRecord(values), panel, settings: values.settings, history, attempt: row.attempt });
  }

  /** Every judged session as a report record, grouped by learner in the cohort report. */
  async results(): Promise<ReportRecord[]> {
    const records: ReportRecord[] = [];
    for (const row of await this.storage.catalogue.list()) {
      const caseFile = this.cases.get(row.caseId);
      if (!caseFile) continue;
      const { values, finished } = await this.sessionOf(row, caseFile).status();
      if (!finished) continue;
      records.push({ ...caseResult(caseFile, values, { run: row.attempt - 1, oracleCostUsd: this.oracleCostOf(caseFile) }), learner: row.learner, session: row.id, mode: this.workshop.mode });
    }
    return records;
  }

  private async row(row: ServerSession): Promise<WorkshopRow> {
    const caseFile = this.cases.get(row.caseId);
    const base = { id: row.id, learner: row.learner, caseId: row.caseId, attempt: row.attempt };
    if (!caseFile) return { ...base, round: 0, spentUsd: 0, status: "running", score: null, points: null, harmfulOrders: 0 };
    const { values, review, planReview, finished } = await this.sessionOf(row, caseFile).status();
    return {
      ...base,
      round: values.round ?? 0,
      spentUsd: values.ledger ? ledgerTotal(values.ledger) : 0,
      status: finished ? "finished" : review || planReview ? "awaiting decision" : "running",
      score: values.verdict?.score ?? null,
      points: sessionPoints(values, this.oracleCostOf(caseFile)),
      harmfulOrders: values.harms?.length ?? 0,
    };
  }

  /** The workshop's time limit runs from the session's start; past it, no more steps are taken. */
  private checkTime(row: ServerSession): void {
    const limit = this.workshop.time_limit_minutes;
    if (limit === undefined) return;
    const minutes = (this.now().getTime() - Date.parse(row.createdAt)) / 60_000;
    if (minutes > limit) throw new Refusal(409, `the workshop's time limit of ${limit} minutes for a session has passed`);
  }

  private async owned(who: Principal, id: string): Promise<{ row: ServerSession; caseFile: Case }> {
    const row = await this.storage.catalogue.get(id);
    // A learner asking for someone else's session hears the same as for one that does not exist.
    if (!row || (who.kind === "learner" && row.learner !== who.learner)) throw new Refusal(404, `no session "${id}"`);
    const caseFile = this.cases.get(row.caseId);
    if (!caseFile) throw new Refusal(404, `session "${id}" plays case "${row.caseId}", which this server does not have`);
    return { row, caseFile };
  }

  /**
   * A request runs the graph from one review to the next and is checkpointed where it stops
   * ("exit"): a replica killed mid-round leaves the session at the review the learner last saw,
   * whose decision they are asked for again; writing every superstep cost about half of a step.
   */
  private sessionOf(row: ServerSession, caseFile: Case): DiagnosticSession {
    const settings = SessionSettingsSchema.parse(this.workshop.budget_usd ? { budgetUsd: this.workshop.budget_usd } : {});
    return DiagnosticSession.create({ caseFile, knowledge: this.knowledge, settings, oracle: this.oracleOf(caseFile), checkpointer: this.storage.checkpointer, threadId: row.id, durability: "exit" });
  }

  private panelRun(caseFile: Case, settings: SessionSettings): Promise<SessionRecord> {
    const key = JSON.stringify([caseFile.id, settings]);
    let run = this.panelRuns.get(key);
    if (!run) {
      run = panelAlone(caseFile, this.knowledge, settings, { oracle: this.oracleOf(caseFile) });
      // A failed run is not kept: the next debrief tries again.
      run.catch(() => this.panelRuns.delete(key));
      this.panelRuns.set(key, run);
    }
    return run;
  }

  private oracleOf(caseFile: Case): CaseOracle {
    let oracle = this.oracles.get(caseFile.id);
    if (!oracle) this.oracles.set(caseFile.id, (oracle = createOracle(caseFile, this.knowledge)));
    return oracle;
  }

  private view(row: ServerSession, caseFile: Case, status: SessionStatus): PublicSession {
    return publicSession(status, { id: row.id, learner: row.learner, attempt: row.attempt, caseFile, showPanel: this.workshop.show_panel, oracleCostUsd: this.oracleCostOf(caseFile) });
  }

  private oracleCostOf(caseFile: Case): number {
    return oracleCost(caseFile.key_tests, this.knowledge.catalog, caseFile.case_tests);
  }
}

/** Readable and unique across replicas: the case, the second, and random letters. */
export function sessionId(caseId: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${caseId}-${stamp}-${randomBytes(3).toString("hex")}`;
}
