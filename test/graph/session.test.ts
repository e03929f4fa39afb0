import { describe, expect, it } from "vitest";
import { ledgerTotal, visitCount } from "../../core/ledger.js";
import { DiagnosticSession } from "../../graph/session.js";
import { playScripted } from "../../graph/scripted.js";
import { latestOutput } from "../../agents/debate.js";
import { bundled, bundledCase } from "./helpers.js";

const start = (caseId: string, settings = {}) =>
  DiagnosticSession.create({ caseFile: bundledCase(caseId), knowledge: bundled().knowledge, settings });

describe("the panel graph", () => {
  it("stops at the physician review after each round's debate, with every role heard", async () => {
    const session = start("cp-01");
    const status = await session.start();
    expect(status.review?.round).toBe(1);
    const roles = status.values.debate.filter((m) => m.round === 1).map((m) => m.role);
    expect(roles[0]).toBe("hypothesis");
    expect(new Set(roles)).toEqual(new Set(["hypothesis", "test-chooser", "skeptic", "cost-steward", "chair"]));
    expect(roles.at(-1)).toBe("chair");
    expect(status.review?.proposal).toEqual(latestOutput(status.values.debate, 1, "chair")?.action);
  });

  it("charges one visit for consecutive rounds of questions and a new one after a test order", async () => {
    const session = start("cp-01");
    await session.start();
    await session.decide({ kind: "replace", action: { kind: "ask", questions: ["Does the pain spread anywhere?"] } });
    let s = await session.decide({ kind: "replace", action: { kind: "ask", questions: ["Any family history of heart disease?"] } });
    expect(visitCount(s.values.ledger)).toBe(1);
    s = await session.decide({ kind: "replace", action: { kind: "order", tests: ["troponin"] } });
    s = await session.decide({ kind: "replace", action: { kind: "ask", questions: ["Do you smoke?"] } });
    expect(visitCount(s.values.ledger)).toBe(2);
    expect(ledgerTotal(s.values.ledger)).toBeCloseTo(600 + 12.47, 2);
    expect(s.values.reveals.map((r) => r.reveal.kind)).toEqual(["answer", "answer", "result", "answer"]);
  });

  it("goes from ask and order to a diagnosis the judge scores", async () => {
    const status = await playScripted(start("abd-01"));
    expect(status.finished).toBe(true);
    expect(status.values.verdict?.score).toBeGreaterThanOrEqual(4);
    expect(status.values.diagnosis?.decidedBy).toBe("panel");
    expect(status.values.trail.at(-1)?.action.kind).toBe("diagnose");
  });

  it("forces a diagnosis at the round cap", async () => {
    // One round: the panel would still gather, so the cap forces its close (here an abstention,
    // since after the story alone no diagnosis is more likely than not).
    const status = await playScripted(start("fev-02", { maxRounds: 1 }));
    expect(status.values.diagnosis?.forced).toBe("rounds");
    expect(status.values.diagnosis?.round).toBe(1);
    expect(status.values.verdict).not.toBeNull();
  });

  it("never passes the budget silently: the review carries the steward's alert and a headless run is budget-forced", async () => {
    const first = await start("cp-01", { budgetUsd: 20 }).start();
    expect(latestOutput(first.values.debate, 1, "cost-steward")?.overBudget).toBe(true);
    expect(first.review?.budgetAlert).toMatch(/costs \$\d+\.\d\d with \$20\.00 left/);
    const status = await playScripted(start("cp-01", { budgetUsd: 20 }));
    expect(status.values.diagnosis).toMatchObject({ forced: "budget", decidedBy: "panel", round: 1 });
    expect(status.values.trail).toEqual([expect.objectContaining({ forced: "budget", action: expect.objectContaining({ kind: "diagnose" }) })]);
    expect(ledgerTotal(status.values.ledger)).toBe(0);
  });

  it("refuses a physician's action over the cap until the budget is raised", async () => {
    const session = start("cp-01", { budgetUsd: 100 });
    await session.start();
    const over = await session.decide({ kind: "replace", action: { kind: "order", tests: ["ctpa", "echo_tte"] } });
    expect(over.review?.round).toBe(1);
    expect(over.review?.budgetAlert).toMatch(/raise the budget/);
    const raised = await session.decide({ kind: "raise-budget", budgetUsd: 2000 });
    expect(raised.review?.round).toBe(2);
    expect(raised.values.settings.budgetUsd).toBe(2000);
    expect(raised.values.trail[0]).toMatchObject({ decidedBy: "physician", note: expect.stringMatching(/raised/) });
  });
});

