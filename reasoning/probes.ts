import { z } from "zod";
import type { KnowledgeBase } from "../core/knowledge.js";
import {
  compareIds,
  type Evidence,
  findingIdsRevealedBy,
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
      : findingIdsRevealedBy(kb, probe.testId);
  return ids.filter((id) => !(id in evidence));
}

/** A finding can move the posterior only if some two hypotheses in scope disagree on it. */
function discriminates(model: ScopeModel, findingId: string): boolean {
  const row = model.likelihoods(findingId);
  return row !== undefined && row.some((p) => p !== row[0]);
}

/** What a scope offers before any evidence: the questions and tests (with their findings) that could move it. */
interface Movers {
  readonly questions: readonly string[];
  readonly tests: readonly { readonly testId: string; readonly findings: readonly string[] }[];
}

// Every ranking asks for the candidates of its scope; what depends on the scope alone is worked
// out once per scope model (each is cached per knowledge base and scope, see scopeModel).
const moversByModel = new WeakMap<ScopeModel, Movers>();

function moversOf(kb: KnowledgeBase, model: ScopeModel): Movers {
  const known = moversByModel.get(model);
  if (known) return known;
  const movers: Movers = {
    questions: kb.findings
      .filter((f) => ASKABLE_KINDS.has(f.kind) && Boolean(f.question) && discriminates(model, f.id))
      .map((f) => f.id)
      .sort(compareIds),
    tests: revealingTestIds(kb)
      .map((testId) => ({ testId, findings: findingIdsRevealedBy(kb, testId).filter((id) => discriminates(model, id)) }))
      .filter((t) => t.findings.length > 0),
  };
  moversByModel.set(model, movers);
  return movers;
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
  const { questions, tests } = moversOf(kb, scopeModel(kb, scope));
  return [
    ...questions
      .filter((findingId) => !(findingId in evidence) && !exclude.asked.has(findingId))
      .map((findingId): Probe => ({ kind: "question", findingId })),
    ...tests
      .filter(
        (t) =>
          !exclude.ordered.has(t.testId) &&
          !exclude.forbidden?.has(t.testId) &&
          t.findings.some((id) => !(id in evidence)),
      )
      .map((t): Probe => ({ kind: "test", testId: t.testId })),
  ];
}
