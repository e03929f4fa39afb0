import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package root, found from this module whether it runs from source or from dist/. */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("dxsim: cannot find the package root (package.json)");
    dir = parent;
  }
  return dir;
}

export const packageRoot = findPackageRoot();
export const scenariosDir = join(packageRoot, "scenarios");
export const bundledCasesDir = join(scenariosDir, "cases");
export const catalogDir = join(scenariosDir, "catalog");
export const knowledgeDir = join(scenariosDir, "knowledge");
export const vocabularyDir = join(scenariosDir, "vocabulary");
