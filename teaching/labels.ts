import { z } from "zod";
import type { KnowledgeBase } from "../core/knowledge.js";
import type { Reveal } from "../core/reveal.js";
import { pct } from "../agents/hypothesis.js";
import { type Differential, posterior } from "../reasoning/differential.js";
import { entropy } from "../reasoning/information.js";
import type { Evidence, Scope } from "../reasoning/scope.js";
import { DEBRIEF_THRESHOLDS } from "./thresholds.js";

/**
 * How a teaching simulator grades one question or test, from what the case and the engine know:
 * - critical: a key test of the case, or a question or test whose reply by itself (on top of
 *   what was known just before) lifts the truth's posterior to the confidence threshold: the
 *   question or test that settles it;
 * - useful: real information gained: the differential's entropy fell by more than
 *   DEBRIEF_THRESHOLDS.usefulBits, or the truth's posterior moved by more than usefulTruthShift;
 * - neutral: new findings that left the differential much as it was;
 * - wasted: no information: a refused request, a repeat of an earlier test or question, or a
 *   reply that established no finding the evidence did not already hold.
 */
export const ActionLabelSchema = z.enum(["critical", "useful", "neutral", "wasted"]);
export type ActionLabel = z.infer<typeof ActionLabelSchema>;

/** Labels from best to worst: a round's label is its best item's. */
const LABEL_RANK: readonly ActionLabel[] = ["critical", "useful", "neutral", "wasted"];

export const bestLabel = (labels: readonly ActionLabel[]): ActionLabel | null =>
  LABEL_RANK.find((l) => labels.includes(l)) ?? null;

export const FindingValueSchema = z.object({ id: z.string(), name: z.string(), present: z.boolean() });
export type FindingValue = z.infer<typeof FindingValueSchema>;

/** One question asked or test ordered, and what it taught. */
export const ActionItemSchema = z.object({
  kind: z.enum(["question", "test"]),
  /** The question as asked, or the order as written. */
  request: z.string(),
  /** How to show it: the question, or the test's name. */
  name: z.string(),
  testId: z.string().optional(),
  testName: z.string().optional(),
  label: ActionLabelSchema,
  /** Why the label, in a sentence for the learner. */
  reason: z.string(),
  /** Findings this item added to the evidence (or changed). */
  newFindings: z.array(FindingValueSchema),
  /** Entropy of the differential before minus after, in bits; negative when it opened up. */
  gainBits: z.number(),
  truthBefore: z.number().min(0).max(1),
  truthAfter: z.number().min(0).max(1),
});
export type ActionItem = z.infer<typeof ActionItemSchema>;

export interface LabelContext {
  readonly kb: KnowledgeBase;
  readonly scope: Scope;
  /** The hypothesis id that stands for the case's diagnosis ("other" outside the knowledge base). */
  readonly truth: string;
  readonly truthName: string;
  readonly keyTests: ReadonlySet<string>;
  readonly confidenceThreshold: number;
  /** False for a case without knowledge-base links: the engine then learns nothing from any reply. */
  readonly coded: boolean;
  /** What the presentation states: every path starts from it. */
  readonly presented: Evidence;
}

export const probabilityOf = (differential: Differential, id: string): number => differential.find((e) => e.id === id)?.p ?? 0;

export const withFindings = (evidence: Evidence, findings: readonly { id: string; present: boolean }[]): Evidence => {
  const next: Record<string, boolean> = { ...evidence };
  for (const f of findings) next[f.id] = f.present;
  return next;
};

/**
 * Grades one reply of the gatekeeper against the evidence held just before it (earlier rounds
 * and earlier items of the same round). `repeatOf` is the round the same test or question was
 * first put, when this is a repeat.
 */
export function labelReveal(reveal: Reveal, kind: ActionItem["kind"], evidence: Evidence, repeatOf: number | undefined, ctx: LabelContext): ActionItem {
  const { kb, scope, truth } = ctx;
  const known = reveal.findings.filter((f) => kb.findingById.has(f.id));
  const fresh = known.filter((f) => evidence[f.id] !== f.present);
  const before = posterior(kb, scope, evidence);
  const after = fresh.length ? posterior(kb, scope, withFindings(evidence, fresh)) : before;
  const truthBefore = probabilityOf(before, truth);
  const truthAfter = probabilityOf(after, truth);
  const gainBits = fresh.length ? entropy(before) - entropy(after) : 0;
  const newFindings = fresh.map((f) => ({ id: f.id, name: kb.findingById.get(f.id)!.name, present: f.present }));
  const base = {
    kind,
    request: reveal.request,
    name: reveal.testName ?? reveal.request,
    ...(reveal.testId ? { testId: reveal.testId } : {}),
    ...(reveal.testName ? { testName: reveal.testName } : {}),
    newFindings,
    gainBits,
    truthBefore,
    truthAfter,
  };
  const item = (label: ActionLabel, reason: string): ActionItem => ({ ...base, label, reason });

  if (reveal.kind === "refusal") return item("wasted", `refused by the gatekeeper: ${reveal.text}`);
  if (repeatOf !== undefined) return item("wasted", `a repeat: ${kind === "test" ? "ordered" : "asked"} already in round ${repeatOf}`);
  if (kind === "test" && reveal.testId && ctx.keyTests.has(reveal.testId)) return item("critical", "a key test of this case: part of the minimal workup that confirms it");
  if (!ctx.coded) return item("neutral", "this case has no knowledge-base links, so the engine cannot weigh what the reply taught");
  if (fresh.length === 0) return item("wasted", known.length ? "no new finding: everything it showed was already known" : "no finding the knowledge base can weigh");

  if (truthBefore < ctx.confidenceThreshold && truthAfter >= ctx.confidenceThreshold) {
    return item("critical", `this reply, by itself, lifts ${ctx.truthName} past the ${pct(ctx.confidenceThreshold)} threshold (${pct(truthBefore)} → ${pct(truthAfter)})`);
  }
  const truthMove = `${ctx.truthName} ${pct(truthBefore)} → ${pct(truthAfter)}`;
  const uncertainty = `uncertainty ${gainBits >= 0 ? "−" : "+"}${Math.abs(gainBits).toFixed(2)} bits`;
  if (gainBits > DEBRIEF_THRESHOLDS.usefulBits || Math.abs(truthAfter - truthBefore) > DEBRIEF_THRESHOLDS.usefulTruthShift) {
    return item("useful", `${uncertainty}; ${truthMove}`);
  }
  if (gainBits < -DEBRIEF_THRESHOLDS.usefulBits) return item("neutral", `it widened the differential (${uncertainty}) without moving the truth much; ${truthMove}`);
  return item("neutral", `new findings, but little changed (${uncertainty}; ${truthMove})`);
}
