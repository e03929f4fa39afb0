import { z } from "zod";
import type { KnowledgeBase } from "../core/knowledge.js";
import {
  compareIds,
  type Evidence,
  findingsRevealedBy,
  revealingTestIds,
  type Scope,
  type ScopeModel,
  scopeModel,
} from "./scope.js";

/** One action the panel could take to learn something: ask about a finding, or order a test. */
export const ProbeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("question"), findingId: z.string() }),
  z.object({ kind: z.literal("test"), testId: z.string() }),
]);
export type Probe = z.infer<typeof ProbeSchema>;

/** What has already been done and must not be proposed again. */
export interface ProbeExclusions {
  /** Finding ids whose question was already put to the patient. */
  readonly asked: ReadonlySet<string>;
  /** Test ids already ordered. */
  readonly ordered: ReadonlySet<string>;
  /** Test ids contraindicated now (harms.yaml): never proposed. */
  readonly forbidden?: ReadonlySet<string>;
}

const ASKABLE_KINDS: ReadonlySet<string> = new Set(["symptom", "history", "sign"]);

export const probeId = (probe: Probe): string =>
  probe.kind === "question" ? probe.findingId : probe.testId;

/** The knowledge-base findings a probe would settle that the evidence does not hold yet. */
export function pendingFindings(kb: KnowledgeBase, probe: Probe, evidence: Evidence): string[] {
  const ids =
    probe.kind === "question"
      ? kb.findingById.has(probe.findingId)
        ? [probe.findingId]
        : []
      : findingsRevealedBy(kb, probe.testId).map((f) => f.id);
  return ids.filter((id) => !(id in evidence));
}

/** A finding can move the posterior only if some two hypotheses in scope disagree on it. */
function discriminates(model: ScopeModel, findingId: string): boolean {
  const row = model.likelihoods(findingId);
  return row !== undefined && row.some((p) => p !== row[0]);
}

/**
 * Questions (finding id order) then tests (test id order) that could still change the
 * differential. "Other" counts as a hypothesis here: telling it apart from the knowledge
 * base's diseases is information too.
 */
export function candidateProbes(
  kb: KnowledgeBase,
  scope: Scope,
  evidence: Evidence,
  exclude: ProbeExclusions,
): Probe[] {
  const model = scopeModel(kb, scope);
  const questions: Probe[] = kb.findings
    .filter(
      (f) =>
        ASKABLE_KINDS.has(f.kind) &&
        Boolean(f.question) &&
        !(f.id in evidence) &&
        !exclude.asked.has(f.id) &&
        discriminates(model, f.id),
    )
    .map((f) => f.id)
    .sort(compareIds)
    .map((findingId) => ({ kind: "question", findingId }));
  const tests: Probe[] = revealingTestIds(kb)
    .filter(
      (testId) =>
        !exclude.ordered.has(testId) &&
        !exclude.forbidden?.has(testId) &&
        pendingFindings(kb, { kind: "test", testId }, evidence).some((id) => discriminates(model, id)),
    )
    .map((testId) => ({ kind: "test", testId }));
  return [...questions, ...tests];
}
