import type { ResultValue } from "../core/case.js";
import type { KnowledgeBase } from "../core/knowledge.js";
import { terms } from "../core/text-match.js";
import { type Code, merge } from "./facts.js";
import { readValue } from "./values.js";
import type { Phrase } from "./finding-phrases.js";

const RAISED = /\b(raised|elevated|high|increased|positive|prolonged)\b/i;
const LOWERED = /\b(low|reduced|decreased|suppressed)\b/i;
const RELATIVE = /\b(out of proportion|ratio)\b/i;
const DIRECTION_TERMS = new Set(terms("raised elevated high increased positive prolonged low reduced decreased suppressed"));

/** The codes a report's measured values give the findings of its tests that name a direction ("Raised creatinine"). */
export function codeValues(values: readonly ResultValue[], tests: readonly string[], valuePhrases: readonly Phrase[]): Code[] {
  const codes: Code[] = [];
  for (const value of values) {
    const reading = readValue(value);
    if (!reading) continue;
    // The value must carry every word of one of the finding's phrases, direction words aside:
    // "creatinine" reads "Raised creatinine", not "BUN creatinine ratio".
    const valueTerms = new Set(terms(value.name));
    const names = (ph: { terms: string[] }) => {
      const core = ph.terms.filter((t) => !DIRECTION_TERMS.has(t));
      return core.length > 0 && core.every((t) => valueTerms.has(t));
    };
    const named = [...new Set(valuePhrases.filter((ph) => ph.finding.kind === "test" && ph.finding.tests.some((t) => tests.includes(t)) && names(ph)).map((ph) => ph.finding))];
    for (const finding of named) {
      const direction = RAISED.test(finding.name) ? "high" : LOWERED.test(finding.name) ? "low" : undefined;
      // A finding that relates one value to another ("urea out of proportion to creatinine") is not read from one value.
      if (!direction || RELATIVE.test(finding.name)) continue;
      const shown = `${value.name} ${value.value}${value.unit ? ` ${value.unit}` : ""}${value.range ? ` (${value.range})` : ""}`;
      codes.push({ id: finding.id, present: reading === direction, phrase: shown, by: "value" });
    }
  }
  return codes;
}

/**
 * A value read against its range, or a number in the report, outweighs words about it. A finding
 * that names two analytes ("Raised bilirubin and alkaline phosphatase") needs both values raised:
 * one normal value makes it absent, and one raised value with its partner unmeasured leaves it uncoded, words
 * about it too.
 */
export function mergeValues(all: Code[], kb: KnowledgeBase): Code[] {
  const both = (id: string) => / and /.test(kb.findingById.get(id)?.name ?? "");
  const valuesOf = (id: string) => all.filter((code) => code.by === "value" && code.id === id);
  const halfMeasured = new Set(all.filter((code) => code.by === "value" && both(code.id) && valuesOf(code.id).length === 1 && code.present).map((code) => code.id));
  const codes = all.filter((code) => !halfMeasured.has(code.id));
  const measured = (code: Code) => code.by === "value" || code.by === "vital sign";
  const values = new Set(codes.filter(measured).map((code) => code.id));
  const kept = codes.filter((code) => measured(code) || !values.has(code.id));
  const absentForBoth = new Set(kept.filter((code) => code.by === "value" && !code.present && both(code.id)).map((code) => code.id));
  return merge(kept.filter((code) => !(absentForBoth.has(code.id) && code.present)));
}
