import { ComplaintSchema, SettingSchema } from "../../core/complaint.js";
import type { KnowledgeBase } from "../../core/knowledge.js";
import type { Evidence, Scope } from "../../reasoning/scope.js";
import type { Random } from "../../runs/random.js";

/**
 * A random patient for property tests: any complaint and setting, an age from 0 to 100, either
 * sex, and up to `maxFindings - 1` knowledge-base findings, each present with `presentShare`.
 * Seeded through `random`, so a failing patient can be replayed.
 */
export function randomPatient(random: Random, kb: KnowledgeBase, { maxFindings, presentShare }: { maxFindings: number; presentShare: number }): { scope: Scope; evidence: Evidence } {
  const scope: Scope = {
    complaint: random.pick(ComplaintSchema.options),
    setting: random.pick(SettingSchema.options),
    age: random.int(101),
    sex: random.pick(["female", "male"] as const),
  };
  const evidence: Record<string, boolean> = {};
  for (let i = random.int(maxFindings); i > 0; i--) evidence[random.pick(kb.findings).id] = random.next() < presentShare;
  return { scope, evidence };
}
