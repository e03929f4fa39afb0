import { loadCatalog } from "../core/catalog-loader.js";
import { loadKnowledge } from "../core/knowledge-loader.js";
import type { Knowledge } from "../agents/view.js";

/** The bundled knowledge base and catalog, read once per process. */
export function loadBundledKnowledge(options: { visitFeeUsd?: number } = {}): Knowledge {
  return { kb: loadKnowledge(), catalog: loadCatalog(undefined, options) };
}
