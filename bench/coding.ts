import { type Case, caseLinks, type FindingLink } from "../core/case.js";
import { createOfflineGatekeeper, impliesAbsence } from "../core/gatekeeper.js";
import type { KnowledgeBase } from "../core/knowledge.js";
import type { LoadedCase } from "../core/case-loader.js";
import type { Knowledge } from "../agents/view.js";
import { codeCase } from "../coding/coder.js";
import { type FactCoding, type FactRef, linksOf } from "../coding/facts.js";

export interface Tally {
  /** Codes the coder proposed that the case's author also gave (same finding, same presence, same fact). */
  agreed: number;
  proposed: number;
  handCoded: number;
}

export interface CoderScore extends Tally {
  precision: number;
  recall: number;
  /**
   * The codes counted wrong, by kind: the author gave the same finding the other presence; a
   * vital-sign absence its number states by the knowledge base's threshold (coding/vitals.yaml)
   * on a fact where the author wrote nothing of that finding; any other code the author did not write.
   */
  wrong: { contradicting: number; unwrittenVitalAbsence: number; unwritten: number };
  /** Agreed absences one side links on a fact and the other side's case links nowhere, revealed absent by its gatekeeper when asked (see revealedAbsent). */
  revealedByDefault: number;
  /** The same tallies split by where the fact lives and by presence, to show where the misses are. */
  parts: Record<"presentation" | "history and examination" | "test results" | "present codes" | "absent codes", Tally>;
  /** Each fact where the two sides differ: the codes counted wrong (with the phrase each came from) and the hand codes missed. */
  disagreements: Disagreement[];
}

export interface Disagreement {
  caseId: string;
  fact: string;
  wrong: { id: string; present: boolean; phrase: string }[];
  missed: { id: string; present: boolean }[];
}

/**
 * A test result's links as the gatekeeper reveals them: a normal result, or one with links,
 * also says its test's other findings are absent (core/gatekeeper.ts, impliesAbsence).
 */
function asRevealed(links: readonly FindingLink[], abnormal: boolean, testId: string, kb: KnowledgeBase): FindingLink[] {
  if (!impliesAbsence({ abnormal, kb: [...links] })) return [...links];
  const held = new Set(links.map((l) => l.id));
  return [...links, ...kb.findings.filter((f) => f.tests.includes(testId) && !held.has(f.id)).map((f) => ({ id: f.id, present: false }))];
}

/**
 * The bedside findings a hand-coded case reveals absent though no fact links them: asked a finding's
 * own question, the gatekeeper gives the healthy reply, which reveals the finding absent
 * (core/gatekeeper.ts healthyReply). Asked, not assumed: whatever the gatekeeper answers is what counts.
 */
function revealedAbsent(c: Case, knowledge: Knowledge): (findingId: string) => boolean {
  const linked = new Set(caseLinks(c).map((l) => l.id));
  const gatekeeper = createOfflineGatekeeper({ caseFile: c, catalog: knowledge.catalog, kb: knowledge.kb });
  const held = new Map<string, boolean>();
  return (id) => {
    const finding = knowledge.kb.findingById.get(id);
    if (!finding?.question || finding.kind === "test" || linked.has(id)) return false;
    if (!held.has(id)) held.set(id, gatekeeper.ask(finding.question).reveal.findings.some((l) => l.id === id && !l.present));
    return held.get(id)!;
  };
}

/** The case as the coder would link it: every fact's links replaced by its codes. */
function withCodes(c: Case, facts: readonly FactCoding[]): Case {
  const copy = structuredClone(c);
  for (const { fact, codes } of facts) {
    const links = codes.map((code) => ({ id: code.id, present: code.present }));
    if (fact.part === "presentation") copy.presentation.kb = links;
    else if (fact.part === "finding") {
      const item = copy.findings.find((f) => f.id === fact.id);
      if (item) item.kb = links;
    } else if (copy.tests[fact.id]) copy.tests[fact.id]!.kb = links;
  }
  return copy;
}

const partOf = (fact: FactRef) => (fact.part === "presentation" ? "presentation" : fact.part === "finding" ? "history and examination" : "test results");

/**
 * The automatic coder against the hand codes of cases, fact by fact: the codes each side gives
 * the same fact, present and absent alike. By default both sides are read as the gatekeeper
 * reveals them to the engine: a hand-coded normal result says its test's other findings are
 * absent without listing them, while the coder lists them; compared as written, every such
 * absence the coder spells out counted as a wrong code and every one the author wrote out but the
 * coder left implied as a miss. Likewise a bedside finding a case links nowhere is revealed absent
 * when the panel asks about it: an absence one side codes on a fact agrees with the other side
 * when that side's case, asked the finding's question, reveals it absent (a heart rate of 102/min
 * the coder reads as bradycardia absent, which the author left unwritten; the coder's case must
 * reveal an absence the same way, so a fact it leaves uncoded, which the gatekeeper answers from
 * its text, reveals nothing). `linkedOnly` leaves those absences out (the links as revealed, nothing
 * more); `asWritten` compares the codes as written.
 */
