import { z } from "zod";
import type { Action } from "./action.js";
import type { Catalog } from "./catalog.js";
import { type OrderableTest, resolveOrder } from "./orders.js";

/** One charge: a physician visit, or one test. Amounts are whole cents. */
export const LedgerEntrySchema = z.object({
  round: z.number().int().nonnegative(),
  kind: z.enum(["visit", "test"]),
  id: z.string(),
  name: z.string(),
  usd: z.number().nonnegative(),
  source: z.string().optional(),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

/**
 * What a session has spent, by SDBench's rule: a visit fee for each physician visit, where
 * consecutive rounds of questions are one visit and a test order ends it; and each test's price.
 * Plain data, so it can live in graph state and in a saved run.
 */
export const LedgerSchema = z.object({
  entries: z.array(LedgerEntrySchema),
  /** A visit was charged and no test has been ordered since: more questions are free. */
  visitOpen: z.boolean(),
});
export type Ledger = z.infer<typeof LedgerSchema>;

/** A test as the ledger charges it. */
export interface ChargeableTest {
  id: string;
  name: string;
  price_usd: number;
  price_source?: string;
}

/** A case's own test, priced when a price could be found. */
export type PricedCaseTest = OrderableTest & { readonly price_usd?: number };

export const VISIT = { id: "visit", name: "Physician visit" } as const;

// Sums run in integer cents so that totals are exact (0.10 + 0.20 is 0.30, not 0.30000000000000004).
// toPrecision first, so that 1.005 (stored as 1.00499999...) rounds half up to 101 cents.
const cents = (usd: number): number => Math.round(Number((usd * 100).toPrecision(12)));
const dollars = (c: number): number => c / 100;
const sumUsd = (amounts: readonly number[]): number => dollars(amounts.reduce((sum, usd) => sum + cents(usd), 0));

export const emptyLedger = (): Ledger => ({ entries: [], visitOpen: false });

/** A round of questions: a visit fee, unless the visit is still open from the last round. */
export function chargeQuestions(ledger: Ledger, round: number, visitFeeUsd: number, source?: string): Ledger {
  if (ledger.visitOpen) return ledger;
  const visit: LedgerEntry = { round, kind: "visit", ...VISIT, usd: dollars(cents(visitFeeUsd)), ...(source ? { source } : {}) };
  return { entries: [...ledger.entries, visit], visitOpen: true };
}

/** A test order: each test's price, and the visit ends (the next question opens a new one). */
export function chargeTests(ledger: Ledger, round: number, tests: readonly ChargeableTest[]): Ledger {
  const charged = tests.map(
    (t): LedgerEntry => ({ round, kind: "test", id: t.id, name: t.name, usd: dollars(cents(t.price_usd)), ...(t.price_source ? { source: t.price_source } : {}) }),
  );
  return { entries: [...ledger.entries, ...charged], visitOpen: false };
}

export const ledgerTotal = (ledger: Ledger): number => sumUsd(ledger.entries.map((e) => e.usd));

export const testSpend = (ledger: Ledger): number => sumUsd(ledger.entries.filter((e) => e.kind === "test").map((e) => e.usd));

export const visitCount = (ledger: Ledger): number => ledger.entries.filter((e) => e.kind === "visit").length;

/**
 * What an action would cost if carried out now, without charging it: questions cost the visit
 * fee unless a visit is open; an order costs the prices of the tests it resolves to (an order
 * that does not resolve is refused, so costs nothing); a diagnosis is free.
 */
export function priceOfAction(
  ledger: Ledger,
  action: Action,
  catalog: Catalog,
  visitFeeUsd: number = catalog.visitFeeUsd,
  caseTests: readonly PricedCaseTest[] = [],
): number {
  switch (action.kind) {
    case "ask":
      return ledger.visitOpen ? 0 : dollars(cents(visitFeeUsd));
    case "order":
      return sumUsd(
        action.tests.map((text) => {
          const resolved = resolveOrder(catalog, text, caseTests);
          return resolved.kind === "match" ? (testPrice(resolved.test.id, catalog, caseTests) ?? 0) : 0;
        }),
      );
    case "diagnose":
      return 0;
  }
}

/**
 * The cost of a case's minimal confirmatory workup: the key tests' prices, each once, and no
 * visit fee, as SDBench's oracle orders the tests directly. A case test without a price counts 0.
 * Throws on an id that is neither a catalog test nor a case test (the case checks catch it first).
 */
export function oracleCost(keyTests: readonly string[], catalog: Catalog, caseTests: readonly PricedCaseTest[] = []): number {
  return sumUsd(
    [...new Set(keyTests)].map((id) => {
      if (!catalog.byId.has(id) && !caseTests.some((t) => t.id === id)) {
        throw new Error(`oracle cost: key test "${id}" is neither a catalog test nor one of the case's tests`);
      }
      return testPrice(id, catalog, caseTests) ?? 0;
    }),
  );
}

const testPrice = (id: string, catalog: Catalog, caseTests: readonly PricedCaseTest[]): number | undefined =>
  catalog.byId.get(id)?.price_usd ?? caseTests.find((t) => t.id === id)?.price_usd;
