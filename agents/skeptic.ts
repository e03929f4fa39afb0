import { z } from "zod";
import { OTHER_DIAGNOSIS } from "../core/knowledge.js";
import { type RankedProbe, rankProbes } from "../reasoning/choice.js";
import { canOpen } from "../reasoning/openers.js";
import { posterior } from "../reasoning/differential.js";
import { likelihood } from "../reasoning/likelihood.js";
import { findingIdsRevealedBy } from "../reasoning/scope.js";
import type { Probe } from "../reasoning/probes.js";
import { describeHarm, harmApplies } from "../reasoning/harm.js";
import { forbiddenTests, harmContext } from "./harms.js";
import { answeredFindingIds } from "./kb-questions.js";
import { type HypothesisOutput, pct } from "./hypothesis.js";
import { ProposalItemSchema, type ProposalItem } from "./proposal.js";
import { MAX_QUESTIONS_PER_ROUND } from "../core/action.js";
import { type Knowledge, type PanelView, evidenceOf, orderedTestIds, scopeOf } from "./view.js";
import { PANEL_PREAMBLE, type Prompt, describeCandidates, describeCatalog, describeOutput, describeView } from "./prompt.js";

const Named = z.object({ id: z.string(), name: z.string(), p: z.number().min(0).max(1) });

export const SkepticOutputSchema = z.object({
  /** The strongest alternative to the leading hypothesis. */
  alternative: Named.nullable(),
  /** Can't-miss diagnoses still at or above the threshold, so not yet excluded. */
  cantMiss: z.array(Named),
  /** Findings present that the leading hypothesis does not explain. */
  unexplained: z.array(z.string()),
  /** An objection when the panel is ready to close with doubts still standing. */
  prematureClosure: z.string().nullable(),
  /** Tests the knowledge base contraindicates now, each with its reason: the skeptic objects to them. */
  contraindicated: z.array(z.object({ testId: z.string(), reason: z.string() })).default([]),
  /** The question or test that could best disprove the leader or exclude a can't-miss. */
  challenge: ProposalItemSchema.nullable(),
  /**
   * When the leader is ready to close: a can't-miss diagnosis below its threshold that one "yes"
   * to a question not yet asked would lift above it, with those questions (reasoning/openers.ts).
   */
  opener: z.object({ disease: Named, questions: z.array(ProposalItemSchema) }).nullable().default(null),
  argument: z.string(),
});
export type SkepticOutput = z.infer<typeof SkepticOutputSchema>;

/** A finding is unexplained when the leader makes it this unlikely (an estimate: 1 in 5). */
const UNEXPLAINED_BELOW = 0.2;

export function skepticOffline(view: PanelView, hypothesis: HypothesisOutput, { kb, catalog }: Knowledge): SkepticOutput {
  const { cantMissThreshold, confidenceThreshold } = view.settings;
  const ranked = hypothesis.differential.filter((h) => h.id !== OTHER_DIAGNOSIS);
  const leader = ranked[0];
  const alternative = ranked[1] ? pick(ranked[1]) : null;
  const evidence = evidenceOf(view);
  const leaderDisease = leader ? kb.diseaseById.get(leader.id) : undefined;

  // The generator shows a top few; can't-miss diagnoses are checked over the whole posterior.
  const cantMiss = posterior(kb, scopeOf(view), evidence)
    .filter((e) => e.id !== leader?.id && kb.diseaseById.get(e.id)?.cant_miss && e.p >= cantMissThreshold)
    .map(pick);

  const unexplained = leaderDisease
    ? Object.entries(evidence)
        .filter(([id, present]) => present && likelihood(kb, leaderDisease.id, id) < UNEXPLAINED_BELOW)
        .map(([id]) => kb.findingById.get(id)?.name ?? id)
        .sort()
    : [];

  const context = harmContext(view, kb);
  const contraindicated = kb.harms
    .filter((h) => harmApplies(h, context))
    .map((h) => ({ testId: h.test, reason: describeHarm(h, catalog.byId.get(h.test)?.name ?? h.test) }));
  const target = cantMiss[0] ?? alternative;
  const closing = leader !== undefined && leader.p >= confidenceThreshold;
  const probes = leader && (target || (closing && cantMiss.length === 0)) ? openProbes(view, { kb, catalog }) : [];
  const challenge = leader && target ? disprovingProbe(probes, leader.id, target.id, { kb, catalog }) : null;
  const opener = closing && cantMiss.length === 0 ? openingQuestions(view, probes, leader.id, kb) : null;
  const doubts = [
    ...cantMiss.map((d) => `${d.name} (${pct(d.p)}) is not excluded`),
    ...(unexplained.length ? [`${leader?.name} does not explain ${unexplained.join(", ")}`] : []),
  ];
  const prematureClosure = closing && doubts.length > 0 ? `Too early to close on ${leader.name}: ${doubts.join("; ")}.` : null;

  const parts = [
    alternative ? `Strongest alternative: ${alternative.name} (${pct(alternative.p)}).` : "No serious alternative left.",
    cantMiss.length ? `Can't-miss still open: ${cantMiss.map((d) => `${d.name} ${pct(d.p)}`).join(", ")}.` : "No can't-miss diagnosis above threshold.",
    unexplained.length ? `Unexplained by the leader: ${unexplained.join(", ")}.` : "",
    prematureClosure ?? "",
    challenge ? `To test it: ${challenge.kind === "question" ? challenge.text : challenge.name}.` : "",
    opener ? `${opener.disease.name} (${pct(opener.disease.p)}) is below its threshold, but a yes would raise it above: ask ${opener.questions.map((q) => (q.kind === "question" ? q.text : q.name)).join(" ")}` : "",
    ...contraindicated.map((c) => `Do not order: ${c.reason}.`),
  ];
  return { alternative, cantMiss, unexplained, prematureClosure, contraindicated, challenge, opener, argument: parts.filter(Boolean).join(" ") };
}

