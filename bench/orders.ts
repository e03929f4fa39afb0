import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Catalog } from "../core/catalog.js";
import { readDataFile } from "../core/data-file.js";
import { importAgentClinic } from "../core/import/agentclinic.js";
import { resolveOrder } from "../core/orders.js";
import { packageRoot } from "../core/paths.js";

/** The labelled table of orders as clinicians write them (test: null = no catalog test fits). */
export const ORDER_TABLE = join(packageRoot, "test/fixtures/orders/clinician-orders.yaml");
const OrderTableSchema = z.object({ orders: z.array(z.object({ order: z.string().min(1), test: z.string().nullable() })).min(1) });

export interface OrderTableScore {
  total: number;
  right: number;
  /** Orders matched, without a word to the orderer, to a test other than the one meant. */
  wrongSilent: { order: string; expected: string | null; got: string }[];
  /** Orders sent back (ambiguous or unknown) though they name a catalog test. */
  missed: { order: string; expected: string }[];
}

/** Scores the resolver on the table: right when it matches the test meant, or refuses an order no test fits. */
export function scoreOrderTable(catalog: Catalog, file = ORDER_TABLE): OrderTableScore {
  const { orders } = readDataFile(file, OrderTableSchema);
  const score: OrderTableScore = { total: orders.length, right: 0, wrongSilent: [], missed: [] };
  for (const { order, test } of orders) {
    const resolved = resolveOrder(catalog, order);
    if (resolved.kind === "match" && resolved.test.id !== test) score.wrongSilent.push({ order, expected: test, got: resolved.test.id });
    else if (resolved.kind !== "match" && test !== null) score.missed.push({ order, expected: test });
    else score.right++;
  }
  return score;
}

/** AgentClinic MedQA in the shared reference data beside the clone (or beside its worktree folder); absent in a user's clone. */
export const AGENTCLINIC_FILE =
  ["../shared", "../../shared"].map((dir) => join(packageRoot, dir, "data/agentclinic/agentclinic_medqa.jsonl")).find(existsSync) ??
  join(packageRoot, "../shared/data/agentclinic/agentclinic_medqa.jsonl");

export interface CatalogCoverage {
  cases: number;
  /** Test entries of the imported cases (a group of unmatched entries counts each entry). */
  tests: number;
  resolved: number;
  unresolved: string[];
}

/** How many of the tests the AgentClinic cases report the importer maps to a catalog test; undefined without ../shared. */
export function agentClinicCatalogCoverage(catalog: Catalog, file = AGENTCLINIC_FILE): CatalogCoverage | undefined {
  if (!existsSync(file)) return undefined;
  const { cases } = importAgentClinic(readFileSync(file, "utf8"), { catalog });
  const coverage: CatalogCoverage = { cases: cases.length, tests: 0, resolved: 0, unresolved: [] };
  for (const { case: c } of cases) {
    const own = new Map(c.case_tests.map((t) => [t.id, t]));
    for (const id of Object.keys(c.tests)) {
      const caseTest = own.get(id);
      if (!caseTest) {
        coverage.tests++;
        coverage.resolved++;
      } else if (caseTest.id !== "clinical_examination") {
        const names = caseTest.synonyms.length > 0 ? caseTest.synonyms : [caseTest.name];
        coverage.tests += names.length;
        coverage.unresolved.push(...names);
      }
    }
  }
  return coverage;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The lines `npm run bench -- orders` prints. */
export function formatOrderBench(catalog: Catalog): string {
  const table = scoreOrderTable(catalog);
  const lines = [
    `order matcher: ${table.right}/${table.total} clinician orders right (${pct(table.right / table.total)}, target 97%), ${table.wrongSilent.length} wrong silent matches (target 0)`,
    ...table.wrongSilent.map((w) => `  wrong: "${w.order}" -> ${w.got} (meant ${w.expected ?? "no catalog test"})`),
    ...table.missed.map((m) => `  sent back: "${m.order}" (meant ${m.expected})`),
  ];
  const coverage = agentClinicCatalogCoverage(catalog);
  if (!coverage) lines.push("AgentClinic catalog coverage: skipped (../shared/data/agentclinic is absent)");
  else {
    lines.push(
      `AgentClinic catalog coverage: ${coverage.resolved}/${coverage.tests} reported tests of ${coverage.cases} cases resolve to a catalog test (${pct(coverage.resolved / coverage.tests)}, target 95%)`,
      `  unresolved: ${coverage.unresolved.join("; ")}`,
    );
  }
  return lines.join("\n");
}
