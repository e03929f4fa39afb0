import { createRequire } from "node:module";

type Yaml = typeof import("yaml");
let loaded: Yaml | undefined;

/**
 * The yaml library, loaded on first use rather than on import: a batch's worker threads
 * (runs/case-worker.ts) are handed their cases, knowledge and vocabulary already parsed and never
 * read YAML, and its 70-odd modules would otherwise be loaded by each before its first case.
 * In Node the library is CommonJS, so this is the same instance an `import` gets.
 */
export const yaml = (): Yaml => (loaded ??= createRequire(import.meta.url)("yaml") as Yaml);
