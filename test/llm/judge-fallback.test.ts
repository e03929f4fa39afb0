import { afterEach, describe, expect, it } from "vitest";
import { type FakeOpenAIServer, startFakeOpenAI } from "../../bench/support/fake-openai-server.js";
import { JUDGE_RUBRIC, judgeDiagnosis } from "../../core/judge.js";
import { createBrains, llmRuntime } from "../../llm/brains.js";
import { liveTransport } from "../../llm/transport.js";
import { fixtureCase, fixtureKnowledge } from "./fixture.js";
import { compatibleEnv, planFor, recordingSleep } from "./helpers.js";

let server: FakeOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function modelJudge(reply: Parameters<typeof startFakeOpenAI>[0]) {
  server = await startFakeOpenAI(reply);
  const { plan, credentials } = planFor(compatibleEnv(server));
  const brains = createBrains(llmRuntime({ plan, credentials, transport: liveTransport(), sleep: recordingSleep().sleep }), fixtureKnowledge, fixtureCase);
  return brains.judge!;
}

describe("the model judge", () => {
  const guess = { name: "Appendicitis or mesenteric adenitis" };

  it("is sent the offline judge's rubric, and its score carries the rules' score in the reason", async () => {
    const judge = await modelJudge(() => ({ output: { score: 2, justification: "A list that does not commit." } }));
    const v = await judge.judge(guess);
    expect(server!.requests[0]!.text).toContain(JUDGE_RUBRIC.split("\n")[0]!);
    expect(v).toMatchObject({ score: 2, correct: false });
    expect(v.reason).toContain("rules: 2/5");
  });

  it("falls back to the offline judge when the model fails, and says so in the reason", async () => {
    const judge = await modelJudge(() => ({ status: 500 }));
    const v = await judge.judge(guess);
    const offline = judgeDiagnosis(fixtureCase, fixtureKnowledge.kb, guess);
    expect(v.score).toBe(offline.score);
    expect(v.reason).toBe(`${offline.reason} (offline judge: compatible:fake-model: server error (HTTP 500) after 3 tries)`);
  });
});
