import { z } from "zod";
import { ActionSchema, type Action, MAX_QUESTIONS_PER_ROUND, MAX_TESTS_PER_ROUND } from "../core/action.js";
import { complaintLabel } from "../core/complaint.js";
import { type Disease, OTHER_DIAGNOSIS } from "../core/knowledge.js";
import type { CostStewardOutput } from "./cost-steward.js";
import { type HypothesisOutput, pct } from "./hypothesis.js";
import { ProposalItemSchema, type ProposalItem, itemKey, itemLabel } from "./proposal.js";
import type { SkepticOutput } from "./skeptic.js";
import type { TestChooserOutput } from "./test-chooser.js";
import { likelihood, unlisted } from "../reasoning/likelihood.js";
import { missingProcedures } from "../core/specimens.js";
import { abstentionText, STOPPING_PARAMETERS, stopDecision } from "../reasoning/stopping.js";
import { forbiddenTests } from "./harms.js";
import { answeredFindingIds } from "./kb-questions.js";
import { settledBy } from "../reasoning/decisive.js";
import { prerequisiteDue } from "../reasoning/prerequisites.js";
import { posterior } from "../reasoning/differential.js";
import { type Knowledge, type PanelView, budgetLeftUsd, evidenceOf, orderedTestIds, scopeOf } from "./view.js";
import { PANEL_PREAMBLE, type Prompt, describeCandidates, describeCatalog, describeOutput, describeView } from "./prompt.js";

export const ChairOutputSchema = z.object({
  action: ActionSchema,
  /** The questions or tests of the action, with their expected gain, for the physician to weigh. */
  items: z.array(ProposalItemSchema),
  reason: z.string(),
  /** What the chair checked before deciding (valid names, no repeats, the skeptic answered). */
  checklist: z.array(z.string()),
  forced: z.enum(["budget", "rounds"]).nullable(),
  /** Set when the action passes the budget cap: the physician must decide. */
  budgetAlert: z.string().nullable(),
  argument: z.string(),
});
export type ChairOutput = z.infer<typeof ChairOutputSchema>;

/** What the chair hears in a round; roles a panel variant leaves out are absent. */
export interface RoundDebate {
  hypothesis: HypothesisOutput;
  chooser?: TestChooserOutput;
  skeptic?: SkepticOutput;
  steward?: CostStewardOutput;
}

export interface ChairOptions {
  /** Reference variants (order-all, oracle): the tests to order before diagnosing. Not a panel. */
  referencePlan?: readonly string[];
}

/** The budgeted panel closes earlier by this much posterior (an estimate of a thriftier habit). */
const BUDGETED_THRESHOLD_DROP = 0.1;

