import { describe, expect, it } from "vitest";
import { DiagnosticSession } from "../../graph/session.js";
import { scriptedReviewer } from "../../graph/scripted.js";
import type { TreatmentPlan } from "../../agents/plan.js";
import { bundled, bundledCase } from "./helpers.js";

const start = (caseId: string) => DiagnosticSession.create({ caseFile: bundledCase(caseId), knowledge: bundled().knowledge });

const ownPlan: TreatmentPlan = {
  diagnosis: "Pulmonary embolism",
  firstLine: ["thrombolysis with alteplase"],
  disposition: "discharge home",
  monitor: [],
  avoid: [],
  sources: [],
  argument: "A physician's plan.",
};

describe("the plan after the diagnosis", () => {
  it("stops for the physician's review of the panel's plan once a diagnosis is named, then scores it", async () => {
    const session = start("dys-01");
    await session.start();
    const named = await session.decide({ kind: "diagnose", diagnosis: { name: "Pulmonary embolism", kbId: "pulmonary_embolism" } });
    expect(named.finished).toBe(false);
    expect(named.review).toBeNull();
    expect(named.planReview?.plan.firstLine.join(" ")).toMatch(/anticoagula/i);
    expect(named.planReview?.plan.sources.join(" ")).toMatch(/ESC/);
    const done = await session.decidePlan({ kind: "approve" });
    expect(done.finished).toBe(true);
    expect(done.values.plan).toMatchObject({ decidedBy: "panel", brain: "offline" });
    expect(done.values.treatment?.covered).toContain("anticoagulation");
    expect(done.values.treatment?.score).toBeGreaterThan(0.5);
  });

  it("a replaced plan is the physician's, keeps the panel's beside it, and is scored on its own merits", async () => {
    const session = start("dys-01");
    await session.start();
    await session.decide({ kind: "diagnose", diagnosis: { name: "Pulmonary embolism", kbId: "pulmonary_embolism" } });
    const done = await session.decidePlan({ kind: "replace", plan: ownPlan });
    expect(done.values.plan).toMatchObject({ decidedBy: "physician", plan: ownPlan });
    expect(done.values.plan?.replaced?.firstLine.length).toBeGreaterThan(0);
    // Thrombolysis is not anticoagulation here, and the dys-01 reference lists no "discharge" need.
    expect(done.values.treatment?.missed).toContain("anticoagulation");
    expect(done.values.treatment?.score).toBeLessThan(0.5);
  });

  it("a headless run approves the plan without stopping", async () => {
    const session = start("cp-04");
    const status = await session.playThrough(scriptedReviewer());
    expect(status.finished).toBe(true);
    expect(status.planReview).toBeNull();
    expect(status.values.plan?.decidedBy).toBe("panel");
    expect(status.values.treatment).not.toBeNull();
  });

  it("a diagnosis outside the knowledge base's management gets no invented treatment", async () => {
    const session = start("dys-01");
    await session.start();
    const named = await session.decide({ kind: "diagnose", diagnosis: { name: "Sarcoidosis" } });
    expect(named.planReview?.plan.firstLine).toEqual([]);
    expect(named.planReview?.plan.argument).toMatch(/no guideline-sourced management/);
  });
});