describe("physician decisions", () => {
  it("approve carries out the panel's proposal as the panel's decision", async () => {
    const session = start("dys-01");
    const first = await session.start();
    const next = await session.decide({ kind: "approve" });
    expect(next.values.trail[0]).toMatchObject({ round: 1, decidedBy: "panel", action: first.review!.proposal });
  });

  it("edit and replace record the physician and the proposal they replaced", async () => {
    const session = start("dys-01");
    const first = await session.start();
    const edited = await session.decide({ kind: "edit", action: { kind: "order", tests: ["d_dimer"] } });
    expect(edited.values.trail[0]).toMatchObject({ decidedBy: "physician", action: { kind: "order", tests: ["d_dimer"] }, replaced: first.review!.proposal });
    expect(edited.values.reveals.at(-1)?.reveal.testId).toBe("d_dimer");
    const replaced = await session.decide({ kind: "replace", action: { kind: "ask", questions: ["Have you had any leg swelling?"] } });
    expect(replaced.values.trail[1]).toMatchObject({ decidedBy: "physician", action: { kind: "ask" } });
  });

  it("diagnose now ends the session with the physician's diagnosis judged", async () => {
    const session = start("dys-01");
    await session.start();
    const named = await session.decide({ kind: "diagnose", diagnosis: { name: "Pneumothorax" } });
    expect(named.finished).toBe(false);
    expect(named.planReview?.plan.diagnosis).toBe("Pneumothorax");
    const done = await session.decidePlan({ kind: "approve" });
    expect(done.finished).toBe(true);
    expect(done.values.diagnosis).toMatchObject({ decidedBy: "physician", guess: { name: "Pneumothorax" } });
    expect(done.values.verdict?.correct).toBe(false);
  });

  it("an order that is not in the catalog is refused with the closest tests and costs nothing", async () => {
    const session = start("dys-01");
    await session.start();
    const s = await session.decide({ kind: "replace", action: { kind: "order", tests: ["unicorn scan"] } });
    expect(s.values.reveals.at(-1)?.reveal).toMatchObject({ kind: "refusal", text: expect.stringMatching(/^Unknown test: "unicorn scan" is not in the catalog and was not ordered\. Nearest: [^,]+, [^,]+, [^,]+\.$/) });
    expect(ledgerTotal(s.values.ledger)).toBe(0);
  });
});

describe("undo", () => {
  it("returns to the previous round's review and lets the physician decide again", async () => {
    const session = start("cp-01");
    await session.start();
    await session.decide({ kind: "replace", action: { kind: "order", tests: ["troponin"] } });
    const round3 = await session.decide({ kind: "replace", action: { kind: "order", tests: ["cxr"] } });
    expect(round3.review?.round).toBe(3);
    const back = await session.undo();
    expect(back?.review?.round).toBe(2);
    expect(back?.values.reveals.map((r) => r.reveal.testId)).toEqual(["troponin"]);
    const other = await session.decide({ kind: "replace", action: { kind: "order", tests: ["ecg"] } });
    expect(other.values.reveals.map((r) => r.reveal.testId)).toEqual(["troponin", "ecg"]);
    expect(other.values.trail.map((t) => t.round)).toEqual([1, 2]);
  });

  it("has nothing to undo in the first round", async () => {
    const session = start("cp-01");
    await session.start();
    expect(await session.undo()).toBeNull();
  });

  it("after the verdict, goes back to the last review", async () => {
    const session = start("cp-01");
    await session.start();
    const named = await session.decide({ kind: "diagnose", diagnosis: { name: "Pneumothorax" } });
    expect(named.finished).toBe(false);
    expect(named.planReview?.plan.diagnosis).toBe("Pneumothorax");
    const done = await session.decidePlan({ kind: "approve" });
    expect(done.finished).toBe(true);
    const back = await session.undo();
    expect(back?.finished).toBe(false);
    expect(back?.review?.round).toBe(1);
    expect(back?.values.verdict).toBeNull();
  });
});
