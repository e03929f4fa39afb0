import { z } from "zod";
import { type VisibleCase, VisibleCaseSchema } from "../core/case.js";
import { ActionSchema } from "../core/action.js";
import { RevealSchema } from "../core/reveal.js";
import { LedgerSchema, ledgerTotal } from "../core/ledger.js";
import type { KnowledgeBase } from "../core/knowledge.js";
import type { Catalog } from "../core/catalog.js";
import { DifferentialSchema } from "../reasoning/differential.js";
import type { Evidence, Scope } from "../reasoning/scope.js";
import { SessionSettingsSchema } from "../core/settings.js";

export const RoundRevealSchema = z.object({ round: z.number().int(), reveal: RevealSchema });
export type RoundReveal = z.infer<typeof RoundRevealSchema>;

export const RoundDifferentialSchema = z.object({
  round: z.number().int(),
  differential: DifferentialSchema,
});
export type RoundDifferential = z.infer<typeof RoundDifferentialSchema>;

/** A decision that was carried out: who made it, and the panel proposal it replaced if any. */
export const AuditEntrySchema = z.object({
  round: z.number().int(),
  decidedBy: z.enum(["panel", "physician"]),
  action: ActionSchema,
  /** The panel's proposal when the physician edited or replaced it. */
  replaced: ActionSchema.optional(),
  /** Why the decision was forced, when it was. */
  forced: z.enum(["budget", "rounds"]).optional(),
  note: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/**
 * Everything a panel role may see: the presentation, what the gatekeeper revealed, the money,
 * the debate. Built from graph state by projection; nothing hidden is ever in it.
 */
export const PanelViewSchema = z.object({
  visible: VisibleCaseSchema,
  settings: SessionSettingsSchema,
  round: z.number().int(),
  turn: z.number().int(),
  reveals: z.array(RoundRevealSchema),
  ledger: LedgerSchema,
  differentials: z.array(RoundDifferentialSchema),
  trail: z.array(AuditEntrySchema),
});
export type PanelView = z.infer<typeof PanelViewSchema>;

/** Public medical knowledge every offline role reasons with (not the case). */
export interface Knowledge {
  readonly kb: KnowledgeBase;
  readonly catalog: Catalog;
}

/** Who the differential is about, from what the presentation shows. */
export const scopeOfCase = ({ complaint, presentation }: VisibleCase): Scope => ({
  complaint,
  setting: presentation.setting,
  age: presentation.age,
  sex: presentation.sex,
});

export const scopeOf = (view: PanelView): Scope => scopeOfCase(view.visible);

/** What the presentation states, before anything is asked. */
export function presentedEvidence(visible: VisibleCase): Evidence {
  const evidence: Record<string, boolean> = {};
  for (const f of visible.presentation.kb) evidence[f.id] = f.present;
  return evidence;
}

/**
 * Findings established so far: the presentation's, then each reveal's. A finding once found
 * present stays present: a later, narrower denial ("no lymphadenopathy in the head and neck"
 * after "diffuse lymphadenopathy") does not undo it.
 */
export function evidenceOf(view: PanelView): Evidence {
  // Every role of a round asks, each with its own view of the same state: the state's arrays
  // are shared, and replaced (never changed) when the gatekeeper reveals more.
  const byVisible = evidenceByReveals.get(view.reveals) ?? new WeakMap<VisibleCase, Evidence>();
  evidenceByReveals.set(view.reveals, byVisible);
  let evidence = byVisible.get(view.visible);
  if (!evidence) byVisible.set(view.visible, (evidence = Object.freeze(establishedEvidence(view))));
  return evidence;
}

const evidenceByReveals = new WeakMap<readonly PanelView["reveals"][number][], WeakMap<VisibleCase, Evidence>>();

function establishedEvidence(view: PanelView): Record<string, boolean> {
  const evidence: Record<string, boolean> = { ...presentedEvidence(view.visible) };
  for (const { reveal } of view.reveals) for (const f of reveal.findings) evidence[f.id] = evidence[f.id] === true || f.present;
  return evidence;
}

export const orderedTestIds = (view: PanelView): Set<string> =>
  new Set(view.reveals.flatMap(({ reveal }) => (reveal.kind === "result" && reveal.testId ? [reveal.testId] : [])));

export const askedQuestions = (view: PanelView): Set<string> =>
  new Set(view.reveals.flatMap(({ reveal }) => (reveal.kind === "result" ? [] : [normaliseQuestion(reveal.request)])));

export const normaliseQuestion = (q: string): string => q.trim().toLowerCase().replace(/\s+/g, " ");

export const spentUsd = (view: PanelView): number => ledgerTotal(view.ledger);
export const budgetLeftUsd = (view: PanelView): number =>
  Math.max(0, view.settings.budgetUsd - spentUsd(view));
