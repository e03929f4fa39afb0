import type { Knowledge } from "../agents/view.js";
import { type LoadedCase, checkCases } from "../core/case-loader.js";
import type { CaseProblem } from "../core/case-problem.js";
import { type Coverage, autoCode } from "../coding/auto.js";

/** A batch as `dxsim run` plays it: the cases it can run, each coded, and why the others cannot run. */
export interface PreparedBatch {
  /** Cases to play, each with its uncoded facts coded automatically, in input order. */
  runnable: LoadedCase[];
  /** How much of each runnable case the offline brain can read, by case id. */
  coverage: Map<string, Coverage>;
  /** Why a case is not run: it names a test or knowledge-base id that does not exist. */
  broken: CaseProblem[];
}

/**
 * Checks the cases against the knowledge and codes what each states in words. A case naming a
 * test or knowledge-base id that does not exist is not run: the engine would drop the link
 * unseen. A case with uncoded facts is coded automatically, so the offline brain reads what it can.
 */
export function prepareBatch(cases: readonly LoadedCase[], knowledge: Knowledge): PreparedBatch {
  const broken = checkCases(cases, knowledge).filter((p) => p.kind === "unknown-kb-id" || p.kind === "unknown-test");
  const brokenFiles = new Set(broken.map((p) => p.file));
  const coded = cases.filter((c) => !brokenFiles.has(c.file)).map((c) => ({ ...c, coded: autoCode(c.case, knowledge.kb) }));
  return {
    runnable: coded.map(({ coded: { case: codedCase }, ...c }) => ({ ...c, case: codedCase })),
    coverage: new Map(coded.map((c) => [c.case.id, c.coded.coverage])),
    broken,
  };
}