export function chairOffline(view: PanelView, debate: RoundDebate, { kb, catalog }: Knowledge, options: ChairOptions = {}): ChairOutput {
  const { settings } = view;
  const leader = debate.hypothesis.differential.find((h) => h.id !== OTHER_DIAGNOSIS) ?? debate.hypothesis.differential[0]!;
  const ordered = orderedTestIds(view);
  const left = budgetLeftUsd(view);
  const checklist: string[] = [];
  const diagnose = (reason: string, forced: ChairOutput["forced"] = null): ChairOutput => {
    const disease = kb.diseaseById.get(leader.id);
    const action: Action = {
      kind: "diagnose",
      diagnosis: { name: leader.name, ...(disease ? { kbId: disease.id, icd10: disease.icd10 } : {}) },
    };
    return done(action, [], `${reason} Diagnosis: ${leader.name} (${pct(leader.p)}).`, forced, null);
  };
  const done = (action: Action, items: ProposalItem[], reason: string, forced: ChairOutput["forced"], budgetAlert: string | null): ChairOutput => ({
    action,
    items,
    reason,
    checklist,
    forced,
    budgetAlert,
    argument: [reason, budgetAlert ?? ""].filter(Boolean).join(" "),
  });

  // Rule (0) of the decision rule: a revealed decisive finding settles its diagnosis, for a
  // reference plan's last word as for the panel.
  const settled = settledBy(kb, evidenceOf(view), new Set(posterior(kb, scopeOf(view), evidenceOf(view)).map((e) => e.id)));
  const settledDisease = settled ? kb.diseaseById.get(settled.disease) : undefined;
  const settlingFinding = settled ? (kb.findingById.get(settled.finding)?.name ?? settled.finding) : "";
  const diagnoseSettled = (disease: Disease, reason: string, forced: ChairOutput["forced"] = null): ChairOutput => {
    const p = debate.hypothesis.differential.find((h) => h.id === disease.id)?.p ?? leader.p;
    const action: Action = { kind: "diagnose", diagnosis: { name: disease.name, kbId: disease.id, icd10: disease.icd10 } };
    return done(action, [], `${reason} Diagnosis: ${disease.name} (${pct(p)}).`, forced, null);
  };

  const lastRound = view.round >= settings.maxRounds;
  if (options.referencePlan) {
    const close = (reason: string, forced: ChairOutput["forced"] = null) =>
      settledDisease
        ? diagnoseSettled(settledDisease, `${reason} ${settlingFinding} settles ${settledDisease.name} (decisive.yaml).`, forced)
        : diagnose(reason, forced);
    if (lastRound) return close(`Round ${view.round} is the last allowed.`, "rounds");
    const next = options.referencePlan.filter((id) => !ordered.has(id)).slice(0, MAX_TESTS_PER_ROUND);
    if (next.length === 0) return close("Reference plan complete.");
    const items = next.map((id): ProposalItem => ({ kind: "test", testId: id, name: catalog.byId.get(id)?.name ?? id, gainBits: 0, separates: [] }));
    return done({ kind: "order", tests: next }, items, "Reference plan: order the next tests.", null, null);
  }

  const threshold = settings.confidenceThreshold - (settings.variant === "budgeted" ? BUDGETED_THRESHOLD_DROP : 0);
  // The chair never proposes a contraindicated test (harms.yaml), nor one whose specimen needs one.
  const forbidden = forbiddenTests(view, kb);
  const patient = { sex: view.visible.presentation.sex, age: view.visible.presentation.age };
  const safe = (item: ProposalItem | null): ProposalItem | null => {
    if (!item || item.kind === "question") return item;
    // A test that waits for another in this patient (a pregnancy test before ionising imaging) gives way to it.
    const waits = prerequisiteDue(kb, item.testId, patient, ordered, evidenceOf(view));
    if (waits) {
      const first = waits.needs.map((id) => catalog.byId.get(id)).find((t) => t !== undefined && t.price_usd <= left);
      if (!first) return null;
      checklist.push(`${item.name} waits for ${first.name}: ${waits.reason}`);
      return safe({ kind: "test", testId: first.id, name: first.name, gainBits: 0, separates: [] });
    }
    const missing = missingProcedures(kb, item.testId, ordered, []);
    // Several procedures could yield the specimen (which tissue?): the biopsy, chosen by its own findings, comes first.
    if (missing.length > 1) {
      checklist.push(`dropped ${item.name}: no specimen yet; a biopsy comes first`);
      return null;
    }
    if (!forbidden.has(item.testId) && !(missing.length === 1 && forbidden.has(missing[0]!))) return item;
    checklist.push(`dropped ${item.name}: contraindicated now`);
    return null;
  };
  const challenge = safe(usable(debate.skeptic?.challenge ?? null, ordered, catalog, checklist));
  const cantMissOpen = (debate.skeptic?.cantMiss ?? []).filter((d) => d.p >= settings.cantMissThreshold);

  const cancelled = new Set(debate.steward?.cancelled ?? []);
  // The steward's revision, when it gives one, is the round that buys the most for the money.
  const revised = debate.steward?.revised ?? null;
  if (revised) checklist.push(revised.length ? `steward: ${revised.map(itemLabel).join(", ")} is better value than the chooser's proposal` : "steward: nothing the chooser proposed is worth its price");
  let items = (revised ?? debate.chooser?.proposals ?? []).filter((i) => !cancelled.has(itemKey(i)));
  // The steward's cheaper equivalent (a test that keeps most of the expected gain for less) replaces the dearer one.
  const cheaper = new Map((debate.steward?.items ?? []).flatMap((i) => (i.cheaper ? [[i.key, i.cheaper] as const] : [])));
  items = items.map((i) => {
    const alt = cheaper.get(itemKey(i));
    if (i.kind !== "test" || !alt || items.some((o) => o.kind === "test" && o.testId === alt.testId)) return i;
    checklist.push(`steward: ${alt.name} ($${alt.priceUsd.toFixed(2)}) answers much the same as ${i.name}`);
    return { ...i, testId: alt.testId, name: alt.name };
  });
  items = items.map((i) => safe(usable(i, ordered, catalog, checklist))).filter((i): i is ProposalItem => i !== null);
  if (cancelled.size) checklist.push(`steward cancelled ${cancelled.size} item(s) over budget`);

  const excludable = challenge && affordable(challenge, view, catalog, left) ? cantMissOpen : [];
  // What the one decision rule (reasoning/stopping.ts) weighs: the checks due before the leader is
  // named, the can't-miss alternatives an affordable step can still exclude, and the next action.
  const passed = leader.p >= threshold;
  // What the panel need not ask again: read once for the bedside check and the red flags.
  const asked = passed ? answeredFindingIds(view, kb) : new Set<string>();
  // The cheapest confirmation that is safe now: an LP that must wait for the CT gives way to the CT.
  const confirm = passed ? (confirmations(view, leader.id, debate.hypothesis.differential, { kb, catalog }, left, asked).map(safe).find((i) => i !== null) ?? null) : null;
  const redFlags = passed && !confirm ? standardQuestions(view, kb, left, asked) : [];
  const standard = passed && !confirm && redFlags.length === 0 ? safe(standardTest(view, { kb, catalog }, left)) : null;
  // A can't-miss diagnosis one "yes" would make worth testing for is asked about before the leader is named.
  const opener = passed && excludable.length === 0 ? openerDue(debate.skeptic?.opener ?? null, asked, view, left) : null;
  // The engine multiplies the story's findings as if independent, so the story alone overstates
  // certainty: nothing is named before something has been asked or tested.
  const storyAlone = passed && !confirm && redFlags.length === 0 && !standard && view.reveals.length === 0 && items.length > 0;
  const checksDue = [
    ...(confirm ? [`${itemLabel(confirm)} ${confirm.kind === "test" ? "would confirm it" : "checks it at the bedside"}`] : []),
    ...(redFlags.length ? [`the red flags every patient with ${complaintLabel(view.visible.complaint)} is asked about are not all answered`] : []),
    ...(opener ? [`a yes to ${opener.questions.map(itemLabel).join("; ")} would raise ${opener.disease.name} above its testing threshold`] : []),
    ...(standard ? [`${itemLabel(standard)} is due for every patient with ${complaintLabel(view.visible.complaint)}`] : []),
    ...(storyAlone ? ["it rests on the story alone: see the patient"] : []),
  ];
  if (passed) {
    // SDBench's "are you sure?": before accepting, the chair answers the skeptic once more.
    if (excludable.length > 0) checklist.push(`are you sure? ${excludable.map((d) => d.name).join(", ")} not excluded`);
    if (confirm) checklist.push(`are you sure? ${leader.name} ${confirm.kind === "test" ? "rests on history and examination alone" : "is not yet checked at the bedside"}`);
    if (redFlags.length) checklist.push(`are you sure? red flags of ${complaintLabel(view.visible.complaint)} not asked: ${redFlags.map(itemLabel).join("; ")}`);
    if (opener) checklist.push(`are you sure? the skeptic's opener: ${opener.disease.name} is below its threshold, but a yes would raise it above: ${opener.questions.map(itemLabel).join("; ")}`);
    if (standard) checklist.push(`are you sure? ${itemLabel(standard)} is due for every patient with ${complaintLabel(view.visible.complaint)}`);
    if (storyAlone) checklist.push(`are you sure? ${leader.name} rests on the story alone`);
  }
  if (cantMissOpen.length > 0 && excludable.length === 0) checklist.push("can't-miss open but nothing affordable excludes it");

  let next: ProposalItem[];
  if (passed) {
    // Excluding the rival and confirming the leader go in one round when they are the same kind of step.
    const alongside = confirm && challenge && confirm.kind === challenge.kind && itemKey(confirm) !== itemKey(challenge) ? [confirm] : [];
    next = excludable.length > 0 ? [challenge!, ...alongside] : confirm ? [confirm] : redFlags.length ? redFlags : opener ? opener.questions : standard ? [standard] : storyAlone ? items : [];
  } else {
    // A can't-miss diagnosis the chooser's tests don't address gets the skeptic's test in the batch.
    if (cantMissOpen.length > 0 && challenge && !items.some((i) => itemKey(i) === itemKey(challenge)) && (items.length === 0 || items[0]!.kind === challenge.kind)) {
      const max = challenge.kind === "test" ? MAX_TESTS_PER_ROUND : MAX_QUESTIONS_PER_ROUND;
      items = [...items.slice(0, max - 1), challenge];
      checklist.push(`added the skeptic's ${itemLabel(challenge)} to exclude ${cantMissOpen[0]!.name}`);
    }
    next = items;
  }
  const otherP = debate.hypothesis.differential.find((h) => h.id === OTHER_DIAGNOSIS)?.p ?? 0;
  const decision = stopDecision({
    decisive: settledDisease ? { id: settledDisease.id, name: settledDisease.name, finding: settlingFinding } : null,
    leader: { id: leader.id, name: leader.name, p: leader.p },
    otherP,
    treatmentThreshold: threshold,
    checksDue,
    cantMissOpen: excludable.map((d) => ({ id: d.id, name: d.name, p: d.p })),
    canGather: !lastRound && next.length > 0,
  });
  checklist.push(`decision rule: ${decision.kind}`);
  const forced: ChairOutput["forced"] = lastRound && next.length > 0 ? "rounds" : next.length === 0 && left <= 0 ? "budget" : null;
  if (decision.kind === "gather") return act(next, decision.reason);
  if (decision.kind === "diagnose" && settledDisease) return diagnoseSettled(settledDisease, decision.reason);
  if (decision.kind === "diagnose") return diagnose(decision.reason, decision.reason.startsWith("Nothing more") ? forced : null);
  const closest = debate.hypothesis.differential.filter((h) => h.id !== OTHER_DIAGNOSIS).slice(0, 3);
  return done({ kind: "diagnose", diagnosis: { name: abstentionText(closest), abstained: true } }, [], `${decision.reason} ${abstentionText(closest)}`, forced, null);

  function act(chosen: ProposalItem[], reason: string): ChairOutput {
    const action: Action =
      chosen[0]!.kind === "question"
        ? { kind: "ask", questions: chosen.filter((i) => i.kind === "question").map((i) => (i.kind === "question" ? i.text : "")).slice(0, MAX_QUESTIONS_PER_ROUND) }
        : { kind: "order", tests: withProcedures(chosen.flatMap((i) => (i.kind === "test" ? [i.testId] : [])), ordered, kb) };
    const overBudget = debate.steward?.overBudget && settings.variant !== "budgeted";
    const alert = overBudget
      ? `This ${action.kind === "order" ? "order" : "visit"} costs $${debate.steward!.proposalCostUsd.toFixed(2)} with $${debate.steward!.leftUsd.toFixed(2)} left of the $${settings.budgetUsd.toFixed(0)} budget.`
      : null;
    checklist.push("test names valid", "nothing repeated");
    return done(action, chosen, reason, null, alert);
  }
}

