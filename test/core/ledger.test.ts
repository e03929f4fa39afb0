import { describe, expect, it } from "vitest";
import type { Action } from "../../core/action.js";
import type { Catalog, CatalogTest } from "../../core/catalog.js";
import {
  chargeQuestions,
  chargeTests,
  emptyLedger,
  type Ledger,
  LedgerSchema,
  ledgerTotal,
  oracleCost,
  priceOfAction,
  testSpend,
  visitCount,
} from "../../core/ledger.js";

const SOURCE = "estimate: price for a ledger test";
const test = (id: string, name: string, price_usd: number, synonyms: string[] = []): CatalogTest => ({
  id,
  name,
  synonyms,
  category: "lab",
  code: "00000",
  price_usd,
  price_source: SOURCE,
  normal_result: "Normal.",
});
const tests = [test("cbc", "Complete blood count", 7.77, ["fbc"]), test("lipase", "Lipase", 6.89), test("ct_head", "CT head", 105.13), test("dime", "Dime test", 0.1), test("fifth", "Fifth test", 0.2)];
const catalog: Catalog = { tests, byId: new Map(tests.map((t) => [t.id, t])), visitFeeUsd: 300, visitFeeSource: SOURCE };
const priced = (id: string) => {
  const t = catalog.byId.get(id)!;
  return { id: t.id, name: t.name, price_usd: t.price_usd, price_source: t.price_source };
};

const ask = (ledger: Ledger, round: number) => chargeQuestions(ledger, round, 300);
const orderTests = (ledger: Ledger, round: number, ...ids: string[]) => chargeTests(ledger, round, ids.map(priced));

describe("the ledger", () => {
  it("charges one visit for consecutive rounds of questions", () => {
    const ledger = ask(ask(ask(emptyLedger(), 1), 2), 3);
    expect(visitCount(ledger)).toBe(1);
    expect(ledgerTotal(ledger)).toBe(300);
    expect(ledger.entries).toEqual([{ round: 1, kind: "visit", id: "visit", name: "Physician visit", usd: 300 }]);
    expect(ledger.visitOpen).toBe(true);
  });

  it("charges a new visit for a question after a test order", () => {
    const ledger = ask(orderTests(ask(emptyLedger(), 1), 2, "cbc"), 3);
    expect(visitCount(ledger)).toBe(2);
    expect(ledger.entries.map((e) => [e.round, e.kind, e.id])).toEqual([
      [1, "visit", "visit"],
      [2, "test", "cbc"],
      [3, "visit", "visit"],
    ]);
    expect(ledgerTotal(ledger)).toBe(607.77);
  });

  it("charges no visit for tests ordered before any question", () => {
    const ledger = orderTests(emptyLedger(), 1, "cbc", "lipase");
    expect(visitCount(ledger)).toBe(0);
    expect(ledgerTotal(ledger)).toBe(14.66);
    expect(ledger.visitOpen).toBe(false);
  });

  it("sums prices exactly, in cents", () => {
    const ledger = orderTests(emptyLedger(), 1, "dime", "fifth");
    expect(ledgerTotal(ledger)).toBe(0.3);
    expect(testSpend(orderTests(ledger, 2, "dime", "dime", "dime", "dime", "dime", "dime", "dime"))).toBe(1);
    expect(ledgerTotal(chargeTests(emptyLedger(), 1, [{ id: "x", name: "X", price_usd: 1.005 }, { id: "y", name: "Y", price_usd: 2.0049 }]))).toBe(3.01);
  });

  it("keeps visits out of the test spend", () => {
    const ledger = orderTests(ask(emptyLedger(), 1), 2, "ct_head", "cbc");
    expect(testSpend(ledger)).toBe(112.9);
    expect(ledgerTotal(ledger)).toBe(412.9);
  });

  it("records each test's price source, and a visit's when given", () => {
    const ledger = orderTests(chargeQuestions(emptyLedger(), 1, 300, "SDBench visit fee"), 2, "lipase");
    expect(ledger.entries).toEqual([
      { round: 1, kind: "visit", id: "visit", name: "Physician visit", usd: 300, source: "SDBench visit fee" },
      { round: 2, kind: "test", id: "lipase", name: "Lipase", usd: 6.89, source: SOURCE },
    ]);
  });

  it("is plain data that survives a JSON round trip", () => {
    const ledger = orderTests(ask(emptyLedger(), 1), 2, "cbc");
    expect(LedgerSchema.parse(JSON.parse(JSON.stringify(ledger)))).toEqual(ledger);
    expect(emptyLedger()).toEqual({ entries: [], visitOpen: false });
  });

  it("never changes the ledger it was given", () => {
    const before = ask(emptyLedger(), 1);
    const copy = structuredClone(before);
    orderTests(before, 2, "cbc");
    ask(before, 2);
    expect(before).toEqual(copy);
  });
});

