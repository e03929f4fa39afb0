import type { Case } from "../core/case.js";
import type { KnowledgeBase } from "../core/knowledge.js";
import { reportedTests } from "../core/specimens.js";
import { type Code, type FactCoding, merge } from "./facts.js";
import { readReportItems, verdictOn } from "./report-items.js";
import { codeText } from "./text-codes.js";
import { codeValues, mergeValues } from "./value-codes.js";
import { vitalRules } from "./vital-signs.js";
import { vocabularyOf } from "./finding-phrases.js";
import { ageCodes } from "./age-codes.js";

/**
 * The automatic coder: reads every fact of a case (presentation, history, examination, test
 * results and their values) and proposes knowledge-base finding codes, present or absent, each
 * with the phrase it came from. Phrases meet findings by the findings' names and topics (stemmed
 * terms, words in any order within a short window); ConText decides negation, hedging and whose
 * finding it is; values are read against their reference ranges, vital signs against the
 * knowledge base's own thresholds.
 */

const OTHERWISE_NORMAL = /\botherwise (normal|unremarkable)\b/i;
/** Words that deny, hedge or say nothing was looked at: read with its heading, such an item codes no finding present. */
const NOT_A_FINDING = /\b(no|not|none|without|denies|denied|negative|absent|possible|possibly|suggest\w*|imagine|may|might|unclear)\b/i;

/** Codes every fact of a case; existing codes are neither read nor kept (autoCode in coding/auto.ts keeps the author's). */
export function codeCase(c: Case, kb: KnowledgeBase): FactCoding[] {
  const { bedside, ofTest, valuePhrases } = vocabularyOf(kb);
  const vitalIds = new Set(vitalRules().map((r) => r.finding));
  const facts: FactCoding[] = [];

  const p = c.presentation;
  const atBedside = (id: string) => kb.findingById.get(id)?.kind !== "test";
  const presented = codeText(`${p.chief_complaint}. ${p.narrative}`, bedside, atBedside, kb, { age: p.age });
  // The age on the presentation settles the findings it defines ("aged 50 or over").
  facts.push({ fact: { part: "presentation" }, label: "presentation", codes: merge([...presented.codes, ...ageCodes(p.age, kb)]), uncoded: presented.uncoded });

  for (const item of c.findings) {
    // A vital sign's item may hold the number alone ("82/min" under "Heart rate"): read it with its topic.
    const own = codeText(verdictOn(item.topic, item.text) ?? item.text, bedside, atBedside, kb, { topic: item.topic, age: p.age });
    // An item whose words say nothing alone may be a verdict on its heading ("Renal angles: mild tenderness on
    // percussion"). Words that deny, hedge or were not examined state no finding present, even though the heading
    // before them escapes their reach ("Mucosa: no other lesions", "Adnexal tenderness: not assessed").
    const reread = own.codes.length === 0 ? codeText(`${item.topic} ${item.text}`, bedside, atBedside, kb, { topic: item.topic, age: p.age }).codes : [];
    const withHeading = NOT_A_FINDING.test(item.text) ? reread.filter((code) => !code.present) : reread;
    const coded = withHeading.length > 0 ? { ...own, codes: withHeading } : own;
    facts.push({ fact: { part: "finding", id: item.id }, label: `${item.kind}: ${item.topic}`, codes: merge(coded.codes), uncoded: coded.uncoded });
  }
  withoutRepeatedVitals(facts);

  for (const [testId, result] of Object.entries(c.tests)) {
    const own = ofTest(testId);
    // A measurement in a report ("ejection fraction 30%") is read for the test's own findings.
    const report = readReportItems(result.text, c.presentation.age);
    // A tap's report may carry its specimen's analysis; its silence still rules out only its own findings (below).
    const reported = reportedTests(kb, testId);
    const coded = codeText(report.text, reported.flatMap(ofTest), (id) => kb.findingById.get(id)?.tests.some((t) => reported.includes(t)) ?? false, kb, { age: p.age });
    const codes = [...coded.codes, ...codeValues([...result.values, ...report.values], reported, valuePhrases)];
    // A normal result rules out what its test looks for; so does an abnormal one whose report names
    // nothing the test's findings describe and calls the rest normal ("sinus tachycardia, otherwise normal").
    if (!result.abnormal || (codes.length === 0 && OTHERWISE_NORMAL.test(result.text))) {
      const seen = new Set(codes.map((code) => code.id));
      for (const finding of new Set(own.map((ph) => ph.finding))) {
        if (!seen.has(finding.id) && !vitalIds.has(finding.id)) codes.push({ id: finding.id, present: false, phrase: "normal result", by: "normal result" });
      }
    }
    facts.push({ fact: { part: "test", id: testId }, label: `test: ${testId}`, codes: mergeValues(codes, kb), uncoded: coded.uncoded });
  }
  return facts;
}

/**
 * A vital sign's number that repeats what the case's words say on another fact ("No fever." in the
 * history, a temperature of 36.9 °C in the observations) is not coded again: the finding is coded
 * once, where it is said. A number that says otherwise than the words is kept, and so are the
 * repeats of a fact they alone code (a temperature under its own heading stays readable).
 */
function withoutRepeatedVitals(facts: FactCoding[]): void {
  const said = (code: Code, at: FactCoding) => facts.some((other) => other !== at && other.codes.some((c) => c.by === "text" && c.id === code.id && c.present === code.present));
  for (const fact of facts) {
    const kept = fact.codes.filter((code) => code.by !== "vital sign" || !said(code, fact));
    if (kept.length > 0) fact.codes = kept;
  }
}
