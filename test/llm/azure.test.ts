import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { ModelBrain } from "../../llm/config.js";
import { modelFactory } from "../../llm/provider.js";
import { structuredCaller } from "../../llm/structured.js";
import { liveTransport } from "../../llm/transport.js";
import { type FakeOpenAIServer, startFakeOpenAI } from "../../bench/support/fake-openai-server.js";
import { planFor, recordingSleep } from "./helpers.js";

const Score = z.object({ score: z.number().int(), justification: z.string() });

let server: FakeOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function judgeOnAzure(env: Record<string, string>, file: Parameters<typeof planFor>[1] = {}, azureTokenProvider?: () => Promise<string>) {
  const { plan, credentials } = planFor({ DXSIM_BRAIN: "azure", DXSIM_MODEL: "dx-judge-deploy", AZURE_OPENAI_ENDPOINT: server!.origin, ...env }, file);
  const call = structuredCaller({ plan, transport: liveTransport(), model: modelFactory(plan, credentials, azureTokenProvider ? { azureTokenProvider } : {}), sleep: recordingSleep().sleep });
  return call({
    site: { scope: "case-1", role: "judge" },
    brain: plan.roles.judge as ModelBrain,
    schema: Score,
    schemaName: "judge",
    prompt: { system: "Score it.", user: "Pneumonia against pneumonia." },
  });
}

describe("the azure brain", () => {
  it("calls the deployment's URL with the API version and an api-key header", async () => {
    server = await startFakeOpenAI(() => ({ output: { score: 5, justification: "same disease" } }));
    const outcome = await judgeOnAzure({ AZURE_OPENAI_API_KEY: "azure-test-key-123456", OPENAI_API_VERSION: "2024-08-01-preview" });
    expect(outcome).toMatchObject({ ok: true, output: { score: 5 }, usage: { inputTokens: 120, outputTokens: 30 } });
    const sent = server.requests[0]!;
    expect(sent.shape).toBe("azure");
    expect(sent.path).toBe("/openai/deployments/dx-judge-deploy/chat/completions");
    expect(sent.apiVersion).toBe("2024-08-01-preview");
    expect(sent.headers["api-key"]).toBe("azure-test-key-123456");
    expect(sent.headers.authorization).toBeUndefined();
  });

  it("uses the default GA API version when none is set", async () => {
    server = await startFakeOpenAI(() => ({ output: { score: 4, justification: "close" } }));
    await judgeOnAzure({ AZURE_OPENAI_API_KEY: "azure-test-key-123456" });
    expect(server.requests[0]!.apiVersion).toBe("2024-10-21");
  });

  it("sends a Microsoft Entra ID bearer token instead of a key with auth: entra", async () => {
    server = await startFakeOpenAI(() => ({ output: { score: 5, justification: "same" } }));
    const outcome = await judgeOnAzure({}, { azure: { auth: "entra" } }, async () => "entra-access-token-abcdef");
    expect(outcome.ok).toBe(true);
    const sent = server.requests[0]!;
    expect(sent.headers.authorization).toBe("Bearer entra-access-token-abcdef");
    expect(sent.headers["api-key"]).toBeUndefined();
  });
});
