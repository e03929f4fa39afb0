import { basename, join } from "node:path";
import { type Catalog, CatalogFileSchema, type CatalogTest, VisitFeeFileSchema } from "./catalog.js";
import { DataFileError, readDataFile, dataFilesIn } from "./data-file.js";
import { catalogDir } from "./paths.js";

const VISIT_FILE = /^visit\.(ya?ml|json)$/;

export interface CatalogOptions {
  /** Replaces the visit fee of visit.yaml (a run's own setting). */
  visitFeeUsd?: number;
}

/**
 * Reads every *.yaml / *.json in `dir`: visit.yaml is the visit fee, every other file a list of
 * tests. Throws a DataFileError naming the file and field on a schema error or a duplicate id.
 */
export function loadCatalog(dir: string = catalogDir, options: CatalogOptions = {}): Catalog {
  const files = dataFilesIn(dir);
  const visitFile = files.find((f) => VISIT_FILE.test(basename(f)));
  if (!visitFile) throw new DataFileError([{ file: join(dir, "visit.yaml"), message: "missing: the catalog needs the visit fee" }]);
  const visit = readDataFile(visitFile, VisitFeeFileSchema);

  const tests: CatalogTest[] = [];
  const firstSeen = new Map<string, string>();
  for (const file of files.filter((f) => f !== visitFile)) {
    readDataFile(file, CatalogFileSchema).tests.forEach((test, i) => {
      const earlier = firstSeen.get(test.id);
      if (earlier !== undefined) {
        throw new DataFileError([{ file, field: `tests[${i}].id`, message: `duplicate test id "${test.id}" (first in ${earlier})` }]);
      }
      firstSeen.set(test.id, file);
      tests.push(test);
    });
  }
  const override = options.visitFeeUsd;
  return {
    tests,
    byId: new Map(tests.map((t) => [t.id, t])),
    visitFeeUsd: override ?? visit.visit_fee_usd,
    visitFeeSource: override === undefined ? visit.source : `estimate: visit fee of $${override} set for this run (default: ${visit.source})`,
  };
}

