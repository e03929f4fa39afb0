import { describe, expect, it } from "vitest";
import { DiagnosticSession } from "../../graph/session.js";
import { specimenRefusal } from "../../core/specimens.js";
import { harmsOf } from "../../reasoning/harm.js";
import { bundled, bundledCase } from "./helpers.js";

const { knowledge } = bundled();
const kb = knowledge.kb;
const start = (caseId: string) => DiagnosticSession.create({ caseFile: bundledCase(caseId), knowledge, settings: {} });

describe("harms: contraindicated tests (harms.yaml)", () => {
  it("a stress test is contraindicated while dissection is live, not once it is unlikely", () => {
    const context = (p: number) => ({ differential: [{ id: "aortic_dissection", p }], evidence: {}, done: new Set<string>() });
    expect(harmsOf(kb, "stress_test", context(0.2))).toHaveLength(1);
    expect(harmsOf(kb, "stress_test", context(0.001))).toHaveLength(0);
  });

  it("a lumbar puncture with papilloedema waits for head imaging", () => {
    const context = (done: string[]) => ({ differential: [], evidence: { papilloedema: true }, done: new Set(done) });
    expect(harmsOf(kb, "lumbar_puncture", context([]))[0]?.reason).toMatch(/image the head/);
    expect(harmsOf(kb, "lumbar_puncture", context(["ct_head"]))).toHaveLength(0);
  });

  it("a physician's contraindicated order is recorded with its reason; the panel's own orders never are", async () => {
    const session = start("cp-02");
    await session.start();
    const status = await session.decide({ kind: "replace", action: { kind: "order", tests: ["stress_test"] } });
    expect(status.values.harms).toEqual([expect.objectContaining({ round: 1, reason: expect.stringMatching(/contraindicated.*dissection/) })]);
    const panel = await import("../../graph/scripted.js").then(({ playScripted }) => playScripted(start("cp-02")));
    expect(panel.values.harms).toEqual([]);
  });
});

describe("specimens: an analysis needs its procedure (specimens.yaml)", () => {
  it("CSF analysis alone is refused with the reason; with the lumbar puncture it is not", () => {
    expect(specimenRefusal(kb, "csf_analysis", new Set(), [])).toMatch(/cerebrospinal fluid.*lumbar puncture/);
    expect(specimenRefusal(kb, "csf_analysis", new Set(), ["lumbar_puncture"])).toBeNull();
    expect(specimenRefusal(kb, "csf_analysis", new Set(["lumbar_puncture"]), [])).toBeNull();
  });

  it("the gatekeeper refuses joint-fluid analysis ordered alone, and charges nothing for it", async () => {
    const session = start("jp-01");
    await session.start();
    const status = await session.decide({ kind: "replace", action: { kind: "order", tests: ["synovial_fluid_analysis"] } });
    const reveal = status.values.reveals.at(-1)!.reveal;
    expect(reveal.kind).toBe("refusal");
    expect(reveal.text).toMatch(/synovial fluid.*arthrocentesis/);
    expect(status.values.ledger.entries.some((e) => e.kind === "test")).toBe(false);
  });
});
