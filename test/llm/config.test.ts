import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigFileSchema, LlmConfigError, readConfigFile, resolveLlmConfig } from "../../llm/config.js";

const resolveWith = (env: Record<string, string>, file: object = {}, flags: { brain?: string } = {}) => resolveLlmConfig(ConfigFileSchema.parse(file), env, flags);

const problemsOf = (f: () => unknown): string[] => {
  try {
    f();
  } catch (e) {
    if (e instanceof LlmConfigError) return [...e.problems];
    throw e;
  }
  throw new Error("expected an LlmConfigError");
};

const tempFile = (name: string, text: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), "dxsim-config-")), name);
  writeFileSync(file, text);
  return file;
};

describe("brain configuration", () => {
  it("keeps every role offline by default", () => {
    const { plan } = resolveWith({});
    expect(Object.values(plan.roles).every((b) => b.provider === "offline")).toBe(true);
  });

  it("runs every role, the gatekeeper and the judge on a local server with --brain compatible and OPENAI_BASE_URL", () => {
    const { plan } = resolveWith({ OPENAI_BASE_URL: "http://localhost:11434/v1/", DXSIM_MODEL: "llama3.1" }, {}, { brain: "compatible" });
    expect(Object.keys(plan.roles).sort()).toEqual(["chair", "cost-steward", "gatekeeper", "hypothesis", "judge", "skeptic", "test-chooser"]);
    for (const brain of Object.values(plan.roles)) {
      expect(brain).toEqual({ provider: "compatible", model: "llama3.1", baseURL: "http://localhost:11434/v1", method: "jsonSchema" });
    }
  });

  it("lets roles pinned in the file differ: hypothesis on Azure, cost steward offline", () => {
    const { plan } = resolveWith(
      { OPENAI_BASE_URL: "http://127.0.0.1:8000/v1", AZURE_OPENAI_ENDPOINT: "https://dx.openai.azure.com", AZURE_OPENAI_API_KEY: "azure-key-0123456789" },
      { brain: "compatible", model: "qwen2.5", roles: { hypothesis: { brain: "azure", model: "gpt-4o-dx" }, "cost-steward": { brain: "offline" } } },
    );
    expect(plan.roles.hypothesis).toEqual({ provider: "azure", model: "gpt-4o-dx", endpoint: "https://dx.openai.azure.com", apiVersion: "2024-10-21", auth: "key", method: "jsonSchema" });
    expect(plan.roles["cost-steward"]).toEqual({ provider: "offline" });
    expect(plan.roles.skeptic).toMatchObject({ provider: "compatible", model: "qwen2.5" });
  });

  it("lets --brain win over DXSIM_BRAIN, and DXSIM_BRAIN over the file", () => {
    const env = { OPENAI_BASE_URL: "http://127.0.0.1:8000/v1", DXSIM_MODEL: "m", OPENAI_API_KEY: "sk-test-000000000000" };
    expect(resolveWith({ ...env, DXSIM_BRAIN: "openai" }, { brain: "offline" }).plan.roles.chair.provider).toBe("openai");
    expect(resolveWith({ ...env, DXSIM_BRAIN: "openai" }, { brain: "offline" }, { brain: "compatible" }).plan.roles.chair.provider).toBe("compatible");
  });

  it("names the variable to set when a key is missing, before any call", () => {
    expect(problemsOf(() => resolveWith({ DXSIM_MODEL: "gpt-4o-mini" }, {}, { brain: "openai" }))).toEqual([
      "hypothesis, test-chooser, skeptic, cost-steward, chair, gatekeeper, judge: the openai brain needs a key: set OPENAI_API_KEY",
    ]);
  });

  it("names the model setting when no model is given", () => {
    const [problem] = problemsOf(() => resolveWith({ OPENAI_BASE_URL: "http://127.0.0.1:8000/v1" }, { roles: { judge: { brain: "compatible" } } }));
    expect(problem).toBe("judge: set DXSIM_MODEL, or `model` (or `roles.judge.model`) in dxsim.config.yaml");
  });

  it("names the endpoint and credentials Azure needs", () => {
    const problems = problemsOf(() => resolveWith({ DXSIM_MODEL: "gpt-4o" }, { roles: { skeptic: { brain: "azure" } } }));
    expect(problems).toEqual([
      "skeptic: the azure brain needs the resource endpoint: set AZURE_OPENAI_ENDPOINT or `azure.endpoint` in dxsim.config.yaml",
      "skeptic: the azure brain needs credentials: set AZURE_OPENAI_API_KEY, or `azure.auth: entra` in dxsim.config.yaml for Microsoft Entra ID",
    ]);
  });

  it("accepts Microsoft Entra ID without a key", () => {
    const { plan, credentials } = resolveWith({ DXSIM_MODEL: "gpt-4o", AZURE_OPENAI_ENDPOINT: "https://dx.openai.azure.com" }, { brain: "azure", azure: { auth: "entra" } });
    expect(plan.roles.chair).toMatchObject({ provider: "azure", auth: "entra" });
    expect(credentials.azureApiKey).toBeUndefined();
  });

  it("names the variable holding a wrong value", () => {
    expect(problemsOf(() => resolveWith({ DXSIM_BRAIN: "ollama" }))).toEqual(['DXSIM_BRAIN: expected one of offline, azure, openai, compatible, got "ollama"']);
    expect(problemsOf(() => resolveWith({ OPENAI_BASE_URL: "localhost:11434", DXSIM_MODEL: "m" }, {}, { brain: "compatible" }))[0]).toBe(
      'OPENAI_BASE_URL: expected an http(s) URL, got "localhost:11434"',
    );
    expect(problemsOf(() => resolveWith({ OPENAI_API_VERSION: "latest" }))).toEqual(['OPENAI_API_VERSION: expected an Azure API version such as 2024-10-21, got "latest"']);
  });

  it("says to switch to function calling for a model that cannot return a JSON schema", () => {
    const [problem] = problemsOf(() => resolveWith({ OPENAI_API_KEY: "sk-test-000000000000" }, { roles: { chair: { brain: "openai", model: "gpt-4-turbo" } } }));
    expect(problem).toBe('chair: model "gpt-4-turbo" cannot return a JSON schema: set `openai.method: functionCalling` in dxsim.config.yaml');
  });

  it("refuses an API key in the config file, naming the variable and the line", () => {
    const file = tempFile("dxsim.config.yaml", "brain: azure\nazure:\n  endpoint: https://dx.openai.azure.com\n  apiKey: abc123abc123\n");
    const problems = problemsOf(() => readConfigFile(file));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${file}:4: azure.apiKey:`);
    expect(problems[0]).toContain("set AZURE_OPENAI_API_KEY in the environment");
  });

  it("reads prices, the token budget and retries from a JSON config file", () => {
    const file = tempFile(
      "dxsim.config.json",
      JSON.stringify({ tokenBudget: 50000, retries: { maxAttempts: 5 }, prices: { "gpt-4o": { inputPer1M: 2.5, outputPer1M: 10, source: "estimate: example price for a test" } } }),
    );
    const { plan } = resolveLlmConfig(readConfigFile(file), {});
    expect(plan.tokenBudget).toBe(50000);
    expect(plan.retry).toEqual({ maxAttempts: 5, baseDelayMs: 500, maxWaitMs: 30000 });
    expect(plan.prices["gpt-4o"]).toEqual({ inputPer1M: 2.5, outputPer1M: 10, source: "estimate: example price for a test" });
  });
});