/**
 * A test finding confirms the leader when the leader shows it often and this many times more
 * often than every rival still in the differential does: a positive likelihood ratio above 10,
 * the usual bar for a result that rules a diagnosis in (Jaeschke et al., JAMA 1994;271:703). A
 * result every rival shares (a positive pregnancy test for an ectopic pregnancy, a raised white
 * count for appendicitis) supports the leader but does not confirm it.
 */
const CONFIRMING_RATIO = 10;
const CONFIRMING_MIN_P = 0.8;
/** Rivals below this posterior are not weighed (the skeptic's can't-miss bar, by default). */
const RIVAL_MIN_P = 0.01;

/**
 * What would confirm the leader before it is named, the cheapest first. A result that confirms it
 * is enough; otherwise the affordable confirming tests not yet ordered. A diagnosis no test on
 * offer can confirm (chest wall pain, say) is still checked at the bedside: a sign that confirms
 * it, found already or asked for now. None when confirmed, or when nothing would confirm it.
 */
function confirmations(view: PanelView, leaderId: string, differential: HypothesisOutput["differential"], { kb, catalog }: Knowledge, left: number, asked: ReadonlySet<string>): ProposalItem[] {
  const disease = kb.diseaseById.get(leaderId);
  if (!disease) return [];
  const rivals = differential.filter((h) => h.id !== leaderId && h.p >= RIVAL_MIN_P);
  const evidence = evidenceOf(view);
  const confirming = (kind: "test" | "sign") =>
    disease.findings.filter((l) => kb.findingById.get(l.id)?.kind === kind && confirms(l.id));
  const confirms = (findingId: string) => {
    const p = likelihood(kb, leaderId, findingId);
    const rival = Math.max(unlisted(kb, findingId), ...rivals.map((h) => (h.id === OTHER_DIAGNOSIS ? unlisted(kb, findingId) : likelihood(kb, h.id, findingId))));
    return p >= CONFIRMING_MIN_P && p / rival >= CONFIRMING_RATIO;
  };
  const results = confirming("test");
  if (results.some((l) => evidence[l.id] === true)) return [];
  const ordered = orderedTestIds(view);
  const tests = results
    .filter((l) => evidence[l.id] === undefined)
    .flatMap((l) => kb.findingById.get(l.id)!.tests)
    .filter((id, i, all) => all.indexOf(id) === i && !ordered.has(id) && catalog.byId.has(id) && catalog.byId.get(id)!.price_usd <= left)
    .map((id) => catalog.byId.get(id)!)
    .sort((a, b) => a.price_usd - b.price_usd || (a.id < b.id ? -1 : 1));
  if (results.length > 0) return tests.map((test) => ({ kind: "test", testId: test.id, name: test.name, gainBits: 0, separates: [leaderId] }));
  const signs = confirming("sign");
  if (signs.some((l) => evidence[l.id] === true)) return [];
  const visit = view.ledger.visitOpen ? 0 : view.settings.visitFeeUsd;
  // A sign asked once is not asked again, even when the answer could not be read as it.
  const sign = signs.map((l) => kb.findingById.get(l.id)!).find((f) => evidence[f.id] === undefined && !asked.has(f.id) && f.question);
  return sign && visit <= left ? [{ kind: "question", text: sign.question!, findingId: sign.id, gainBits: 0, separates: [leaderId] }] : [];
}

