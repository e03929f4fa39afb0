import type { Catalog, CatalogTest } from "../core/catalog.js";
import { searchTests } from "../core/orders.js";

/** Catalog tests matching a query, best first (then by name); an empty query lists by name. The order resolver's matcher. */
export function searchCatalog(catalog: Catalog, query: string, limit = Number.POSITIVE_INFINITY): CatalogTest[] {
  return searchTests(catalog, query)
    .slice(0, limit)
    .flatMap((ref) => catalog.byId.get(ref.id) ?? []);
}
