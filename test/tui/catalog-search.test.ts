import { describe, expect, it } from "vitest";
import { searchCatalog } from "../../tui/catalog-search.js";
import { bundledData } from "./helpers.js";

describe("the catalog search", () => {
  it("finds a test as the physician types the start of its words", () => {
    const { catalog } = bundledData().knowledge;
    expect(searchCatalog(catalog, "trop").map((t) => t.id)).toEqual(["troponin"]);
    expect(searchCatalog(catalog, "lipa")[0]?.id).toBe("lipase");
    expect(searchCatalog(catalog, "d dim")[0]?.id).toBe("d_dimer");
  });

  it("does not match inside words", () => {
    const { catalog } = bundledData().knowledge;
    expect(searchCatalog(catalog, "trop").some((t) => t.name.toLowerCase().includes("electrophoresis"))).toBe(false);
  });

  it("lists the whole catalog by name for an empty query", () => {
    const { catalog } = bundledData().knowledge;
    const all = searchCatalog(catalog, "");
    expect(all).toHaveLength(catalog.tests.length);
    expect(all.map((t) => t.name)).toEqual([...all.map((t) => t.name)].sort((a, b) => a.localeCompare(b)));
  });
});

describe("the catalog search and the order resolver", () => {
  it("share one matcher: abbreviations and partial words find the test an order would resolve to", () => {
    const { catalog } = bundledData().knowledge;
    const first = (q: string) => searchCatalog(catalog, q)[0]?.id;
    expect(first("CTA")).toMatch(/^cta_/);
    expect(searchCatalog(catalog, "CT aort").map((t) => t.id)).toContain("cta_chest");
    expect(first("tte")).toBe("echo_tte");
    expect(first("LP")).toBe("lumbar_puncture");
    expect(first("U&E")).toBe("bmp");
    expect(first("FBC")).toBe("cbc");
    expect(first("haemoglobin a1")).toBe("hba1c");
  });

  it("offers what a typing slip may have meant", () => {
    const { catalog } = bundledData().knowledge;
    expect(searchCatalog(catalog, "troponni")[0]?.id).toBe("troponin");
  });
});