/** The skeptic's opener with its questions not yet asked, when a visit is affordable; null when none is left. */
function openerDue(opener: SkepticOutput["opener"], asked: ReadonlySet<string>, view: PanelView, left: number): SkepticOutput["opener"] {
  const questions = opener?.questions.filter((q) => q.kind === "question" && !asked.has(q.findingId ?? "")) ?? [];
  const visit = view.ledger.visitOpen ? 0 : view.settings.visitFeeUsd;
  return opener && questions.length > 0 && visit <= left ? { ...opener, questions } : null;
}

/**
 * The red-flag questions a guideline asks of every patient with this complaint (meta.yaml) whose
 * answer is not known yet, as one visit's questions when the visit is affordable.
 */
function standardQuestions(view: PanelView, kb: Knowledge["kb"], left: number, asked: ReadonlySet<string>): ProposalItem[] {
  const evidence = evidenceOf(view);
  const setting = view.visible.presentation.setting;
  const due = kb.standardQuestions
    .filter((q) => q.complaint === view.visible.complaint && (q.setting === undefined || q.setting === setting))
    .flatMap((q) => q.findings)
    .filter((id, i, all) => all.indexOf(id) === i && evidence[id] === undefined && !asked.has(id))
    .flatMap((id) => {
      const question = kb.findingById.get(id)?.question;
      return question ? [{ kind: "question" as const, text: question, findingId: id, gainBits: 0, separates: [] }] : [];
    })
    .slice(0, MAX_QUESTIONS_PER_ROUND);
  const visit = view.ledger.visitOpen ? 0 : view.settings.visitFeeUsd;
  return due.length > 0 && visit <= left ? due : [];
}

