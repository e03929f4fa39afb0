import { z } from "zod";
import type { Case } from "../core/case.js";
import type { Action } from "../core/action.js";
import type { ReviewRequest, SessionValues } from "../graph/state.js";
import type { PlanReviewRequest } from "../graph/plan.js";
import type { SessionStatus } from "../graph/session.js";

/**
 * What a learner's machine may receive of a session: the presentation and what the gatekeeper
 * has revealed, the panel's work when the workshop shows it, and only once the verdict is in,
 * the case's title, diagnosis and teaching points. The gatekeeper's log (which hidden finding
 * answered which question) never leaves the server.
 */
export interface PublicSession {
  id: string;
  caseId: string;
  learner: string;
  attempt: number;
  values: SessionValues;
  /** The review the session waits on; its proposal is null where the workshop hides the panel. */
  review: PublicReview | null;
  /** The review of the panel's treatment plan, after the diagnosis (null otherwise). */
  planReview: PlanReviewRequest | null;
  finished: boolean;
  /** The case's end, present once the session is judged. */
  conclusion: Conclusion | null;
}

export type PublicReview = Omit<ReviewRequest, "proposal"> & { proposal: Action | null };

export const ConclusionSchema = z.object({
  title: z.string(),
  truth: z.object({ name: z.string(), icd10: z.string().optional() }),
  teachingPoints: z.array(z.string()),
  oracleCostUsd: z.number().nonnegative(),
});
export type Conclusion = z.infer<typeof ConclusionSchema>;

export interface ViewContext {
  id: string;
  learner: string;
  attempt: number;
  caseFile: Case;
  showPanel: boolean;
  oracleCostUsd: number;
}

export function publicSession(status: SessionStatus, context: ViewContext): PublicSession {
  const { values, review, planReview, finished } = status;
  const hidePanel = !context.showPanel && !finished;
  const shown: SessionValues = {
    ...values,
    gatekeeperLog: [],
    ...(hidePanel ? { debate: [], differentials: [] } : {}),
  };
  const c = context.caseFile;
  return {
    id: context.id,
    caseId: c.id,
    learner: context.learner,
    attempt: context.attempt,
    values: shown,
    review: review && hidePanel ? { ...review, proposal: null } : review,
    planReview,
    finished,
    conclusion: finished
      ? {
          title: c.title,
          truth: { name: c.diagnosis.name, ...(c.diagnosis.icd10 ? { icd10: c.diagnosis.icd10 } : {}) },
          teachingPoints: c.teaching_points,
          oracleCostUsd: context.oracleCostUsd,
        }
      : null,
  };
}
