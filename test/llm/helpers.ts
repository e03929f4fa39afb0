import { type ConfigFile, ConfigFileSchema, type LlmPlan, type Credentials, resolveLlmConfig } from "../../llm/config.js";
import type { FakeOpenAIServer } from "../../bench/support/fake-openai-server.js";

/** Env that points every role, the gatekeeper and the judge at the fake server as a compatible brain. */
export const compatibleEnv = (server: FakeOpenAIServer, extra: Record<string, string> = {}) => ({
  DXSIM_BRAIN: "compatible",
  OPENAI_BASE_URL: server.baseURL,
  DXSIM_MODEL: "fake-model",
  ...extra,
});

/** A plan resolved the way the CLI resolves one, with fast retries for tests. */
export function planFor(env: Record<string, string>, file: Partial<ConfigFile> = {}): { plan: LlmPlan; credentials: Credentials } {
  const parsed = ConfigFileSchema.parse({ timeoutSeconds: 2, retries: { maxAttempts: 3, baseDelayMs: 100, maxWaitSeconds: 10 }, ...file });
  return resolveLlmConfig(parsed, env);
}

/** A sleep that returns at once and remembers what it was asked to wait. */
export function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}
