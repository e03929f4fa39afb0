import type { Catalog, TestCategory } from "../catalog.js";
import type { CaseTest } from "../case.js";

/** Words that tell a test's kind from its name, checked in this order; a test named by none is a laboratory test. */
const CATEGORY_WORDS: readonly [RegExp, TestCategory][] = [
  [/\b(biops\w*|histolog\w*|cytolog\w*|patholog\w*|flow cytometry|immunofluorescence|smear)\b/i, "pathology"],
  [/\w+scopy\b/i, "endoscopy"],
  [/\b(x-?rays?|radiographs?|ct|mri|mra|cta|pet|ultrasound|ultrasonography|sonograph\w*|doppler|imaging|scan|scintigraph\w*|angiograph\w*|angiogram|fluoroscop\w*|mammogra\w*)\b/i, "imaging"],
  [/\b(ecg|ekg|echo\w*|holter|electrocardiogra\w*|cardiac monitor\w*)\b/i, "cardiac"],
  [/\b(cultures?|swabs?|pcr|gram stain|microscopy)\b/i, "microbiology"],
  [/\b(electromyograph\w*|emg|eeg|nerve conduction|spirometry|audiometry|test of|function tests?)\b/i, "bedside"],
  [/\b(puncture|aspiration|tap|centesis)\b/i, "procedure"],
];

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const categoryOf = (name: string): TestCategory => CATEGORY_WORDS.find(([words]) => words.test(name))?.[1] ?? "lab";

/**
 * The price of a test no CMS price was found for: the median CMS price of the catalog's tests of
 * the same kind, marked as an estimate. A median is capped by the catalog's own prices, so one
 * unknown test never costs more than the tests of its kind usually do, and never $0.
 */
export function categoryEstimate(name: string, catalog: Catalog): Pick<CaseTest, "price_usd" | "price_source"> {
  const category = categoryOf(name);
  const prices = catalog.tests.filter((t) => t.category === category && t.price_usd > 0).map((t) => t.price_usd);
  const pool = prices.length > 0 ? prices : catalog.tests.filter((t) => t.price_usd > 0).map((t) => t.price_usd);
  const price = Math.round(median(pool) * 100) / 100;
  return {
    price_usd: price,
    price_source: `estimate: no CMS price found; median CMS price of the catalog's ${pool.length} ${prices.length > 0 ? `${category} ` : ""}tests`,
  };
}
