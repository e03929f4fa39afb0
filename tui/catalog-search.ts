import type { Catalog, CatalogTest } from "../core/catalog.js";

const normalise = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

/**
 * How well a test matches what was typed: higher is better, 0 is no match. Every word typed
 * must start a word of the name, a synonym or the id (so "trop" finds troponin, not
 * "electrophoresis"); a name that starts with the query wins.
 */
function score(test: CatalogTest, query: string): number {
  const words = normalise(query).split(" ").filter(Boolean);
  if (words.length === 0) return 1;
  const texts = [test.name, ...test.synonyms, test.id.replaceAll("_", " ")].map(normalise);
  let best = 0;
  for (const [i, text] of texts.entries()) {
    const tokens = text.split(" ");
    const all = words.every((w) => tokens.some((t) => t.startsWith(w)));
    if (!all) continue;
    const whole = text.startsWith(normalise(query)) ? 2 : 1;
    best = Math.max(best, whole * (i === 0 ? 3 : 2));
  }
  return best;
}

/** Catalog tests matching a query, best first (then by name); an empty query lists by name. */
export function searchCatalog(catalog: Catalog, query: string, limit = Number.POSITIVE_INFINITY): CatalogTest[] {
  return catalog.tests
    .map((test) => ({ test, score: score(test, query) }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || a.test.name.localeCompare(b.test.name))
    .slice(0, limit)
    .map((m) => m.test);
}
