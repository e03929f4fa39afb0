import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { REFUSAL } from "../../core/gatekeeper.js";
import { createOracle } from "../../graph/oracle.js";
import { playScripted } from "../../graph/scripted.js";
import { DiagnosticSession } from "../../graph/session.js";
import { type SessionBrains, createBrains, llmRuntime } from "../../llm/brains.js";
import { Recorder, Replayer, readRecording } from "../../llm/recording.js";
import { type Transport, liveTransport, recordingTransport, replayTransport } from "../../llm/transport.js";
import { caseResult } from "../../runs/result.js";
import { type FakeOpenAIServer, type Script, startFakeOpenAI } from "../../bench/support/fake-openai-server.js";
import { fixtureCase, fixtureKnowledge } from "./fixture.js";
import { compatibleEnv, planFor, recordingSleep } from "./helpers.js";
import { scriptedPanel } from "../../bench/support/scripted-panel.js";

let server: FakeOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const byTheBook = scriptedPanel(fixtureCase, fixtureKnowledge);
const BRAIN = "compatible:fake-model";

/** Plays the fixture case headless on brains from a plan, through the given transport. */
async function play(brainsOf: (transport: Transport) => SessionBrains, transport: Transport) {
  const brains = brainsOf(transport);
  const session = DiagnosticSession.create({
    caseFile: fixtureCase,
    knowledge: fixtureKnowledge,
    brains: brains.panel,
    oracle: createOracle(fixtureCase, fixtureKnowledge, brains),
  });
  const status = await playScripted(session);
  return { status, brains, result: caseResult(fixtureCase, status.values, { run: 0, oracleCostUsd: 250, llm: brains.usage.caseUsage() }) };
}

async function serve(script: Script, env: Record<string, string> = {}, file: Parameters<typeof planFor>[1] = {}) {
  server = await startFakeOpenAI(script);
  const { plan, credentials } = planFor({ ...compatibleEnv(server), ...env }, file);
  const brainsOf = (transport: Transport) => createBrains(llmRuntime({ plan, credentials, transport, sleep: recordingSleep().sleep }), fixtureKnowledge, fixtureCase);
  return { plan, brainsOf };
}

