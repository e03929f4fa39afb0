import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { DataFileError, formatProblem, readDataFile } from "../core/data-file.js";
import { SourceSchema } from "../core/source.js";
import { type BrainRole, BrainRoleSchema } from "../agents/roles.js";
import { secrets } from "./secrets.js";

export const BrainKindSchema = z.enum(["offline", "azure", "openai", "compatible"]);
export type BrainKind = z.infer<typeof BrainKindSchema>;
type Provider = Exclude<BrainKind, "offline">;

/**
 * How the model is made to return a role's schema: the `response_format` JSON schema, or a
 * forced function call. Both are widely served; jsonSchema is the default because local servers
 * (Ollama, llama.cpp, vLLM, LM Studio) constrain decoding to the schema with it.
 */
export const StructuredMethodSchema = z.enum(["jsonSchema", "functionCalling"]);
export type StructuredMethod = z.infer<typeof StructuredMethodSchema>;

/** Azure's GA API version with structured outputs; override with OPENAI_API_VERSION. */
export const DEFAULT_AZURE_API_VERSION = "2024-10-21";

const noKeyHere = (variable: string) =>
  z.never({ error: `API keys are never read from the config file: set ${variable} in the environment` }).optional();
const ApiVersionSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, "an Azure API version such as 2024-10-21");
const HttpUrlSchema = z.url({ protocol: /^https?$/, error: "an http(s) URL" });

export const PriceSchema = z
  .object({
    /** USD per million input (prompt) tokens. */
    inputPer1M: z.number().nonnegative(),
    /** USD per million output (completion) tokens. */
    outputPer1M: z.number().nonnegative(),
    source: SourceSchema,
  })
  .strict();
export type Price = z.infer<typeof PriceSchema>;

const RoleOverrideSchema = z.object({ brain: BrainKindSchema.optional(), model: z.string().min(1).optional() }).strict();

/** dxsim.config.yaml (or .json): which brain each role runs on and how to reach the providers. */
export const ConfigFileSchema = z
  .object({
    /** Brain of every role not pinned under `roles`. */
    brain: BrainKindSchema.optional(),
    /** Model (or Azure deployment) of every role not pinned under `roles`. */
    model: z.string().min(1).optional(),
    roles: z.partialRecord(BrainRoleSchema, RoleOverrideSchema).default({}),
    azure: z
      .object({
        endpoint: HttpUrlSchema.optional(),
        apiVersion: ApiVersionSchema.optional(),
        /** "entra": Microsoft Entra ID through DefaultAzureCredential instead of an API key. */
        auth: z.enum(["key", "entra"]).optional(),
        method: StructuredMethodSchema.optional(),
        apiKey: noKeyHere("AZURE_OPENAI_API_KEY"),
      })
      .strict()
      .default({}),
    openai: z
      .object({ baseURL: HttpUrlSchema.optional(), method: StructuredMethodSchema.optional(), apiKey: noKeyHere("OPENAI_API_KEY") })
      .strict()
      .default({}),
    compatible: z
      .object({ baseURL: HttpUrlSchema.optional(), method: StructuredMethodSchema.optional(), apiKey: noKeyHere("OPENAI_API_KEY") })
      .strict()
      .default({}),
    /** One request's time limit. */
    timeoutSeconds: z.number().positive().default(60),
    retries: z
      .object({
        /** Tries per call for timeouts, 429 and 5xx, the first included. */
        maxAttempts: z.number().int().min(1).max(10).default(3),
        baseDelayMs: z.number().int().nonnegative().default(500),
        /** Total waiting between tries of one call; past it the role falls back for the round. */
        maxWaitSeconds: z.number().nonnegative().default(30),
      })
      .strict()
      .default({ maxAttempts: 3, baseDelayMs: 500, maxWaitSeconds: 30 }),
    /** Sent only when set: some models accept no temperature but the default. */
    temperature: z.number().min(0).max(2).optional(),
    /** Price per model (or deployment) name, for the cost estimate. */
    prices: z.record(z.string(), PriceSchema).default({}),
    /** Tokens (in + out) one case may spend; when spent, the chair must decide. */
    tokenBudget: z.number().int().positive().optional(),
  })
  .strict();
export type ConfigFile = z.infer<typeof ConfigFileSchema>;

