import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { ModelBrain } from "../../llm/config.js";
import { modelFactory } from "../../llm/provider.js";
import { Recorder } from "../../llm/recording.js";
import { SecretRedactor, redactSecrets } from "../../llm/secrets.js";
import { structuredCaller } from "../../llm/structured.js";
import { recordingTransport } from "../../llm/transport.js";
import { type FakeOpenAIServer, startFakeOpenAI } from "../../bench/support/fake-openai-server.js";
import { planFor, recordingSleep } from "./helpers.js";

const FAKE_KEY = "sk-dxsimFAKEkey0123456789abcdefXYZ";

let server: FakeOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("secret redaction", () => {
  it("removes a registered secret wherever it appears", () => {
    const r = new SecretRedactor();
    r.add("my-azure-key-777");
    expect(r.redact("call failed with key my-azure-key-777 (my-azure-key-777)")).toBe("call failed with key [redacted] ([redacted])");
  });

  it("masks key-shaped strings it was not told about, as providers echo them", () => {
    const r = new SecretRedactor();
    expect(r.redact("Incorrect API key provided: sk-abc12***********xyz9. You can find your API key at …")).toBe(
      "Incorrect API key provided: [redacted] You can find your API key at …",
    );
    expect(r.redact("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc")).toBe("Authorization: [redacted]");
    expect(r.redact('{"api-key": "0123456789abcdef"}')).toBe('{"api-key": "[redacted]"}');
  });

  it("keeps clinical text as it is", () => {
    const text = "Risk-adjusted troponin 0.4 ng/mL; desk-based review; ask-the-patient question.";
    expect(new SecretRedactor().redact(text)).toBe(text);
  });

  it("keeps a key the provider echoes out of the fallback reason and the recording", async () => {
    server = await startFakeOpenAI(() => ({
      status: 401,
      body: { error: { message: `Incorrect API key provided: ${FAKE_KEY}. Check it.`, type: "invalid_request_error", code: "invalid_api_key" } },
    }));
    const { plan, credentials } = planFor({ DXSIM_BRAIN: "openai", DXSIM_MODEL: "gpt-4o-mini", OPENAI_API_KEY: FAKE_KEY }, { openai: { baseURL: server.baseURL } });
    const file = join(mkdtempSync(join(tmpdir(), "dxsim-secret-")), "rec.jsonl");
    const call = structuredCaller({ plan, transport: recordingTransport(new Recorder(file, plan)), model: modelFactory(plan, credentials), sleep: recordingSleep().sleep });
    const outcome = await call({
      site: { scope: "c", role: "chair" },
      brain: plan.roles.chair as ModelBrain,
      schema: z.object({ a: z.string() }),
      schemaName: "chair",
      prompt: { system: "s", user: "u" },
    });
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${FAKE_KEY}`);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.reason).toMatch(/^request rejected \(HTTP 401\)/);
    expect(JSON.stringify(outcome)).not.toContain(FAKE_KEY);
    expect(JSON.stringify(outcome)).not.toContain("dxsimFAKEkey");
    const recording = readFileSync(file, "utf8");
    expect(recording).toContain("Incorrect API key provided");
    expect(recording).not.toContain("dxsimFAKEkey");
    expect(redactSecrets(`key=${FAKE_KEY}`)).toBe("key=[redacted]");
  });
});
