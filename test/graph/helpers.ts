import type { Case } from "../../core/case.js";
import { loadBundledCases } from "../../core/case-loader.js";
import { loadBundledKnowledge } from "../../cli/knowledge.js";
import type { Knowledge } from "../../agents/view.js";

let cached: { knowledge: Knowledge; cases: Map<string, Case> } | undefined;

/** The bundled knowledge base and cases, loaded once per test file. */
export function bundled() {
  if (!cached) {
    const { cases, problems } = loadBundledCases();
    if (problems.length) throw new Error(`bundled cases have problems: ${problems.map((p) => p.message).join("; ")}`);
    cached = { knowledge: loadBundledKnowledge(), cases: new Map(cases.map((c) => [c.case.id, c.case])) };
  }
  return cached;
}

export function bundledCase(id: string): Case {
  const c = bundled().cases.get(id);
  if (!c) throw new Error(`no bundled case ${id}`);
  return c;
}