/** Where one role's answers come from. Holds no secret, so it can be stored in a recording. */
export const RoleBrainSchema = z.discriminatedUnion("provider", [
  z.object({ provider: z.literal("offline") }),
  z.object({ provider: z.literal("openai"), model: z.string(), baseURL: z.string().optional(), method: StructuredMethodSchema }),
  z.object({ provider: z.literal("compatible"), model: z.string(), baseURL: z.string(), method: StructuredMethodSchema }),
  z.object({
    provider: z.literal("azure"),
    /** The deployment name. */
    model: z.string(),
    endpoint: z.string(),
    apiVersion: z.string(),
    auth: z.enum(["key", "entra"]),
    method: StructuredMethodSchema,
  }),
]);
export type RoleBrain = z.infer<typeof RoleBrainSchema>;
export type ModelBrain = Exclude<RoleBrain, { provider: "offline" }>;

export const RetryPolicySchema = z.object({
  maxAttempts: z.number().int().min(1),
  baseDelayMs: z.number().nonnegative(),
  maxWaitMs: z.number().nonnegative(),
});
export type RetryPolicy = z.infer<typeof RetryPolicySchema>;

/** The resolved brain settings of a session: file, environment and flags merged; no secrets. */
export const LlmPlanSchema = z.object({
  roles: z.record(BrainRoleSchema, RoleBrainSchema),
  timeoutMs: z.number().positive(),
  retry: RetryPolicySchema,
  temperature: z.number().optional(),
  prices: z.record(z.string(), PriceSchema),
  tokenBudget: z.number().int().positive().optional(),
});
export type LlmPlan = z.infer<typeof LlmPlanSchema>;

/** The secrets a plan needs, read from the environment only. */
export interface Credentials {
  openaiApiKey?: string;
  azureApiKey?: string;
}

export interface BrainFlags {
  /** --brain: the brain of every role the config file does not pin. */
  brain?: string;
  /** --config: the config file; ./dxsim.config.{yaml,yml,json} when absent. */
  config?: string;
}

/** Settings that cannot work, each naming the variable or key to set. Raised before any call. */
export class LlmConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "LlmConfigError";
  }
}

export const CONFIG_FILE_NAMES = ["dxsim.config.yaml", "dxsim.config.yml", "dxsim.config.json"] as const;

/** The config file to read: the one named, or the first default name in the working directory. */
export function findConfigFile(named: string | undefined, cwd = process.cwd()): string | undefined {
  if (named) return resolve(cwd, named);
  return CONFIG_FILE_NAMES.map((n) => resolve(cwd, n)).find((p) => existsSync(p));
}

export function readConfigFile(file: string | undefined): ConfigFile {
  if (!file) return ConfigFileSchema.parse({});
  try {
    return readDataFile(file, ConfigFileSchema);
  } catch (e) {
    if (e instanceof DataFileError) throw new LlmConfigError(e.problems.map(formatProblem));
    throw e;
  }
}

const ENV_NAMES = {
  brain: "DXSIM_BRAIN",
  model: "DXSIM_MODEL",
  openaiKey: "OPENAI_API_KEY",
  baseURL: "OPENAI_BASE_URL",
  azureEndpoint: "AZURE_OPENAI_ENDPOINT",
  azureKey: "AZURE_OPENAI_API_KEY",
  apiVersion: "OPENAI_API_VERSION",
} as const;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Merges the config file, the environment and the flags into a plan and its credentials.
 * Precedence: a role pinned in the file, then flags, then environment, then the file's defaults.
 * Every problem is collected and reported at once, each naming what to set.
 */
