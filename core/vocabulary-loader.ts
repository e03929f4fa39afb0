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

/** The bundled vocabulary with the knowledge base's diseases added. */
export function bundledVocabulary(kb?: KnowledgeBase): Vocabulary {
  bundledFiles ??= loadVocabularyFiles();
  const slot = kb ?? noKnowledge;
  const vocabulary = built.get(slot) ?? buildVocabulary(bundledFiles, kb);
  built.set(slot, vocabulary);
  return vocabulary;
}
