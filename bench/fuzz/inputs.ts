import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { dataFilesIn } from "../../core/data-file.js";
import { bundledCasesDir, scenariosDir } from "../../core/paths.js";
import { mutate } from "./mutate.js";
import { Random } from "../../runs/random.js";

/** What a fuzz input is read as: the files people hand each other. */
export type FuzzKind = "case" | "script" | "config";

export interface FuzzInput {
  index: number;
  kind: FuzzKind;
  /** The seed file it was mutated from. */
  seed: string;
  mutation: string;
  /** File name to write it under (the extension matters: JSON errors say JSON). */
  name: string;
  bytes: Buffer;
}

/** Brain config files of the shapes the README shows. */
const CONFIG_SEEDS: Readonly<Record<string, string>> = {
  "offline.yaml": "brain: offline\n",
  "compatible.yaml":
    "brain: compatible\nmodel: llama3.1\ncompatible:\n  baseURL: http://127.0.0.1:8080/v1\n  method: jsonSchema\nroles:\n  chair:\n    brain: offline\ntimeoutSeconds: 30\n",
  "azure.yaml": "brain: azure\nmodel: gpt-4o\nazure:\n  endpoint: https://example.openai.azure.com\n  apiVersion: 2024-10-21\n  auth: entra\n",
  "openai.json": '{"brain":"openai","model":"gpt-4o-mini","openai":{"method":"functionCalling"},"roles":{"skeptic":{"model":"gpt-4o"}}}\n',
};

interface Seed {
  kind: FuzzKind;
  name: string;
  text: string;
  data: unknown;
}

function seeds(): Seed[] {
  const fromFiles = (kind: FuzzKind, files: string[]) =>
    files.map((file) => {
      const text = readFileSync(file, "utf8");
      return { kind, name: file.slice(file.lastIndexOf("/") + 1), text, data: parse(text) as unknown };
    });
  return [
    ...fromFiles("case", dataFilesIn(bundledCasesDir)),
    ...fromFiles("script", dataFilesIn(join(scenariosDir, "scripts"))),
    ...Object.entries(CONFIG_SEEDS).map(([name, text]) => ({ kind: "config" as const, name, text, data: parse(text) as unknown })),
  ];
}

/** Kinds in the proportions fuzzed: cases most, as they are the files most often handed on. */
const KIND_SHARE: readonly FuzzKind[] = ["case", "case", "case", "script", "config"];

/** `count` mutated inputs, the same for the same seed. */
export function* fuzzInputs(seed: number, count: number): Generator<FuzzInput> {
  const random = new Random(seed);
  const all = seeds();
  for (let index = 0; index < count; index++) {
    const kind = random.pick(KIND_SHARE);
    const from = random.pick(all.filter((s) => s.kind === kind));
    const { mutation, bytes } = mutate(from.text, from.data, random);
    const json = mutation === "JSON form" || from.name.endsWith(".json");
    yield { index, kind, seed: from.name, mutation, name: `${index}-${kind}.${json ? "json" : "yaml"}`, bytes };
  }
}
