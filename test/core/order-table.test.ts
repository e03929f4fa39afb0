import { describe, expect, it } from "vitest";
import { agentClinicCatalogCoverage, AGENTCLINIC_FILE, scoreOrderTable } from "../../bench/orders.js";
import { loadCatalog } from "../../core/catalog-loader.js";
import { resolveOrder } from "../../core/orders.js";
import { existsSync } from "node:fs";

const catalog = loadCatalog();

describe("the order matcher on orders as clinicians write them", () => {
  it("resolves at least 97% of the labelled table right, and never matches an order silently to the wrong test", () => {
    const score = scoreOrderTable(catalog);
    expect(score.total).toBeGreaterThanOrEqual(150);
    expect(score.wrongSilent).toEqual([]);
    expect(score.right / score.total).toBeGreaterThanOrEqual(0.97);
  });

  it("keeps a CSF culture apart from a cell count, and a CT angiogram of the chest apart from a CTPA", () => {
    expect(resolveOrder(catalog, "CSF culture")).toMatchObject({ kind: "match", test: { id: "csf_culture" } });
    expect(resolveOrder(catalog, "CT angiogram chest")).toMatchObject({ kind: "match", test: { id: "cta_chest" } });
    expect(resolveOrder(catalog, "CTPA")).toMatchObject({ kind: "match", test: { id: "ctpa" } });
  });

  it("answers an order that fits nothing with 'unknown' and the three nearest names", () => {
    const r = resolveOrder(catalog, "positron emission tomography");
    expect(r.kind).toBe("unknown");
    if (r.kind === "unknown") expect(r.closest).toHaveLength(3);
  });
});

describe.skipIf(!existsSync(AGENTCLINIC_FILE))(`the catalog over AgentClinic's tests (skipped when ${AGENTCLINIC_FILE} is absent)`, () => {
  it("resolves at least 95% of the tests the 107 cases report to a catalog test", () => {
    const coverage = agentClinicCatalogCoverage(catalog)!;
    expect(coverage.cases).toBe(107);
    expect(coverage.resolved / coverage.tests).toBeGreaterThanOrEqual(0.95);
  });
});