export function scoreCoder(cases: readonly LoadedCase[], knowledge: Knowledge, options: { asWritten?: boolean; linkedOnly?: boolean } = {}): CoderScore {
  const { kb } = knowledge;
  const zero = (): Tally => ({ agreed: 0, proposed: 0, handCoded: 0 });
  const parts: CoderScore["parts"] = { presentation: zero(), "history and examination": zero(), "test results": zero(), "present codes": zero(), "absent codes": zero() };
  const total = zero();
  const wrong = { contradicting: 0, unwrittenVitalAbsence: 0, unwritten: 0 };
  let revealedByDefault = 0;
  const disagreements: Disagreement[] = [];
  for (const { case: c } of cases) {
    const facts = codeCase(c, kb);
    const handReveals = revealedAbsent(c, knowledge);
    const autoReveals = revealedAbsent(withCodes(c, facts), knowledge);
    for (const fact of facts) {
      let handLinks: readonly FindingLink[] = linksOf(c, fact.fact);
      let autoLinks: readonly FindingLink[] = fact.codes;
      const result = fact.fact.part === "test" ? c.tests[fact.fact.id] : undefined;
      if (!options.asWritten && result && fact.fact.part === "test") {
        handLinks = asRevealed(handLinks, result.abnormal, fact.fact.id, kb);
        autoLinks = asRevealed(autoLinks, result.abnormal, fact.fact.id, kb);
      }
      if (!options.asWritten && !options.linkedOnly && fact.fact.part !== "test") {
        // Each side gains the other's absences that its own gatekeeper reveals when asked.
        const revealed = (side: readonly FindingLink[], other: readonly FindingLink[], reveals: (id: string) => boolean) =>
          other.filter((l) => !l.present && !side.some((h) => h.id === l.id) && reveals(l.id)).map((l) => ({ id: l.id, present: false }));
        const toHand = revealed(handLinks, autoLinks, handReveals);
        const toAuto = revealed(autoLinks, handLinks, autoReveals);
        revealedByDefault += toHand.length + toAuto.length;
        handLinks = [...handLinks, ...toHand];
        autoLinks = [...autoLinks, ...toAuto];
      }
      const hand = new Set(handLinks.map((l) => `${l.id}:${l.present}`));
      const auto = new Set(autoLinks.map((code) => `${code.id}:${code.present}`));
      const count = (key: string, field: keyof Tally) => {
        for (const tally of [total, parts[partOf(fact.fact)], parts[key.endsWith(":true") ? "present codes" : "absent codes"]]) tally[field]++;
      };
      for (const key of hand) count(key, "handCoded");
      const handIds = new Set(handLinks.map((l) => l.id));
      const differs: Disagreement = { caseId: c.id, fact: fact.label, wrong: [], missed: [] };
      for (const key of hand) if (!auto.has(key)) differs.missed.push(codeOf(key));
      for (const key of auto) {
        count(key, "proposed");
        if (hand.has(key)) count(key, "agreed");
        else {
          const [id] = key.split(":");
          const code = fact.codes.find((c) => `${c.id}:${c.present}` === key);
          differs.wrong.push({ ...codeOf(key), phrase: code?.phrase ?? "implied by the result's other codes" });
          if (handIds.has(id!)) wrong.contradicting++;
          else if (code?.by === "vital sign" && !code.present) wrong.unwrittenVitalAbsence++;
          else wrong.unwritten++;
        }
      }
      if (differs.wrong.length + differs.missed.length > 0) disagreements.push(differs);
    }
  }
  return { ...total, precision: total.proposed ? total.agreed / total.proposed : 0, recall: total.handCoded ? total.agreed / total.handCoded : 0, parts, wrong, revealedByDefault, disagreements };
}

const codeOf = (key: string) => {
  const [id, present] = key.split(":");
  return { id: id!, present: present === "true" };
};

/** The disagreements, one fact a line: "+" a code counted wrong and the phrase it came from, "-" a hand code missed. */
export const formatDisagreements = (s: CoderScore): string =>
  s.disagreements
    .map((d) => {
      const shown = (c: { id: string; present: boolean }) => `${c.present ? "" : "no "}${c.id}`;
      const wrong = d.wrong.map((c) => `\n    + ${shown(c)} ← "${c.phrase}"`);
      const missed = d.missed.map((c) => `\n    - ${shown(c)}`);
      return `  ${d.caseId} / ${d.fact}${[...wrong, ...missed].join("")}`;
    })
    .join("\n");

/** One line: precision and recall. */
export const formatCoderLine = (s: CoderScore, label: string): string =>
  `${label}: precision ${s.precision.toFixed(2)}, recall ${s.recall.toFixed(2)}; ${s.agreed} agreed of ${s.proposed} proposed and ${s.handCoded} hand-coded`;

const ratio = (a: number, b: number) => (b ? (a / b).toFixed(2) : "-");

export const formatCoderScore = (s: CoderScore, label = "automatic coder on the bundled cases' hand codes, as the gatekeeper reveals them"): string =>
  [
    `${label}: precision ${s.precision.toFixed(2)} (target 0.90), recall ${s.recall.toFixed(2)} (target 0.85); ${s.agreed} agreed of ${s.proposed} proposed and ${s.handCoded} hand-coded`,
    ...Object.entries(s.parts).map(([part, t]) => `  ${part.padEnd(24)} precision ${ratio(t.agreed, t.proposed)}, recall ${ratio(t.agreed, t.handCoded)} (${t.agreed} of ${t.proposed} proposed, ${t.handCoded} hand-coded)`),
    ...(s.revealedByDefault > 0 ? [`  of the ${s.agreed} agreed, ${s.revealedByDefault} are absences of bedside findings one side's case links nowhere, which its gatekeeper, asked each finding's question, reveals absent`] : []),
    `  of the ${s.proposed - s.agreed} codes counted wrong: ${s.wrong.contradicting} give a finding the author coded the other presence, ${s.wrong.unwrittenVitalAbsence} are vital-sign absences a number states by the knowledge base's threshold where the author wrote nothing of that finding, ${s.wrong.unwritten} are other findings the author did not code on that fact`,
  ].join("\n");