describe("the price of an action", () => {
  it("prices questions at the visit fee, or nothing while a visit is open", () => {
    const questions: Action = { kind: "ask", questions: ["Where is the pain?"] };
    expect(priceOfAction(emptyLedger(), questions, catalog)).toBe(300);
    expect(priceOfAction(ask(emptyLedger(), 1), questions, catalog)).toBe(0);
    expect(priceOfAction(orderTests(ask(emptyLedger(), 1), 2, "cbc"), questions, catalog)).toBe(300);
    expect(priceOfAction(emptyLedger(), questions, catalog, 120)).toBe(120);
  });

  it("prices an order at its tests, resolved from free text, whether or not a visit is open", () => {
    const tests: Action = { kind: "order", tests: ["FBC", "lipase", "dime"] };
    expect(priceOfAction(emptyLedger(), tests, catalog)).toBe(14.76);
    expect(priceOfAction(ask(emptyLedger(), 1), tests, catalog)).toBe(14.76);
  });

  it("prices a case's own tests, and nothing for an order that will be refused", () => {
    const caseTests = [{ id: "tensilon", name: "Edrophonium test", synonyms: [], price_usd: 45.5 }];
    expect(priceOfAction(emptyLedger(), { kind: "order", tests: ["edrophonium test", "cbc"] }, catalog, 300, caseTests)).toBe(53.27);
    expect(priceOfAction(emptyLedger(), { kind: "order", tests: ["unicorn scan"] }, catalog)).toBe(0);
  });

  it("prices a diagnosis at nothing", () => {
    expect(priceOfAction(emptyLedger(), { kind: "diagnose", diagnosis: { name: "Migraine" } }, catalog)).toBe(0);
  });

  it("leaves the ledger as it was", () => {
    const ledger = ask(emptyLedger(), 1);
    priceOfAction(ledger, { kind: "order", tests: ["cbc"] }, catalog);
    expect(ledger.entries).toHaveLength(1);
    expect(ledger.visitOpen).toBe(true);
  });
});

describe("the oracle cost of a case", () => {
  it("sums the key tests' prices once each, with no visit fee", () => {
    expect(oracleCost(["cbc", "ct_head"], catalog)).toBe(112.9);
    expect(oracleCost(["cbc", "cbc", "dime", "fifth"], catalog)).toBe(8.07);
  });

  it("prices a case's own tests, counting an unpriced one as nothing", () => {
    const caseTests = [
      { id: "tensilon", name: "Edrophonium test", synonyms: [], price_usd: 45.5 },
      { id: "clinical_examination", name: "Clinical examination", synonyms: [] },
    ];
    expect(oracleCost(["tensilon", "lipase", "clinical_examination"], catalog, caseTests)).toBe(52.39);
  });

  it("refuses a key test it cannot find", () => {
    expect(() => oracleCost(["unicorn_scan"], catalog)).toThrow(/"unicorn_scan" is neither a catalog test/);
  });
});
