import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { LlmPlan, ModelBrain } from "../../llm/config.js";
import { modelFactory } from "../../llm/provider.js";
import { Recorder, ReplayDivergenceError, Replayer, readRecording } from "../../llm/recording.js";
import { structuredCaller } from "../../llm/structured.js";
import { type Transport, recordingTransport, replayTransport } from "../../llm/transport.js";
import { type FakeOpenAIServer, startFakeOpenAI } from "../../bench/support/fake-openai-server.js";
import { compatibleEnv, planFor, recordingSleep } from "./helpers.js";

const Reply = z.object({ text: z.string(), n: z.number().int() });

let server: FakeOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const recordingFile = () => join(mkdtempSync(join(tmpdir(), "dxsim-rec-")), "session.jsonl");

function caller(plan: LlmPlan, transport: Transport, credentials = {}) {
  const call = structuredCaller({ plan, transport, model: modelFactory(plan, credentials, { replay: transport.mode === "replay" }), sleep: recordingSleep().sleep });
  return (role: "skeptic" | "chair", user: string) =>
    call({ site: { scope: "case-1#0", role }, brain: plan.roles[role] as ModelBrain, schema: Reply, schemaName: role, prompt: { system: "Be brief.", user } });
}

async function recordSession(file: string) {
  // A 429, a malformed reply with its repair, and two plain calls from two roles.
  server = await startFakeOpenAI((req, i) => {
    if (i === 0) return { status: 429, retryAfter: "1" };
    if (i === 1) return { malformed: "{oops" };
    return { output: { text: `reply to ${req.body.messages[1]!.content.slice(0, 12)}`, n: i } };
  });
  const { plan, credentials } = planFor(compatibleEnv(server));
  const ask = caller(plan, recordingTransport(new Recorder(file, plan)), credentials);
  const outcomes = [await ask("skeptic", "first question"), await ask("chair", "second question"), await ask("skeptic", "third question")];
  return { plan, outcomes, requests: server.requests.length };
}

describe("record and replay", () => {
  it("writes every request and reply, and replays them with no network into the same outcomes", async () => {
    const file = recordingFile();
    const recorded = await recordSession(file);
    expect(recorded.requests).toBe(5);
    await server!.close();
    server = undefined;

    const { header, calls } = readRecording(file);
    expect(header.plan).toEqual(recorded.plan);
    expect(calls.map((c) => [c.index, c.role, c.request.schema, "status" in c.reply ? c.reply.status : c.reply.failure])).toEqual([
      [1, "skeptic", "skeptic", 429],
      [2, "skeptic", "skeptic", 200],
      [3, "skeptic", "skeptic", 200],
      [4, "chair", "chair", 200],
      [5, "skeptic", "skeptic", 200],
    ]);
    expect(calls[0]!.request.messages[1]).toEqual({ role: "user", content: "first question" });
    expect(calls[0]!.reply).toMatchObject({ headers: { "retry-after": "1" } });

    const replayer = new Replayer(calls);
    const ask = caller(header.plan, replayTransport(replayer));
    const replayed = [await ask("skeptic", "first question"), await ask("chair", "second question"), await ask("skeptic", "third question")];
    expect(replayed).toEqual(recorded.outcomes);
    expect(replayer.unused()).toEqual([]);
  });

  it("says at which call a replay diverges from its recording", async () => {
    const file = recordingFile();
    await recordSession(file);
    const { header, calls } = readRecording(file);
    const transport = replayTransport(new Replayer(calls));
    const ask = caller(header.plan, transport);
    await ask("skeptic", "first question");
    const diverged = ask("chair", "a different second question");
    await expect(diverged).rejects.toBeInstanceOf(ReplayDivergenceError);
    await expect(diverged).rejects.toThrow("replay diverged at call 4 (chair, case-1#0): message 2 (user) differs from the recording");
    expect(transport.divergence?.callIndex).toBe(4);
  });

  it("says when a replay asks for more calls than were recorded", async () => {
    const file = recordingFile();
    await recordSession(file);
    const { header, calls } = readRecording(file);
    const ask = caller(header.plan, replayTransport(new Replayer(calls)));
    await ask("chair", "second question");
    await expect(ask("chair", "second question")).rejects.toThrow("replay diverged: chair (case-1#0) made a call after its last recorded one (call 6 of a 5-call recording)");
  });

  it("rejects a file that is not a recording, naming the line", async () => {
    const file = recordingFile();
    await recordSession(file);
    const [header] = readFileSync(file, "utf8").split("\n");
    writeFileSync(file, `${header}\nnot json\n`);
    expect(() => readRecording(file)).toThrow(`${file}:2: not a JSON line`);
    writeFileSync(file, '{"dxsim":"llm-recording","version":1}\n');
    expect(() => readRecording(file)).toThrow(`${file}:1: not a dxsim recording line (plan: `);
  });
});