/** The standard-of-care tests for this patient's complaint and setting. */
const standardTestsFor = (view: PanelView, kb: Knowledge["kb"]) =>
  kb.standardTests.filter((t) => t.complaint === view.visible.complaint && (t.setting === undefined || t.setting === view.visible.presentation.setting));

/** The first affordable standard-of-care test not yet ordered. */
function standardTest(view: PanelView, { kb, catalog }: Knowledge, left: number): ProposalItem | null {
  const ordered = orderedTestIds(view);
  const due = standardTestsFor(view, kb)
    .filter((t) => !ordered.has(t.test))
    .map((t) => catalog.byId.get(t.test))
    .find((t) => t !== undefined && t.price_usd <= left);
  return due ? { kind: "test", testId: due.id, name: due.name, gainBits: 0, separates: [] } : null;
}

/**
 * An order with the procedure each specimen analysis needs placed before it (a lumbar puncture
 * before CSF analysis), within the round's limit; an analysis whose procedure does not fit waits,
 * as does one whose specimen several procedures could yield and none is in the order.
 */
function withProcedures(tests: readonly string[], ordered: ReadonlySet<string>, kb: Knowledge["kb"]): string[] {
  const order: string[] = [];
  for (const t of tests) {
    const missing = missingProcedures(kb, t, ordered, order);
    if (missing.length > 1) continue;
    const adding = [...missing, t];
    if (order.length + adding.length <= MAX_TESTS_PER_ROUND) order.push(...adding.filter((x) => !order.includes(x)));
  }
  return order;
}