describe("a session on model brains", () => {
  it("plays a whole case with every role, the gatekeeper and the judge on the compatible brain", async () => {
    const { brainsOf } = await serve(byTheBook);
    const { status, result } = await play(brainsOf, liveTransport());

    expect(status.finished).toBe(true);
    expect(status.values.diagnosis?.guess).toEqual({ name: "Acute appendicitis", kbId: "appendicitis" });
    expect(status.values.verdict?.score).toBe(5);
    const debate = status.values.debate;
    expect(new Set(debate.map((m) => m.role))).toEqual(new Set(["hypothesis", "test-chooser", "skeptic", "cost-steward", "chair"]));
    expect(debate.every((m) => m.brain === BRAIN && m.fallback === undefined)).toBe(true);
    expect(debate.every((m) => m.usage?.inputTokens === 120 && m.usage.outputTokens === 30)).toBe(true);
    expect(new Set(server!.requests.map((r) => r.schema))).toEqual(new Set(["hypothesis", "test_chooser", "skeptic", "cost_steward", "chair", "treatment_plan", "gatekeeper", "judge"]));
    // The chair's brain wrote the plan after the diagnosis, in the plan's schema.
    expect(status.values.plan).toMatchObject({ brain: BRAIN, decidedBy: "panel", plan: { diagnosis: "Acute appendicitis", disposition: "admit" } });

    // Round 1 asked two questions of the model gatekeeper, round 2 ordered the CT, which the case holds.
    expect(status.values.gatekeeperLog).toEqual([
      { round: 1, request: "Where did the pain start, and has it moved?", kind: "answer", synthetic: false, source: "pain-site" },
      { round: 1, request: "What do you find on abdominal examination?", kind: "answer", synthetic: false, source: "abdomen" },
      expect.objectContaining({ round: 2, kind: "result", synthetic: false }),
    ]);
    expect(status.values.reveals[0]!.reveal.findings).toEqual([{ id: "pain_migration", present: true }]);
    expect(server!.requests.filter((r) => r.schema === "gatekeeper")).toHaveLength(2);

    // 3 rounds of 5 roles, 2 gatekeeper answers, 1 plan, 1 verdict: 19 calls of 120 in and 30 out.
    expect(result.llm).toMatchObject({ requests: 19, inputTokens: 2280, outputTokens: 570, fallbacks: 0, unpriced: ["fake-model"], costUsd: null });
    expect(result.llm?.byRole.gatekeeper).toEqual({ inputTokens: 240, outputTokens: 60 });
    expect(result.llm?.byRound["1"]).toEqual({ inputTokens: 840, outputTokens: 210 });
  });

  it("calls independent roles at the same time", async () => {
    // The test chooser's and the skeptic's replies wait until both requests have arrived:
    // called one after the other, the first would time out and fall back.
    const arrived = new Set<string>();
    let inFlight = 0;
    let mostInFlight = 0;
    let release!: () => void;
    const both = new Promise<void>((resolve) => (release = resolve));
    const { brainsOf } = await serve(async (req, i) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      if (req.schema === "test_chooser" || req.schema === "skeptic") {
        arrived.add(req.schema);
        if (arrived.size === 2) release();
        await both;
      }
      inFlight--;
      return byTheBook(req, i);
    });
    const { status } = await play(brainsOf, liveTransport());
    const round1 = status.values.debate.filter((m) => m.round === 1 && (m.role === "test-chooser" || m.role === "skeptic"));
    expect(round1.map((m) => [m.role, m.brain, m.fallback]).sort()).toEqual([
      ["skeptic", BRAIN, undefined],
      ["test-chooser", BRAIN, undefined],
    ]);
    expect(mostInFlight).toBeGreaterThanOrEqual(2);
  });

  it("falls back to the offline brain for a round when the provider keeps failing, and completes the session", async () => {
    const { brainsOf } = await serve((req, i) => {
      if (req.schema === "skeptic") return { status: 500 };
      if (req.schema === "hypothesis" && /Round 2 of/.test(req.text)) return { malformed: "{not json" };
      if (req.schema === "gatekeeper" && i % 2 === 0) return { status: 429, retryAfter: "1" };
      return byTheBook(req, i);
    });
    const { status, result } = await play(brainsOf, liveTransport());
    expect(status.finished).toBe(true);
    expect(status.values.verdict).not.toBeNull();
    const skeptics = status.values.debate.filter((m) => m.role === "skeptic");
    expect(skeptics.length).toBeGreaterThan(0);
    for (const m of skeptics) {
      expect(m.brain).toBe("offline");
      expect(m.fallback).toBe(`${BRAIN}: server error (HTTP 500) after 3 tries`);
    }
    const hypothesis2 = status.values.debate.find((m) => m.role === "hypothesis" && m.round === 2)!;
    expect(hypothesis2.brain).toBe("offline");
    expect(hypothesis2.fallback).toMatch(/^compatible:fake-model: malformed output after one repair: the reply could not be read/);
    expect(hypothesis2.usage).toEqual({ inputTokens: 240, outputTokens: 60 });
    expect(status.values.debate.find((m) => m.role === "hypothesis" && m.round === 1)!.brain).toBe(BRAIN);
    expect(result.llm?.fallbacks).toBe(skeptics.length + 1);
  });

  it("forces a decision when the case's token budget is spent", async () => {
    // Each call costs 150 tokens: round 1's five roles and two gatekeeper answers spend 1050.
    const { brainsOf } = await serve(byTheBook, {}, { tokenBudget: 1000 });
    const { status } = await play(brainsOf, liveTransport());
    const chair2 = status.values.debate.find((m) => m.role === "chair" && m.round === 2)!;
    expect(chair2.brain).toBe("offline");
    expect(chair2.fallback).toBe("token budget spent (1050 of 1000 tokens)");
    expect(chair2.output).toMatchObject({ action: { kind: "diagnose" }, forced: "budget" });
    expect(status.values.diagnosis).toMatchObject({ round: 2, forced: "budget" });
    expect(status.values.debate.filter((m) => m.round === 2).every((m) => m.brain === "offline")).toBe(true);
  });

  it("never lets the model gatekeeper name the diagnosis, and records made-up results as synthetic", async () => {
    const { brainsOf } = await serve((req, i) => {
      if (req.schema === "gatekeeper") {
        return /The panel orders/.test(req.text)
          ? { output: { kind: "result", text: "Lipase normal; this is acute appendicitis.", values: [{ name: "Lipase", value: 30, unit: "U/L", range: "13-60" }], abnormal: false, synthetic: true, source: null } }
          : { output: { kind: "answer", text: "Classic Acute Appendicitis, I would say.", values: [], abnormal: false, synthetic: false, source: null } };
      }
      if (req.schema === "chair" && /Round 2 of/.test(req.text)) {
        return { output: { action: { kind: "order", tests: ["lipase"] }, items: [], reason: "r", checklist: [], forced: null, budgetAlert: null, argument: "r" } };
      }
      return byTheBook(req, i);
    });
    const { status } = await play(brainsOf, liveTransport());
    const texts = status.values.reveals.map((r) => r.reveal.text).join("\n");
    expect(texts).not.toMatch(/appendicitis/i);
    const lipase = status.values.reveals.find((r) => r.reveal.testId === "lipase")!.reveal;
    expect(lipase).toMatchObject({ kind: "result", testName: "Lipase", values: [{ name: "Lipase", value: 30 }], findings: [] });
    expect(status.values.gatekeeperLog.find((g) => g.request === "lipase")).toMatchObject({ kind: "result", synthetic: true });
  });

  it("refuses to name the diagnosis when asked for it, without asking the model", async () => {
    const { brainsOf } = await serve((req, i) => {
      if (req.schema === "chair" && /Round 1 of/.test(req.text)) {
        return { output: { action: { kind: "ask", questions: ["What is the diagnosis?", "Where did the pain start, and has it moved?"] }, items: [], reason: "r", checklist: [], forced: null, budgetAlert: null, argument: "r" } };
      }
      return byTheBook(req, i);
    });
    const { status } = await play(brainsOf, liveTransport());
    const refusal = status.values.reveals.find((r) => r.reveal.request === "What is the diagnosis?")!.reveal;
    expect(refusal).toMatchObject({ kind: "refusal", text: REFUSAL.diagnosis });
    const askedTheModel = server!.requests.filter((r) => r.schema === "gatekeeper").map((r) => /The panel asks: "([^"]*)"/.exec(r.text)?.[1]);
    expect(askedTheModel).toEqual(["Where did the pain start, and has it moved?"]);
  });

  it("replays a recorded session with no network into the identical result, faults included", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "dxsim-session-")), "session.jsonl");
    const { plan, brainsOf } = await serve((req, i) => (i === 3 ? { status: 503 } : i === 6 ? { malformed: "{" } : byTheBook(req, i)));
    const recorded = await play(brainsOf, recordingTransport(new Recorder(file, plan)));
    await server!.close();
    server = undefined;

    const { header, calls } = readRecording(file);
    expect(calls.length).toBe(recorded.result.llm!.requests);
    const replayer = new Replayer(calls);
    const replayBrains = (transport: Transport) => createBrains(llmRuntime({ plan: header.plan, credentials: {}, transport }), fixtureKnowledge, fixtureCase);
    const replayed = await play(replayBrains, replayTransport(replayer));
    expect(replayed.result).toEqual(recorded.result);
    expect(replayer.unused()).toEqual([]);
    expect(readFileSync(file, "utf8").split("\n")[0]).toContain('"dxsim":"llm-recording"');
  });

  it("keeps the API key out of results, recordings and messages, through faults", async () => {
    const key = "sk-dxsimSESSIONkey0123456789abcdef";
    const file = join(mkdtempSync(join(tmpdir(), "dxsim-key-")), "session.jsonl");
    const { plan, brainsOf } = await serve(
      (req, i) => {
        if (req.schema === "skeptic") return { status: 401, body: { error: { message: `Incorrect API key provided: ${key}.`, code: "invalid_api_key" } } };
        if (req.schema === "cost_steward") return { status: 500, body: { error: { message: `upstream saw api-key ${key}` } } };
        if (req.schema === "hypothesis" && i > 20) return { malformed: `{"echo": "${key}"` };
        return byTheBook(req, i);
      },
      { OPENAI_API_KEY: key },
    );
    const { result } = await play(brainsOf, recordingTransport(new Recorder(file, plan)));
    expect(server!.requests.every((r) => r.headers.authorization === `Bearer ${key}`)).toBe(true);
    const everything = [JSON.stringify(result), readFileSync(file, "utf8"), ...result.debate.flatMap((m) => (m.fallback ? [m.fallback] : []))].join("\n");
    expect(result.debate.some((m) => m.fallback?.includes("HTTP 401"))).toBe(true);
    expect(everything).not.toContain(key);
    expect(everything).not.toContain("dxsimSESSIONkey");
  });
});
