import { AzureChatOpenAI, ChatOpenAI } from "@langchain/openai";
import type { Credentials, LlmPlan, ModelBrain } from "./config.js";
import { secrets } from "./secrets.js";

/**
 * Why @langchain/openai (ChatOpenAI, AzureChatOpenAI) and not the openai package's AzureOpenAI
 * directly: one client class for the three providers, differing only in URL shape and auth;
 * `withStructuredOutput` with `includeRaw` gives the parsed object and the raw message with its
 * usage_metadata; and it is already in the tree with LangGraph. @azure/openai 2.x is types only.
 *
 * Its own retries are off (maxRetries 0): dxsim retries itself, so Retry-After, the bound on
 * total waiting and the offline fallback stay under one policy (llm/structured.ts).
 */
export type ChatModel = ChatOpenAI;

/** Scope for Azure OpenAI access tokens from Microsoft Entra ID. */
export const AZURE_COGNITIVE_SCOPE = "https://cognitiveservices.azure.com/.default";

export interface ProviderDeps {
  /** Entra ID tokens for Azure; DefaultAzureCredential when absent. */
  azureTokenProvider?: () => Promise<string>;
  /** Replay: no credential is read and no token fetched, the recording answers. */
  replay?: boolean;
}

/** A token provider whose tokens are registered as secrets the moment they are handed out. */
function redactedTokens(provider: () => Promise<string>): () => Promise<string> {
  return async () => {
    const token = await provider();
    secrets.add(token);
    return token;
  };
}

/** DefaultAzureCredential's token provider, built on first use so @azure/identity loads only for Entra ID. */
function defaultAzureTokenProvider(): () => Promise<string> {
  let provider: Promise<() => Promise<string>> | undefined;
  return async () => {
    provider ??= import("@azure/identity").then(({ DefaultAzureCredential, getBearerTokenProvider }) =>
      getBearerTokenProvider(new DefaultAzureCredential(), AZURE_COGNITIVE_SCOPE),
    );
    return (await provider)();
  };
}

/**
 * Makes chat models for the brains of a plan. A model is cheap to build, so each request gets
 * its own, bound to the fetch that records or replays that request.
 */
export function modelFactory(plan: LlmPlan, credentials: Credentials, deps: ProviderDeps = {}): (brain: ModelBrain, fetch: typeof globalThis.fetch) => ChatModel {
  const tokenProvider = deps.replay ? undefined : redactedTokens(deps.azureTokenProvider ?? defaultAzureTokenProvider());
  const common = {
    maxRetries: 0,
    timeout: plan.timeoutMs,
    ...(plan.temperature !== undefined ? { temperature: plan.temperature } : {}),
  };
  // In replay the requests never leave the process; the client still wants a key to build.
  const key = (k: string | undefined, placeholder: string) => (deps.replay ? "replay" : (k ?? placeholder));

  return (brain, fetch) => {
    switch (brain.provider) {
      case "openai":
        return new ChatOpenAI({
          ...common,
          model: brain.model,
          apiKey: key(credentials.openaiApiKey, ""),
          configuration: { fetch, ...(brain.baseURL ? { baseURL: brain.baseURL } : {}) },
        });
      case "compatible":
        // Local servers mostly ignore the key; the client needs one, and OPENAI_API_KEY is used when set.
        return new ChatOpenAI({
          ...common,
          model: brain.model,
          apiKey: key(credentials.openaiApiKey, "not-needed"),
          configuration: { fetch, baseURL: brain.baseURL },
        });
      case "azure":
        return new AzureChatOpenAI({
          ...common,
          model: brain.model,
          azureOpenAIApiDeploymentName: brain.model,
          azureOpenAIEndpoint: brain.endpoint,
          azureOpenAIApiVersion: brain.apiVersion,
          ...(brain.auth === "entra" && tokenProvider ? { azureADTokenProvider: tokenProvider } : { azureOpenAIApiKey: key(credentials.azureApiKey, "") }),
          configuration: { fetch },
        });
    }
  };
}
