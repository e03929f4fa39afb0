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