export function resolveLlmConfig(file: ConfigFile, env: Env, flags: Pick<BrainFlags, "brain"> = {}, configName = "dxsim.config.yaml"): { plan: LlmPlan; credentials: Credentials } {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const brainFrom = (raw: string | undefined, where: string): BrainKind | undefined => {
    if (raw === undefined) return undefined;
    const parsed = BrainKindSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    problems.push(`${where}: expected one of ${BrainKindSchema.options.join(", ")}, got "${raw}"`);
    return undefined;
  };
  const urlFrom = (raw: string | undefined, where: string): string | undefined => {
    if (raw === undefined) return undefined;
    if (HttpUrlSchema.safeParse(raw).success) return raw.replace(/\/+$/, "");
    problems.push(`${where}: expected an http(s) URL, got "${raw}"`);
    return undefined;
  };

  const defaultBrain = brainFrom(flags.brain, "--brain") ?? brainFrom(value(ENV_NAMES.brain), ENV_NAMES.brain) ?? file.brain ?? "offline";
  const defaultModel = value(ENV_NAMES.model) ?? file.model;
  const apiVersion = value(ENV_NAMES.apiVersion) ?? file.azure.apiVersion ?? DEFAULT_AZURE_API_VERSION;
  if (!ApiVersionSchema.safeParse(apiVersion).success) problems.push(`${ENV_NAMES.apiVersion}: expected an Azure API version such as ${DEFAULT_AZURE_API_VERSION}, got "${apiVersion}"`);
  const azureEndpoint = urlFrom(value(ENV_NAMES.azureEndpoint), ENV_NAMES.azureEndpoint) ?? file.azure.endpoint?.replace(/\/+$/, "");
  const compatibleURL = urlFrom(value(ENV_NAMES.baseURL), ENV_NAMES.baseURL) ?? file.compatible.baseURL?.replace(/\/+$/, "");
  const credentials: Credentials = {
    ...(value(ENV_NAMES.openaiKey) ? { openaiApiKey: value(ENV_NAMES.openaiKey) } : {}),
    ...(value(ENV_NAMES.azureKey) ? { azureApiKey: value(ENV_NAMES.azureKey) } : {}),
  };
  secrets.add(credentials.openaiApiKey);
  secrets.add(credentials.azureApiKey);
  const azureAuth = file.azure.auth ?? (credentials.azureApiKey ? "key" : undefined);

  const roles = {} as Record<BrainRole, RoleBrain>;
  const needs = new Map<string, BrainRole[]>();
  const need = (message: string, role: BrainRole) => needs.set(message, [...(needs.get(message) ?? []), role]);
  for (const role of BrainRoleSchema.options) {
    const pinned = file.roles[role];
    const provider = pinned?.brain ?? defaultBrain;
    if (provider === "offline") {
      roles[role] = { provider: "offline" };
      continue;
    }
    const model = pinned?.model ?? defaultModel ?? "";
    if (!model) need(`set ${ENV_NAMES.model}, or \`model\` (or \`roles.${role}.model\`) in ${configName}${provider === "azure" ? " to the deployment name" : ""}`, role);
    const brain = brainOf(provider, model, role);
    if (brain.method === "jsonSchema" && lacksJsonSchema(model)) need(`model "${model}" cannot return a JSON schema: set \`${provider}.method: functionCalling\` in ${configName}`, role);
    roles[role] = brain;
  }
  for (const [message, who] of needs) problems.push(`${who.join(", ")}: ${message}`);
  if (problems.length) throw new LlmConfigError(problems);
  return {
    plan: {
      roles,
      timeoutMs: file.timeoutSeconds * 1000,
      retry: { maxAttempts: file.retries.maxAttempts, baseDelayMs: file.retries.baseDelayMs, maxWaitMs: file.retries.maxWaitSeconds * 1000 },
      ...(file.temperature !== undefined ? { temperature: file.temperature } : {}),
      prices: file.prices,
      ...(file.tokenBudget ? { tokenBudget: file.tokenBudget } : {}),
    },
    credentials,
  };

  function brainOf(provider: Provider, model: string, role: BrainRole): ModelBrain {
    switch (provider) {
      case "openai":
        if (!credentials.openaiApiKey) need(`the openai brain needs a key: set ${ENV_NAMES.openaiKey}`, role);
        return { provider, model, method: file.openai.method ?? "jsonSchema", ...(file.openai.baseURL ? { baseURL: file.openai.baseURL.replace(/\/+$/, "") } : {}) };
      case "compatible":
        if (!compatibleURL) need(`the compatible brain needs the server's URL: set ${ENV_NAMES.baseURL} (e.g. http://localhost:11434/v1 for Ollama) or \`compatible.baseURL\` in ${configName}`, role);
        return { provider, model, baseURL: compatibleURL ?? "", method: file.compatible.method ?? "jsonSchema" };
      case "azure":
        if (!azureEndpoint) need(`the azure brain needs the resource endpoint: set ${ENV_NAMES.azureEndpoint} or \`azure.endpoint\` in ${configName}`, role);
        if (!azureAuth) need(`the azure brain needs credentials: set ${ENV_NAMES.azureKey}, or \`azure.auth: entra\` in ${configName} for Microsoft Entra ID`, role);
        if (azureAuth === "key" && !credentials.azureApiKey) need(`\`azure.auth\` is "key": set ${ENV_NAMES.azureKey}`, role);
        return { provider, model, endpoint: azureEndpoint ?? "", apiVersion, auth: azureAuth ?? "key", method: file.azure.method ?? "jsonSchema" };
    }
  }
}

/** Models @langchain/openai refuses the jsonSchema method for (the same test it applies). */
const lacksJsonSchema = (model: string): boolean => model.startsWith("gpt-3") || model.startsWith("gpt-4-") || model === "gpt-4";

/** Short label of a role's brain for the debate and the screen: "offline", "azure:gpt-4o". */
export const brainLabel = (brain: RoleBrain): string => (brain.provider === "offline" ? "offline" : `${brain.provider}:${brain.model}`);

/** True when some role, the gatekeeper or the judge runs on a model. */
export const usesModels = (plan: LlmPlan): boolean => Object.values(plan.roles).some((b) => b.provider !== "offline");
