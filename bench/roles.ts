import { describeAction } from "../core/action.js";
import type { CaseResult } from "../runs/result.js";

/** The variants that leave a role out, and the role(s) each leaves out. */
const WITHOUT = [
  { variant: "single", roles: ["skeptic", "steward"] },
  { variant: "no-skeptic", roles: ["skeptic"] },
  { variant: "no-steward", roles: ["steward"] },
] as const;

type Role = "skeptic" | "steward";

const sameAction = (a: CaseResult["trail"][number] | undefined, b: CaseResult["trail"][number] | undefined): boolean =>
  JSON.stringify(a?.action) === JSON.stringify(b?.action);

const outcome = (r: CaseResult): string =>
  `${r.abstained ? "abstained" : r.correct ? "right" : "wrong"}, $${r.costUsd.toFixed(0)}, ${r.rounds} rounds`;

/**
 * Why the full panel acted otherwise than a variant without `roles` in one round: what the left-out
 * role said there and the chair did with it (its checklist), read off the full panel's debate.
 */
function roleSaid(full: CaseResult, round: number, roles: readonly Role[]): string[] {
  const said: string[] = [];
  const messages = full.debate.filter((m) => m.round === round);
  const chair = messages.findLast((m) => m.role === "chair");
  const checklist = chair?.role === "chair" ? chair.output.checklist : [];
  if (roles.includes("skeptic")) {
    said.push(...checklist.filter((c) => /skeptic|not excluded|contraindicated/.test(c)));
    const skeptic = messages.findLast((m) => m.role === "skeptic");
    if (skeptic?.role === "skeptic" && said.length === 0) {
      const { cantMiss, challenge, contraindicated } = skeptic.output;
      if (cantMiss.length) said.push(`the skeptic kept ${cantMiss.map((d) => `${d.name} (${(d.p * 100).toFixed(0)}%)`).join(", ")} open`);
      if (challenge) said.push(`the skeptic challenged the leader with ${challenge.kind === "question" ? challenge.text : challenge.name}`);
      if (contraindicated.length) said.push(`the skeptic ruled out ${contraindicated.map((c) => c.testId).join(", ")}`);
    }
  }
  if (roles.includes("steward")) {
    const before = said.length;
    said.push(...checklist.filter((c) => /steward/.test(c)));
    const steward = messages.findLast((m) => m.role === "cost-steward");
    if (steward?.role === "cost-steward" && said.length === before) {
      const cheaper = steward.output.items.filter((i) => i.cheaper);
      if (cheaper.length) said.push(`the steward priced ${cheaper.map((i) => `${i.cheaper!.name} in place of ${i.label}`).join(", ")}`);
      if (steward.output.overBudget) said.push("the steward said the proposal is over budget");
    }
  }
  return said;
}

/**
 * For each case where the full panel acts otherwise than single, no-skeptic or no-steward: the
 * first round they part, the two actions, what the left-out role said there, and both outcomes.
 * A difference with nothing the left-out role said in that round is a knock-on of an earlier
 * difference in what the panel knew (the rounds before differ in what was revealed), and says so.
 */
export function explainRoleDifferences(byVariant: ReadonlyMap<string, readonly CaseResult[]>): string {
  const full = new Map((byVariant.get("full") ?? []).map((r) => [r.caseId, r]));
  const lines: string[] = [];
  const counts: string[] = [];
  for (const { variant, roles } of WITHOUT) {
    let differ = 0;
    for (const other of byVariant.get(variant) ?? []) {
      const f = full.get(other.caseId);
      if (!f) continue;
      const at = f.trail.findIndex((e, i) => !sameAction(e, other.trail[i]));
      if (at < 0 && f.trail.length === other.trail.length) continue;
      differ++;
      const index = at < 0 ? Math.min(f.trail.length, other.trail.length) : at;
      const round = f.trail[index]?.round ?? other.trail[index]?.round ?? index + 1;
      const said = roleSaid(f, round, roles);
      const why = said.length ? said.join("; ") : `no ${roles.join(" or ")} remark that round: it follows from what an earlier round revealed`;
      const act = (r: CaseResult) => (r.trail[index] ? describeAction(r.trail[index]!.action) : "nothing");
      lines.push(
        `  ${f.caseId} vs ${variant}, round ${round}: full ${act(f)}; ${variant} ${act(other)}. Why: ${why}. Outcome: full ${outcome(f)}; ${variant} ${outcome(other)}.`,
      );
    }
    counts.push(`${variant} ${differ}`);
  }
  return [`cases where the full panel acts otherwise (${counts.join(", ")} of ${full.size}), and why:`, ...lines].join("\n");
}
