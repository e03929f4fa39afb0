import { beforeAll, describe, expect, it } from "vitest";
import { DiagnosticSession, type SessionStatus } from "../../graph/session.js";
import type { ReviewRequest, SessionValues } from "../../graph/state.js";
import { type LearnerDecision, decidedText, learnerView, moveText } from "../../tui/teach/learner-view.js";
import { answers, stageMode, teachHelp, teachHints } from "../../tui/teach/teach-keys.js";
import { bundledCase, bundledData } from "./helpers.js";

const context = (canUndo: boolean) => ({ budgetAlert: false, canUndo });

describe("learner mode's keys", () => {
  it("offers a, o and d at the learner's move, and undo only when there is a round to go back to", () => {
    expect(teachHints("decide", context(false))).toEqual([
      { keys: "a", hint: "ask" },
      { keys: "o", hint: "order" },
      { keys: "d", hint: "diagnose" },
      { keys: "q", hint: "quit" },
      { keys: "?", hint: "help" },
    ]);
    expect(teachHints("decide", context(true)).map((h) => h.keys)).toEqual(["a", "o", "d", "u", "q", "?"]);
  });

  it("offers f at the learner's move and on the debrief only for a session that can be forked, and never beside the panel's proposal", () => {
    const forkable = { ...context(true), canFork: true };
    expect(teachHints("decide", forkable).map((h) => h.keys)).toEqual(["a", "o", "d", "u", "f", "q", "?"]);
    expect(teachHints("final", forkable).map((h) => h.keys)).toEqual(["w", "f", "q", "?"]);
    expect(teachHints("compare", forkable).map((h) => h.keys)).not.toContain("f");
    expect(answers("compare", "fork")).toBe(false);
    const forkRows = (canFork: boolean) => teachHelp("decide", { canFork }).flatMap((s) => s.rows.filter((r) => r.keys === "f").map(() => s.title));
    expect(forkRows(true)).toEqual(["Your move (the panel stays hidden)", "The debrief (the verdict stands: a retry is a new attempt)"]);
    expect(forkRows(false)).toEqual([]);
  });

  it("binds Enter to carrying out the learner's decision only once it is made", () => {
    expect(answers("decide", "approve")).toBe(false);
    expect(answers("compare", "approve")).toBe(true);
    expect(teachHints("compare", context(false))[0]).toEqual({ keys: "Enter", hint: "carry out your decision" });
    expect(stageMode("compare")).toBe("review");
  });

  it("never answers the console's keys for the panel: edit, play on, raise the budget", () => {
    for (const stage of ["decide", "compare", "busy", "final"] as const) {
      for (const command of ["edit", "playOn", "raiseBudget", "stopPlay"] as const) expect(answers(stage, command)).toBe(false);
    }
  });

  it("writes the help from the keymap, the current stage first, with learner mode's words", () => {
    const help = teachHelp("final");
    expect(help.map((s) => s.title)).toEqual(["The debrief (the verdict stands: a retry is a new attempt)", "Your move (the panel stays hidden)", "Your decision beside the panel's", "While the panel works"]);
    expect(help[0]!.rows).toContainEqual({ keys: "w", description: "write the debrief as Markdown to the current folder" });
    // Keys learner mode reads as the console does keep the console's description.
    expect(help[2]!.rows).toContainEqual({ keys: "x", description: "show a role's full reasoning, or fold it again" });
    expect(help[0]!.rows).toContainEqual({ keys: "Ctrl-C", description: "quit at once (the session is saved)" });
  });
});

describe("the learner's view of a session", () => {
  // A real session at its second review: the panel has spoken in rounds 1 and 2.
  let values: SessionValues;
  let review: ReviewRequest;
  beforeAll(async () => {
    const session = DiagnosticSession.create({ caseFile: bundledCase("cp-01"), knowledge: bundledData().knowledge });
    await session.start();
    const status: SessionStatus = await session.decide({ kind: "replace", action: { kind: "order", tests: ["lipase"] } });
    values = status.values;
    review = { ...status.review!, budgetAlert: "That costs more than is left" };
  });
  const rounds = (items: readonly { round: number }[]) => [...new Set(items.map((i) => i.round))];
  const decision = (over: Partial<LearnerDecision> = {}): LearnerDecision => ({
    round: 2,
    decision: { kind: "replace", action: { kind: "order", tests: ["troponin"] } },
    text: "order: Cardiac troponin",
    usd: 12.47,
    panel: { action: review.proposal, lines: [], totalUsd: 31.56 },
    carried: false,
    ...over,
  });

  it("hides this round's debate, differential and proposal until the learner decides", () => {
    expect(rounds(values.debate)).toEqual([1, 2]);
    const shown = learnerView({ values, review, finished: false }, null);
    expect(shown.review).toBeNull();
    expect(rounds(shown.values.debate)).toEqual([1]);
    expect(rounds(shown.values.differentials)).toEqual([1]);
    expect(shown.values.reveals).toBe(values.reveals);
  });

  it("shows them beside the decision, without the console's budget prompt", () => {
    const shown = learnerView({ values, review, finished: false }, decision());
    expect(shown.values).toBe(values);
    expect(shown.review).toEqual({ ...review, budgetAlert: null });
  });

  it("keeps the debate once the decision is carried out, but not the proposal", () => {
    const shown = learnerView({ values, review, finished: false }, decision({ carried: true }));
    expect(rounds(shown.values.debate)).toEqual([1, 2]);
    expect(shown.review).toBeNull();
  });

  it("takes a decision of another round (one undone) for none", () => {
    const shown = learnerView({ values, review, finished: false }, decision({ round: 3 }));
    expect(shown.review).toBeNull();
    expect(rounds(shown.values.debate)).toEqual([1]);
  });

  it("shows a finished session whole", () => {
    const moment = { values, review: null, finished: true };
    expect(learnerView(moment, null)).toBe(moment);
  });

  it("words the decision and the move", () => {
    expect(decidedText(decision())).toBe("You decided: order: Cardiac troponin · $12.47");
    expect(decidedText(decision({ decision: { kind: "diagnose", diagnosis: { name: "NSTEMI" } }, text: "diagnose: NSTEMI", usd: 0 }))).toBe("You decided: diagnose: NSTEMI");
    expect(moveText(3, null, { spentUsd: 0, budgetUsd: 100 })).toBe("Round 3: your move. The panel's debate and proposal stay hidden until you decide.");
    expect(moveText(3, decision({ usd: 314.08, text: "order: MRI brain" }), { spentUsd: 40, budgetUsd: 200 })).toBe(
      "Round 3: your decision (order: MRI brain, $314.08) does not fit: $160 is left of the $200 budget. Decide something cheaper, or diagnose.",
    );
  });
});
