import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadBundledKnowledge } from "../../cli/knowledge.js";
import type { Case } from "../../core/case.js";
import { importDiagnosisArena } from "../../core/import/diagnosisarena.js";
import { createOracle } from "../../graph/oracle.js";
import { playScripted } from "../../graph/scripted.js";
import { DiagnosticSession } from "../../graph/session.js";
import type { SessionSettings } from "../../core/settings.js";
import { type SessionBrains, createBrains, llmRuntime } from "../../llm/brains.js";
import { Recorder, Replayer, readRecording } from "../../llm/recording.js";
import { type Transport, recordingTransport, replayTransport } from "../../llm/transport.js";
import { caseResult } from "../../runs/result.js";
import { type FakeOpenAIServer, startFakeOpenAI } from "../../bench/support/fake-openai-server.js";
import { scriptedPanel } from "../../bench/support/scripted-panel.js";
import { compatibleEnv, planFor, recordingSleep } from "./helpers.js";

/** Model brains, record and replay on a case imported from DiagnosisArena lines (the team's own sample). */
const knowledge = loadBundledKnowledge();
const imported = importDiagnosisArena(readFileSync(join(import.meta.dirname, "../fixtures/diagnosisarena-sample.jsonl"), "utf8"), { catalog: knowledge.catalog });
const arenaCase: Case = imported.cases.find((c) => c.case.id === "diagnosisarena-da-s03")!.case;

let server: FakeOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function play(brainsOf: (t: Transport) => SessionBrains, transport: Transport, settings: Partial<SessionSettings> = {}) {
  const brains = brainsOf(transport);
  const session = DiagnosticSession.create({ caseFile: arenaCase, knowledge, settings, brains: brains.panel, oracle: createOracle(arenaCase, knowledge, brains) });
  const status = await playScripted(session);
  return { status, result: caseResult(arenaCase, status.values, { run: 0, oracleCostUsd: 0, llm: brains.usage.caseUsage() }) };
}

async function serve() {
  server = await startFakeOpenAI(scriptedPanel(arenaCase, knowledge));
  const { plan, credentials } = planFor(compatibleEnv(server));
  return { plan, brainsOf: (t: Transport) => createBrains(llmRuntime({ plan, credentials, transport: t, sleep: recordingSleep().sleep }), knowledge, arenaCase) };
}

describe("an imported DiagnosisArena case on model brains", () => {
  it("plays to a judged diagnosis and a plan, ordering the case's own tests, and replays with no network into the same result", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "dxsim-arena-")), "arena.jsonl");
    const { plan, brainsOf } = await serve();
    const recorded = await play(brainsOf, recordingTransport(new Recorder(file, plan)));
    expect(recorded.status.finished).toBe(true);
    expect(recorded.result.diagnosis?.name).toBe("Pheochromocytoma");
    expect(recorded.result.verdict.score).toBe(5);
    expect(recorded.result.plan?.brain).toBe("compatible:fake-model");
    // The key tests include the case's own (not in the catalog), charged at their marked estimate or borrowed price.
    const charged = recorded.status.values.ledger.entries.filter((e) => e.kind === "test").map((e) => e.name);
    expect(charged).toEqual(expect.arrayContaining(arenaCase.key_tests.map((id) => knowledge.catalog.byId.get(id)?.name ?? arenaCase.case_tests.find((t) => t.id === id)!.name)));
    expect(recorded.status.values.debate.every((m) => m.fallback === undefined)).toBe(true);
    await server!.close();
    server = undefined;

    const { header, calls } = readRecording(file);
    expect(calls.length).toBe(recorded.result.llm!.requests);
    const replayer = new Replayer(calls);
    const replayed = await play((t) => createBrains(llmRuntime({ plan: header.plan, credentials: {}, transport: t }), knowledge, arenaCase), replayTransport(replayer));
    expect(replayed.result).toEqual(recorded.result);
    expect(replayer.unused()).toEqual([]);
  });

  it("under --mcq tells the model the options and scores the one it names", async () => {
    const { brainsOf } = await serve();
    const { result } = await play(brainsOf, recordingTransport(new Recorder(join(mkdtempSync(join(tmpdir(), "dxsim-arena-")), "mcq.jsonl"), planFor(compatibleEnv(server!)).plan)), { mcq: true });
    expect(server!.requests.filter((r) => r.schema === "chair").every((r) => r.text.includes("This case is multiple choice: the final diagnosis must be one of A. Panic disorder; B. Hyperthyroidism; C. Pheochromocytoma"))).toBe(true);
    expect(result.mcq).toEqual({ chosen: 2, answer: 2, correct: true });
  });
});
