import { z } from "zod";
import { type Action, ActionSchema, MAX_TESTS_PER_ROUND } from "../core/action.js";
import type { Case } from "../core/case.js";
import { oracleCost } from "../core/ledger.js";
import type { Knowledge } from "../agents/view.js";
import { actionText } from "./wording.js";

/** One round of the expert path: the key tests ordered together (as many as a round allows), then the diagnosis. */
export const ExpertRoundSchema = z.object({
  round: z.number().int(),
  action: ActionSchema,
  /** The action in words. */
  text: z.string(),
  usd: z.number().nonnegative(),
});

export const ExpertPathSchema = z.object({
  keyTests: z.array(z.object({ id: z.string(), name: z.string(), usd: z.number().nonnegative() })),
  rounds: z.array(ExpertRoundSchema),
  /** The oracle cost: the key tests' prices, no visit fee (SDBench's oracle orders them directly). */
  costUsd: z.number().nonnegative(),
});
export type ExpertPath = z.infer<typeof ExpertPathSchema>;

/**
 * The case's key-test path, played as SDBench's oracle plays it: order the key tests, as many a
 * round as allowed, then name the case's diagnosis. No questions and no visit fee: it is the
 * cheapest confirmatory workup, not a model of a clinician's whole encounter.
 */
export function expertPath(caseFile: Case, { catalog }: Knowledge): ExpertPath {
  const keyTests = [...new Set(caseFile.key_tests)].map((id) => ({
    id,
    name: catalog.byId.get(id)?.name ?? caseFile.case_tests.find((t) => t.id === id)?.name ?? id,
    usd: oracleCost([id], catalog, caseFile.case_tests),
  }));
  const { diagnosis } = caseFile;
  const actions: Action[] = [];
  for (let i = 0; i < keyTests.length; i += MAX_TESTS_PER_ROUND) actions.push({ kind: "order", tests: keyTests.slice(i, i + MAX_TESTS_PER_ROUND).map((t) => t.id) });
  actions.push({ kind: "diagnose", diagnosis: { name: diagnosis.name, ...(diagnosis.kb_id ? { kbId: diagnosis.kb_id } : {}), ...(diagnosis.icd10 ? { icd10: diagnosis.icd10 } : {}) } });
  return {
    keyTests,
    rounds: actions.map((action, i) => ({
      round: i + 1,
      action,
      text: actionText(action, catalog, caseFile.case_tests),
      usd: action.kind === "order" ? oracleCost(action.tests, catalog, caseFile.case_tests) : 0,
    })),
    costUsd: oracleCost(caseFile.key_tests, catalog, caseFile.case_tests),
  };
}