const pick = (h: { id: string; name: string; p: number }) => ({ id: h.id, name: h.name, p: h.p });

/** The probes the engine still ranks as informative: nothing asked, ordered or contraindicated. */
const openProbes = (view: PanelView, { kb, catalog }: Knowledge): RankedProbe[] =>
  rankProbes(kb, catalog, scopeOf(view), evidenceOf(view), {
    asked: answeredFindingIds(view, kb),
    ordered: orderedTestIds(view),
    forbidden: forbiddenTests(view, kb),
    questionCostUsd: view.ledger.visitOpen ? 0 : view.settings.visitFeeUsd,
  });

/** The questions of one visit that could open a can't-miss diagnosis now below its threshold. */
function openingQuestions(view: PanelView, ranked: readonly RankedProbe[], leaderId: string, kb: Knowledge["kb"]): SkepticOutput["opener"] {
  const questions = ranked.flatMap((r) => (r.probe.kind === "question" ? [r.probe.findingId] : []));
  const opened = canOpen(kb, scopeOf(view), evidenceOf(view), questions, leaderId, view.settings.cantMissThreshold);
  const disease = opened ? kb.diseaseById.get(opened.diseaseId) : undefined;
  if (!opened || !disease) return null;
  const items = opened.questions.slice(0, MAX_QUESTIONS_PER_ROUND).map(({ findingId }): ProposalItem => {
    const f = kb.findingById.get(findingId)!;
    return { kind: "question", text: f.question ?? f.name, findingId, gainBits: 0, separates: [disease.id] };
  });
  return { disease: { id: disease.id, name: disease.name, p: opened.p }, questions: items };
}

/**
 * The affordable probe whose findings best split the leader from the challenger: the largest
 * likelihood difference per dollar among the probes the engine still ranks as informative.
 */
function disprovingProbe(ranked: readonly RankedProbe[], leaderId: string, targetId: string, { kb, catalog }: Knowledge): ProposalItem | null {
  let best: { score: number; probe: Probe; gainBits: number } | undefined;
  for (const r of ranked) {
    const findings = findingIdsOf(r.probe, kb);
    const split = Math.max(0, ...findings.map((f) => Math.abs(likelihood(kb, leaderId, f) - likelihood(kb, targetId, f))));
    const score = split / Math.max(r.costUsd, 1);
    if (split >= 0.3 && (!best || score > best.score)) best = { score, probe: r.probe, gainBits: r.gainBits };
  }
  if (!best) return null;
  const { probe, gainBits } = best;
  if (probe.kind === "question") {
    const f = kb.findingById.get(probe.findingId)!;
    return { kind: "question", text: f.question ?? f.name, findingId: f.id, gainBits, separates: [leaderId, targetId] };
  }
  return { kind: "test", testId: probe.testId, name: catalog.byId.get(probe.testId)?.name ?? probe.testId, gainBits, separates: [leaderId, targetId] };
}

const findingIdsOf = (probe: Probe, kb: Knowledge["kb"]): readonly string[] =>
  probe.kind === "question" ? [probe.findingId] : findingIdsRevealedBy(kb, probe.testId);

// The model brain's prompt (llm/): kept beside the schema it must return.

/** The skeptic's instructions for a model brain; it answers in SkepticOutputSchema. */
export function skepticPrompt(view: PanelView, hypothesis: HypothesisOutput, knowledge: Knowledge): Prompt {
  const { cantMissThreshold, confidenceThreshold } = view.settings;
  return {
    system: [
      PANEL_PREAMBLE,
      "Your role: Dr. Challenger, the skeptic. Guard against anchoring and premature closure.",
      "alternative: the strongest rival to the leading hypothesis (id, name, p), or null.",
      `cantMiss: dangerous diagnoses other than the leader whose probability is still at or above ${(cantMissThreshold * 100).toFixed(0)}% (not yet excluded).`,
      "unexplained: findings present that the leader does not explain.",
      `prematureClosure: when the leader is at or above ${(confidenceThreshold * 100).toFixed(0)}% but doubts stand, say why closing now is too early; otherwise null.`,
      "contraindicated: tests that would harm this patient now (testId and the reason with its source), which you object to; empty when none.\n" +
      "challenge: the one question or test (catalog id and name) that could best disprove the leader or exclude a can't-miss diagnosis, or null. " +
        "gainBits is your estimate of its information in bits; separates holds the ids it tells apart.",
      `opener: when the leader is at or above ${(confidenceThreshold * 100).toFixed(0)}% and no can't-miss diagnosis is open, a can't-miss diagnosis below ${(cantMissThreshold * 100).toFixed(0)}% that one "yes" to a question not yet asked would lift above it (a risk factor, say), with those questions (at most ${MAX_QUESTIONS_PER_ROUND}); otherwise null.`,
      "argument: a short paragraph with the case against the leader.",
    ].join("\n"),
    user: [
      describeView(view),
      "",
      describeOutput("Dr. Hypothesis's differential this round", hypothesis),
      "",
      describeCandidates(view, knowledge),
      "",
      describeCatalog(knowledge),
    ].join("\n"),
  };
}