/** The chair's checklist: a test must be in the catalog and not ordered before. */
function usable(item: ProposalItem | null, ordered: ReadonlySet<string>, catalog: Knowledge["catalog"], checklist: string[]): ProposalItem | null {
  if (!item || item.kind === "question") return item;
  if (!catalog.byId.has(item.testId)) {
    checklist.push(`dropped ${item.testId}: not in the catalog`);
    return null;
  }
  if (ordered.has(item.testId)) {
    checklist.push(`dropped ${item.name}: already ordered`);
    return null;
  }
  return item;
}

function affordable(item: ProposalItem, view: PanelView, catalog: Knowledge["catalog"], left: number): boolean {
  const price = item.kind === "test" ? (catalog.byId.get(item.testId)?.price_usd ?? Infinity) : view.ledger.visitOpen ? 0 : view.settings.visitFeeUsd;
  return price <= left;
}

// The model brain's prompt (llm/): kept beside the schema it must return.

/** The chair's instructions for a model brain; it answers in ChairOutputSchema. */
export function chairPrompt(view: PanelView, debate: RoundDebate, knowledge: Knowledge): Prompt {
  const { settings } = view;
  const threshold = settings.confidenceThreshold - (settings.variant === "budgeted" ? BUDGETED_THRESHOLD_DROP : 0);
  const lastRound = view.round >= settings.maxRounds;
  return {
    system: [
      PANEL_PREAMBLE,
      "Your role: the chair. Weigh the debate and decide this round's one action: ask questions, order tests, or diagnose.",
      `action: {"kind":"ask","questions":[...]} with at most ${MAX_QUESTIONS_PER_ROUND} specific questions; {"kind":"order","tests":[...]} with at most ${MAX_TESTS_PER_ROUND} catalog test ids; ` +
        `or {"kind":"diagnose","diagnosis":{"name":...}} adding kbId and icd10 only when the diagnosis is a listed knowledge-base disease.`,
      "Decide by one rule (Pauker & Kassirer 1980 threshold approach): " +
        `(0) a revealed decisive finding settles its diagnosis at once unless a revealed finding contradicts it; ` +
        `(1) diagnose when the leading probability reaches its ${(threshold * 100).toFixed(0)}% treatment threshold, the checks a guideline asks for before naming it are done (a confirming test on offer, a standard-of-care test), no can't-miss diagnosis the skeptic names is above its testing threshold while an affordable step could exclude it, and the skeptic's opener (a can't-miss diagnosis one "yes" would lift above its threshold) has had its questions asked; ` +
        "(2) otherwise gather: the questions or tests with the best expected information per dollar, history and examination first unless a time-critical diagnosis is live; " +
        `(3) when nothing more is worth doing or this is the last round, name the leader only if it is more likely than not (${(STOPPING_PARAMETERS.minNamedP * 100).toFixed(0)}%) and less than ${(STOPPING_PARAMETERS.abstainOtherShare * 100).toFixed(0)}% lies outside the knowledge base; ` +
        `otherwise abstain: {"kind":"diagnose","diagnosis":{"name":"This presentation is outside what the offline knowledge base covers; the closest it knows: ...","abstained":true}}.`,
      "Drop tests not in the catalog, tests already resulted, items the steward cancelled and tests the skeptic names as contraindicated; take the steward's revised round when it gives one, and its cheaper equivalent; order the procedure that yields a specimen (lumbar puncture, arthrocentesis, a biopsy for tissue) with or before its analysis; add the skeptic's challenge when a can't-miss diagnosis is still open.",
      ...knowledge.kb.prerequisites.map((r) => `Before ${r.tests.join(", ")} in a ${r.sex ?? "patient"}${r.min_age !== undefined ? ` aged ${r.min_age}-${r.max_age ?? ""}` : ""}: one of ${r.needs.join(", ")} first, unless ${r.settled_by.join(", ") || "it is done"} is known (${r.source}).`),
      ...knowledge.kb.standardQuestions
        .filter((q) => q.complaint === view.visible.complaint)
        .map((q) => `A guideline asks every patient with this complaint about ${q.findings.join(", ")} (${q.source}): ask those not yet answered before you diagnose.`),
      ...standardTestsFor(view, knowledge.kb).map((t) => `A guideline asks for test ${t.test} in every patient with this complaint (${t.source}): order it before you diagnose if it has not been done.`),
      lastRound ? `This is round ${view.round}, the last allowed: you must diagnose, and set forced to "rounds".` : 'forced: null unless you diagnose because the rounds or the money ran out ("rounds" or "budget").',
      "items: the questions or tests of the action as proposal items (kind, text or testId and name, gainBits, separates); empty when diagnosing.",
      "checklist: what you checked (test names valid, nothing repeated, the skeptic answered). " +
        "budgetAlert: when the action costs more than the money left, a sentence with the cost and what is left; otherwise null.",
      "reason: one sentence for the physician; argument: the reason with any alert.",
    ].join("\n"),
    user: [
      describeView(view),
      "",
      describeOutput("Dr. Hypothesis", debate.hypothesis),
      ...(debate.chooser ? ["", describeOutput("The test chooser", debate.chooser)] : []),
      ...(debate.skeptic ? ["", describeOutput("The skeptic", debate.skeptic)] : []),
      ...(debate.steward ? ["", describeOutput("The cost steward", debate.steward)] : []),
      "",
      describeCandidates(view, knowledge),
      "",
      describeCatalog(knowledge),
    ].join("\n"),
  };
}
