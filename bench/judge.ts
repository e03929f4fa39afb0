import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Agreement } from "../core/agreement.js";
import { judgePairs, parsePairs } from "../core/judge-pairs.js";
import type { KnowledgeBase } from "../core/knowledge.js";
import { packageRoot } from "../core/paths.js";
import { bundledVocabulary } from "../core/vocabulary-loader.js";

/** The labelled set's two parts (test/fixtures/judge/README.md): the judge was tuned on the first only. */
const PARTS = ["tuning", "held-out"] as const;

export type JudgeBench = Record<(typeof PARTS)[number], Agreement>;

/** The offline judge against the labelled pairs, each part on its own. */
export function benchJudge(kb: KnowledgeBase): JudgeBench {
  const vocabulary = bundledVocabulary(kb);
  const measure = (part: string) => judgePairs(parsePairs(readFileSync(join(packageRoot, "test/fixtures/judge", `${part}.jsonl`), "utf8")), vocabulary).agreement!;
  return { tuning: measure("tuning"), "held-out": measure("held-out") };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The figures and the targets: ≥ 95% correct/incorrect, ≥ 90% within one, weighted κ ≥ 0.8 (quadratic). */
export function formatJudgeBench(b: JudgeBench): string {
  const lines = ["offline judge against the labelled pairs   n  exact  within1  correct/incorrect  kappa(quadratic)  targets"];
  for (const part of PARTS) {
    const a = b[part];
    const met = a.correctIncorrect >= 0.95 && a.withinOne >= 0.9 && (a.weightedKappa ?? 0) >= 0.8;
    lines.push(
      `  ${part.padEnd(39)} ${String(a.n).padStart(3)} ${pct(a.exact).padStart(6)} ${pct(a.withinOne).padStart(8)} ${pct(a.correctIncorrect).padStart(18)} ${(a.weightedKappa ?? Number.NaN).toFixed(3).padStart(17)}  ${met ? "met" : "NOT met"}`,
    );
  }
  return lines.join("\n");
}
