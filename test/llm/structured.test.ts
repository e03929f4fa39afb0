import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { ModelBrain } from "../../llm/config.js";
import { modelFactory } from "../../llm/provider.js";
import { type StructuredRequest, structuredCaller } from "../../llm/structured.js";
import { liveTransport } from "../../llm/transport.js";
import { type FakeOpenAIServer, type Script, startFakeOpenAI } from "../../bench/support/fake-openai-server.js";
import { compatibleEnv, planFor, recordingSleep } from "./helpers.js";

const Answer = z.object({
  leader: z.string(),
  p: z.number().min(0).max(1),
  tests: z.array(z.discriminatedUnion("kind", [z.object({ kind: z.literal("lab"), id: z.string() }), z.object({ kind: z.literal("imaging"), id: z.string(), contrast: z.boolean().optional() })])),
});
const good = { leader: "appendicitis", p: 0.7, tests: [{ kind: "lab", id: "cbc" }] };

let server: FakeOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function callWith(script: Script, options: { file?: Parameters<typeof planFor>[1]; env?: Record<string, string> } = {}) {
  server = await startFakeOpenAI(script);
  const { plan, credentials } = planFor({ ...compatibleEnv(server), ...options.env }, options.file);
  const { waits, sleep } = recordingSleep();
  const transport = liveTransport();
  const call = structuredCaller({ plan, transport, model: modelFactory(plan, credentials), sleep });
  const request: StructuredRequest<typeof Answer> = {
    site: { scope: "case-1", role: "hypothesis" },
    brain: plan.roles.hypothesis as ModelBrain,
    schema: Answer,
    schemaName: "hypothesis",
    prompt: { system: "You rank diagnoses.", user: "Right lower quadrant pain." },
  };
  return { outcome: await call(request), waits, requests: server.requests };
}

describe("a structured call over HTTP", () => {
  it("returns the schema's object and the tokens the server reported", async () => {
    const { outcome, requests } = await callWith(() => ({ output: good, usage: { prompt_tokens: 321, completion_tokens: 54 } }));
    expect(outcome).toEqual({ ok: true, output: good, usage: { inputTokens: 321, outputTokens: 54 }, requests: 1 });
    const sent = requests[0]!;
    expect(sent.shape).toBe("openai");
    expect(sent.body.model).toBe("fake-model");
    expect(sent.body.response_format?.type).toBe("json_schema");
    expect(sent.body.response_format?.json_schema?.name).toBe("hypothesis");
    expect(sent.body.response_format?.json_schema?.strict).toBe(false);
    expect(JSON.stringify(sent.body.response_format?.json_schema?.schema)).toContain('"anyOf"');
    expect(sent.body.messages.map((m) => m.role)).toEqual(["system", "user"]);
  });

  it("asks for a forced function call when the method is functionCalling", async () => {
    const { outcome, requests } = await callWith(() => ({ output: good }), { file: { compatible: { method: "functionCalling" } } });
    expect(outcome.ok && outcome.output).toEqual(good);
    expect(requests[0]!.body.response_format).toBeUndefined();
    expect(requests[0]!.body.tools?.[0]?.function.name).toBe("hypothesis");
    expect(requests[0]!.body.tool_choice).toEqual({ type: "function", function: { name: "hypothesis" } });
  });

  it("waits out a 429's Retry-After, then succeeds", async () => {
    const { outcome, waits, requests } = await callWith((_r, i) => (i === 0 ? { status: 429, retryAfter: "2" } : { output: good }));
    expect(outcome.ok).toBe(true);
    expect(waits).toEqual([2000]);
    expect(requests).toHaveLength(2);
  });

  it("retries server errors with exponential backoff, then gives up with a reason", async () => {
    const { outcome, waits, requests } = await callWith(() => ({ status: 503 }));
    expect(waits).toEqual([100, 200]);
    expect(requests).toHaveLength(3);
    expect(outcome).toMatchObject({ ok: false, reason: "server error (HTTP 503) after 3 tries", requests: 3 });
  });

  it("gives up at once when the Retry-After passes the total wait allowed", async () => {
    const { outcome, waits } = await callWith(() => ({ status: 429, retryAfter: "120" }));
    expect(waits).toEqual([]);
    expect(outcome).toMatchObject({ ok: false, reason: "rate limited (429, Retry-After 120s)" });
  });

  it("times out a reply that never comes, and retries it", async () => {
    const { outcome, requests } = await callWith((_r, i) => (i === 0 ? { hang: true } : { output: good }), { file: { timeoutSeconds: 0.3 } });
    expect(outcome.ok).toBe(true);
    expect(requests).toHaveLength(2);
  });

  it("waits for a slow reply that comes within the time limit, without retrying", async () => {
    const { outcome, requests, waits } = await callWith(() => ({ output: good, delayMs: 300 }));
    expect(outcome.ok).toBe(true);
    expect(requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("does not retry a request the server rejects", async () => {
    const { outcome, requests } = await callWith(() => ({ status: 400, body: { error: { message: "bad schema", type: "invalid_request_error" } } }));
    expect(requests).toHaveLength(1);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.reason).toMatch(/^request rejected \(HTTP 400\)/);
  });

  it("repairs malformed JSON once, quoting the problem, and counts the tokens of both replies", async () => {
    const { outcome, requests } = await callWith((_r, i) => (i === 0 ? { malformed: '{"leader": "appendicitis", "p": 0.7, ' } : { output: good }));
    expect(outcome).toEqual({ ok: true, output: good, usage: { inputTokens: 240, outputTokens: 60 }, requests: 2 });
    const repair = requests[1]!.body.messages.at(-1)!;
    expect(repair.role).toBe("user");
    expect(repair.content).toContain("did not fit the required schema");
    expect(repair.content).toContain('{"leader": "appendicitis"');
  });

  it("repairs an object that breaks the schema, naming the field", async () => {
    const { outcome, requests } = await callWith((_r, i) => (i === 0 ? { output: { ...good, p: 7 } } : { output: good }));
    expect(outcome.ok).toBe(true);
    expect(requests[1]!.body.messages.at(-1)!.content).toMatch(/^Your previous reply did not fit the required schema: p: /);
  });

  it("gives up after one failed repair", async () => {
    const { outcome, requests } = await callWith(() => ({ malformed: "I think it is appendicitis." }));
    expect(requests).toHaveLength(2);
    expect(outcome).toMatchObject({ ok: false, usage: { inputTokens: 240, outputTokens: 60 } });
    expect(!outcome.ok && outcome.reason).toMatch(/^malformed output after one repair/);
  });
});
