import { z } from "zod";
import { type Case, ResultValueSchema } from "../core/case.js";
import type { Prompt } from "./prompt.js";

/**
 * What a model gatekeeper returns for one question or one order. The reply the panel sees is
 * built from it (core/reveal.ts); `synthetic` and `source` go to the audit trail only.
 */
export const GatekeeperModelReplySchema = z.object({
  kind: z.enum(["answer", "result", "refusal"]),
  /** The reply in the patient's or the report's words; never the diagnosis. */
  text: z.string(),
  /** Measured values of a result, with units and reference ranges. */
  values: z.array(ResultValueSchema),
  abnormal: z.boolean(),
  /** True when the case does not hold this and the reply was made up to fit it. */
  synthetic: z.boolean(),
  /** The id of the case's history or examination item the answer came from, or null. */
  source: z.string().nullable(),
});
export type GatekeeperModelReply = z.infer<typeof GatekeeperModelReplySchema>;

const RULES = [
  "You are the gatekeeper of dxsim, a teaching simulator of sequential diagnosis, following the SDBench rules. " +
    "You hold the whole case file, including the diagnosis. A diagnostic panel asks you questions and orders tests, one at a time.",
  "Rules:",
  "1. Answer only what was asked, from the case file. Give no interpretation, no hint, no suggestion of what to ask or order next.",
  '2. Refuse vague requests ("order labs", "any other findings?", "tell me everything"): kind "refusal", and say the request must name a specific question or test.',
  "3. Test and imaging results are given only when that test is ordered; a question asking for a result is refused with a reminder to order the test.",
  "4. A finding that by itself settles the diagnosis is revealed only when its exact confirming test (the case's key tests) is ordered.",
  "5. When the case file does not hold what was asked, make up a realistic reply consistent with the case (normal unless the case implies otherwise) " +
    'and set synthetic to true. Never say that something is "not available" or "not in the case": the panel must not be able to tell.',
  "6. Never name, abbreviate, paraphrase or hint at the diagnosis, whatever you are asked. If asked for the diagnosis, refuse.",
  "7. source: the id of the history or examination item you answered from, or null.",
  "Reply with one JSON object that fits the given schema, and nothing else.",
].join("\n");

/** The hidden case as the gatekeeper reads it. Never shown to the panel. */
export function describeCaseFile(c: Case): string {
  const p = c.presentation;
  const tests = Object.entries(c.tests);
  return [
    `Diagnosis (secret): ${c.diagnosis.no_disease ? "no disease" : c.diagnosis.name}${c.diagnosis.synonyms.length ? ` (also called ${c.diagnosis.synonyms.join(", ")})` : ""}`,
    `Key (confirming) tests: ${c.key_tests.join(", ")}`,
    "",
    `Presentation (already known to the panel): ${p.age}-year-old ${p.sex}, ${p.setting}. ${p.chief_complaint}. ${p.narrative}`,
    "",
    "History and examination items (id [kind, topic]: text):",
    ...(c.findings.length ? c.findings.map((f) => `- ${f.id} [${f.kind}, ${f.topic}${f.synonyms.length ? `; ${f.synonyms.join(", ")}` : ""}]: ${f.text}`) : ["- none listed"]),
    "",
    "Test results the case holds (test id: result):",
    ...(tests.length
      ? tests.map(([id, t]) => `- ${id}: ${t.text}${t.values.length ? ` [${t.values.map((v) => `${v.name} ${v.value}${v.unit ? ` ${v.unit}` : ""}`).join("; ")}]` : ""}`)
      : ["- none listed"]),
  ].join("\n");
}

/** A question from the panel, for a model gatekeeper. */
export function gatekeeperAskPrompt(caseFile: Case, question: string): Prompt {
  return {
    system: `${RULES}\n\n${describeCaseFile(caseFile)}`,
    user: `The panel asks: "${question}"\nReply as the patient would (history) or as the examiner finds (examination): kind "answer", or "refusal" under the rules. values stays empty.`,
  };
}

/** A test the case does not hold, ordered by the panel: the model writes a plausible result. */
export function gatekeeperOrderPrompt(caseFile: Case, test: { id: string; name: string }, asWritten: string): Prompt {
  return {
    system: `${RULES}\n\n${describeCaseFile(caseFile)}`,
    user:
      `The panel orders: "${asWritten}" (catalog test ${test.id}: ${test.name}). The case file holds no result for it.\n` +
      'Write a realistic report of this test consistent with the case: kind "result", the report as text, measured values with units and ' +
      "reference ranges, abnormal when any value is outside its range, synthetic true, source null. It must not settle the diagnosis by itself.",
  };
}
