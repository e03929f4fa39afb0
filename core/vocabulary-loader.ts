import { dataFilesIn, readDataFile } from "./data-file.js";
import type { KnowledgeBase } from "./knowledge.js";
import { vocabularyDir } from "./paths.js";
import { type Vocabulary, type VocabularyFile, VocabularyFileSchema, buildVocabulary } from "./vocabulary.js";

/** Reads every vocabulary file in a folder (scenarios/vocabulary by default); a bad file throws a DataFileError. */
export const loadVocabularyFiles = (dir: string = vocabularyDir): VocabularyFile[] => dataFilesIn(dir).map((file) => readDataFile(file, VocabularyFileSchema));

// The bundled files are read once; a vocabulary is built once per knowledge base.
let bundledFiles: VocabularyFile[] | undefined;
const built = new WeakMap<object, Vocabulary>();
const noKnowledge = {};

/** The bundled vocabulary files, read on first use. */
export function bundledVocabularyFiles(): VocabularyFile[] {
  bundledFiles ??= loadVocabularyFiles();
  return bundledFiles;
}

/**
 * Takes the bundled files as another thread of this process read them (a batch's worker
 * threads, runs/workers.ts): a thread that has parsed no YAML yet takes far longer over the
 * files than a copy takes to arrive. Ignored once this thread has its own.
 */
export function shareBundledVocabularyFiles(files: VocabularyFile[]): void {
  bundledFiles ??= files;
}

/** The bundled vocabulary with the knowledge base's diseases added. */
export function bundledVocabulary(kb?: KnowledgeBase): Vocabulary {
  const files = bundledVocabularyFiles();
  const slot = kb ?? noKnowledge;
  const vocabulary = built.get(slot) ?? buildVocabulary(files, kb);
  built.set(slot, vocabulary);
  return vocabulary;
}
