import type { KnowledgeBase, Prerequisite } from "../core/knowledge.js";
import type { Evidence } from "./scope.js";

/** Who the patient is, as far as a prerequisite asks. */
export interface PrerequisitePatient {
  sex?: "female" | "male" | undefined;
  age?: number | undefined;
}

const applies = (r: Prerequisite, patient: PrerequisitePatient): boolean =>
  (r.sex === undefined || r.sex === patient.sex) &&
  (r.min_age === undefined || (patient.age !== undefined && patient.age >= r.min_age)) &&
  (r.max_age === undefined || (patient.age !== undefined && patient.age <= r.max_age));

/**
 * The prerequisite (meta.yaml) a test still waits for in this patient: one whose tests include it,
 * for this sex and age, with none of its needed tests done (or ordered in this round) and none of
 * its settling findings known. Null when the test may go ahead.
 */
export function prerequisiteDue(kb: KnowledgeBase, testId: string, patient: PrerequisitePatient, done: ReadonlySet<string>, evidence: Evidence): Prerequisite | null {
  return (
    kb.prerequisites.find(
      (r) => r.tests.includes(testId) && applies(r, patient) && !r.needs.some((t) => done.has(t)) && !r.settled_by.some((f) => f in evidence),
    ) ?? null
  );
}
