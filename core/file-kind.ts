import { basename } from "node:path";

/** The kinds of YAML/JSON file dxsim reads; `dxsim validate` checks each against its own schema. */
export type FileKind = "case" | "script" | "catalog" | "visit-fee" | "kb-meta" | "kb-findings" | "kb-diseases" | KnowledgeRuleKind | "vocabulary" | "config";

/** The knowledge base's other files, each told by its one top-level list. */
export const KNOWLEDGE_RULE_KINDS = {
  decisive: "knowledge-base decisive findings file",
  eligibility: "knowledge-base eligibility file",
  harms: "knowledge-base harms file",
  specimens: "knowledge-base specimens file",
  time_critical: "knowledge-base time-critical file",
  groups: "knowledge-base finding-groups file",
  management: "knowledge-base management file",
  case_mix: "knowledge-base case-mix file",
} as const;
export type KnowledgeRuleKind = `kb-${keyof typeof KNOWLEDGE_RULE_KINDS}`;

export const FILE_KIND_LABEL: Readonly<Record<FileKind, string>> = {
  case: "case",
  script: "physician script",
  catalog: "catalog file",
  "visit-fee": "catalog visit-fee file",
  "kb-meta": "knowledge-base meta file",
  "kb-findings": "knowledge-base findings file",
  "kb-diseases": "knowledge-base diseases file",
  ...(Object.fromEntries(Object.entries(KNOWLEDGE_RULE_KINDS).map(([key, label]) => [`kb-${key}`, label])) as Record<KnowledgeRuleKind, string>),
  vocabulary: "judge vocabulary file",
  config: "brain config file",
};

const CONFIG_NAME = /^dxsim\.config\.(ya?ml|json)$/i;
const CONFIG_KEYS = ["brain", "model", "roles", "azure", "openai", "compatible", "timeoutSeconds"];

/**
 * What a file is, told from its top-level keys (and the config file's fixed name), so that a
 * folder may hold any mix. Anything not recognisably another kind is taken for a case, so a
 * broken case is still checked as one and its problems named.
 */
export function fileKindOf(file: string, data: unknown): FileKind {
  if (CONFIG_NAME.test(basename(file))) return "config";
  if (Array.isArray(data)) return data.some((item) => isObject(item) && "rounds" in item) ? "script" : "case";
  if (!isObject(data)) return "case";
  const has = (key: string) => key in data;
  if (["id", "title", "presentation", "diagnosis", "key_tests"].some(has)) return "case";
  if (has("rounds") || has("case")) return "script";
  if (has("visit_fee_usd")) return "visit-fee";
  if (has("diseases")) return "kb-diseases";
  if (has("leak") || has("other_prior") || has("standard_tests")) return "kb-meta";
  if (Array.isArray(data.findings)) return "kb-findings";
  for (const key of Object.keys(KNOWLEDGE_RULE_KINDS)) if (Array.isArray(data[key])) return `kb-${key}` as KnowledgeRuleKind;
  if (Array.isArray(data.concepts)) return "vocabulary";
  if (Array.isArray(data.tests)) return "catalog";
  if (Object.keys(data).length > 0 && Object.keys(data).every((key) => CONFIG_KEYS.includes(key))) return "config";
  return "case";
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
