import type { Case } from "../../core/case.js";
import { safeDeep } from "../../output/safe-text.js";
import type { PhysicianDecision } from "../../graph/decision.js";
import type { PlanDecision } from "../../graph/plan.js";
import type { SessionStatus, UpdateListener } from "../../graph/session.js";
import type { ReviewRequest } from "../../graph/state.js";
import type { PublicSession } from "../../server/public-view.js";
import type { CaseCard } from "../../server/service.js";
import type { ConsoleSession } from "../../tui/hooks/useSession.js";
import { RemoteError, type WorkshopClient } from "./client.js";

/**
 * The case as a learner's console knows it: the presentation from the start; the title, the
 * diagnosis, the teaching points and the oracle cost only once the server sends the verdict
 * (`conclude`). It holds no finding, result or test: those reach the screen as reveals.
 */
export class LearnerCase {
  /** The console's own copy once it has one (it sanitises the cases it is given): the verdict fills that in. */
  caseFile: Case;
  oracleCostUsd = 0;

  constructor(card: CaseCard) {
    this.caseFile = {
      id: card.id,
      title: card.visible.presentation.chief_complaint,
      specialty: "not shown before the verdict",
      difficulty: card.difficulty,
      complaint: card.visible.complaint,
      source: { name: "a dxsim workshop server", licence: "as the server's case" },
      learning_objectives: [],
      presentation: card.visible.presentation,
      findings: [],
      tests: {},
      case_tests: [],
      diagnosis: { name: "given with the verdict", synonyms: [], no_disease: false },
      key_tests: [],
      teaching_points: [],
    };
  }

  /** Fills in what the verdict discloses, before the console draws its final screen. */
  conclude(session: PublicSession): void {
    const c = session.conclusion && safeDeep(session.conclusion);
    if (!c) return;
    Object.assign(this.caseFile, { title: c.title, diagnosis: { ...this.caseFile.diagnosis, ...c.truth }, teaching_points: c.teachingPoints });
    this.oracleCostUsd = c.oracleCostUsd;
  }
}

/**
 * A session on a workshop server behind the console's interface: each decision and undo is one
 * request, each role's update streamed to the screen as the server runs it.
 */
export class RemoteSession implements ConsoleSession {
  constructor(
    private readonly client: WorkshopClient,
    private latest: PublicSession,
    private readonly learnerCase: LearnerCase,
  ) {}

  get threadId(): string {
    return this.latest.id;
  }

  async start(): Promise<SessionStatus> {
    return this.settle(await this.client.session(this.latest.id));
  }

  async decide(decision: PhysicianDecision, onUpdate?: UpdateListener): Promise<SessionStatus> {
    return this.settle(await this.client.decideStreaming(this.latest.id, decision, onUpdate));
  }

  async decidePlan(decision: PlanDecision, onUpdate?: UpdateListener): Promise<SessionStatus> {
    return this.settle(await this.client.decidePlan(this.latest.id, decision, onUpdate));
  }

  async undo(onUpdate?: UpdateListener): Promise<SessionStatus | null> {
    try {
      return this.settle(await this.client.undo(this.latest.id, onUpdate));
    } catch (e) {
      if (e instanceof RemoteError && /nothing to undo/.test(e.message)) return null;
      throw e;
    }
  }

  private settle(session: PublicSession): SessionStatus {
    this.latest = session;
    this.learnerCase.conclude(session);
    const { review } = session;
    if (review && !review.proposal) throw new RemoteError("this workshop hides the panel's proposals, which the console needs; ask the instructor for a workshop that shows them");
    return { values: session.values, review: review as ReviewRequest | null, planReview: session.planReview, finished: session.finished };
  }
}
