import { beforeAll, describe, expect, it } from "vitest";
import { type Lineage, otherBranch } from "../../teaching/branches.js";
import { type Debrief, DebriefSchema, debrief } from "../../teaching/debrief.js";
import { renderDebrief } from "../../teaching/render.js";
import { type StagedRound, toyCase, toyKnowledge, toyRecord } from "./toy-session.js";

/*
 * The original asks about cough (absent), orders the urine dip (nitrite positive) and names the
 * UTI. The fork starts at the review of round 2: same first round, then a flu swab (negative)
 * and influenza. Working differential by hand (priors influenza 0.5, sepsis 0.15, uti 0.25,
 * other 0.1; leak 0.05; other's column in toy-session.ts):
 *  round 1: the priors, truth 25%;
 *  round 2 (no cough): influenza 0.05, sepsis 0.1425, uti 0.2375, other 0.1 × 0.4778 = 0.0477778;
 *    uti 0.2375 / 0.4777778 = 50%, the leader;
 *  round 3, original (nitrite): uti 0.21375 / (0.0025 + 0.007125 + 0.21375 + 0.0477778 × 0.2861) = 90%;
 *  round 3, fork (no flu): uti 0.225625 / (0.005 + 0.135375 + 0.225625 + 0.0477778 × 0.4778) = 58%,
 *    influenza 0.005 / 0.3888272 = 1.3%.
 */
/** Other after no cough: 0.1 × (1 − 0.5222); round 2's total weight. */
const OTHER2 = 0.1 * (1 - 0.47 / 0.9);
const R2 = 0.43 + OTHER2;
const shared: StagedRound = { kind: "ask", items: [{ request: "Any cough?", findings: { cough: false } }] };
const original = toyRecord([shared, { kind: "order", items: [{ request: "urine_dip", findings: { urine_nitrite: true } }] }, { kind: "diagnose", name: "Urinary tract infection", kbId: "uti" }]);
const fork = toyRecord([shared, { kind: "order", items: [{ request: "flu_swab", findings: { flu_swab_positive: false } }] }, { kind: "diagnose", name: "Influenza", kbId: "influenza" }]);

const catalogue: Lineage[] = [
  { id: "orig", parent: null },
  { id: "fork", parent: { id: "orig", round: 2 } },
  { id: "fork-of-fork", parent: { id: "fork", round: 3 } },
  { id: "early", parent: { id: "orig", round: 1 } },
  { id: "elsewhere", parent: null },
];
const lineageOf = (id: string) => catalogue.find((l) => l.id === id);
const at = (id: string) => lineageOf(id)!;

describe("where two sessions part", () => {
  it("names the original from its fork and the fork from the original, parted at the fork's round", () => {
    expect(otherBranch(at("fork"), at("orig"), original, lineageOf)).toMatchObject({ name: "the original, orig", forkRound: 2 });
    expect(otherBranch(at("orig"), at("fork"), fork, lineageOf)).toMatchObject({ name: "the fork fork", forkRound: 2 });
  });

  it("shares of a grandparent only what the parent shared, and between siblings what both shared", () => {
    expect(otherBranch(at("fork-of-fork"), at("fork"), fork, lineageOf).forkRound).toBe(3);
    expect(otherBranch(at("fork-of-fork"), at("orig"), original, lineageOf)).toMatchObject({ name: "the original, orig", forkRound: 2 });
    expect(otherBranch(at("fork"), at("early"), original, lineageOf)).toMatchObject({ name: "session early", forkRound: 1 });
  });

  it("shares no round between unrelated sessions, and refuses a session as its own branch", () => {
    expect(otherBranch(at("fork"), at("elsewhere"), original, lineageOf)).toMatchObject({ name: "session elsewhere", forkRound: 1 });
    expect(() => otherBranch(at("fork"), at("fork"), fork, lineageOf)).toThrow("session fork is not a branch of itself");
  });
});

describe("the debrief of two branches of a fork", () => {
  let d: Debrief;
  beforeAll(() => {
    const branch = otherBranch(at("fork"), at("orig"), original, lineageOf);
    d = DebriefSchema.parse(debrief({ caseFile: toyCase, knowledge: toyKnowledge, learner: fork, branch }));
  });

  it("reads the rounds before the fork the same on both branches", () => {
    expect(d.branch).toMatchObject({ name: "the original, orig", forkRound: 2 });
    expect(d.branch!.path.rounds[0]).toEqual(d.learner.rounds[0]);
    expect(d.branch!.path.rounds[1]!.before).toEqual(d.learner.rounds[1]!.before);
    expect(d.learner.rounds[1]!.before.truthP).toBeCloseTo(0.2375 / R2, 12);
  });

  it("gives the other branch its own path, outcome, cost and calibration", () => {
    const other = d.branch!.path;
    expect(other.rounds.map((r) => r.actionText)).toEqual(["ask: Any cough?", "order: Test urine_dip", "diagnose: Urinary tract infection"]);
    expect(other.rounds[1]!.items.map((i) => [i.testId, i.label])).toEqual([["urine_dip", "critical"]]);
    expect(other.diagnosis).toMatchObject({ hypothesis: { id: "uti" }, round: 3, correct: true, score: 5 });
    expect(other.costUsd).toBe(305);
    expect(other.calibration.source).toBe("working differential");
    expect(other.calibration.rounds.map((r) => r.truthP.toFixed(4))).toEqual(["0.2500", (0.2375 / R2).toFixed(4), (0.21375 / (0.223375 + OTHER2 * (0.2575 / 0.9))).toFixed(4)]);
    expect(other.flags).toMatchObject({ anchoring: null, prematureClosure: null });
  });

  it("keeps the learner's branch as it went: the flu swab, influenza, and its flags", () => {
    expect(d.learner.costUsd).toBe(340);
    expect(d.learner.diagnosis).toMatchObject({ hypothesis: { id: "influenza" }, correct: false, score: 1 });
    expect(d.learner.flags.prematureClosure?.p).toBeCloseTo(0.005 / (0.366 + OTHER2 * (1 - 0.47 / 0.9)), 12);
    expect(d.learner.flags.anchoring?.contrary.map((c) => c.id)).toEqual(["cough", "flu_swab_positive"]);
    expect(d.learner.calibration.brier!).toBeGreaterThan(d.branch!.path.calibration.brier!);
  });

  it("renders the other branch's outcome, a side-by-side table with the shared round marked, and its flags", () => {
    const md = renderDebrief(d, { format: "markdown" });
    expect(md).toContain("- **The other branch:** the original, orig, round 1 shared, parted at round 2: Urinary tract infection in round 3 (correct, judge's score 5/5: staged); spent $305.00.");
    const section = md.split("## Two branches\n")[1]!.split("\n## ")[0]!;
    const rows = section.split("\n").filter((l) => /^\| \d/.test(l));
    expect(section).toContain("| Round | This branch | Other branch | Spent (this) | Spent (other) | Leading (truth), this | Leading (truth), other |");
    expect(rows[0]).toBe("| 1 (shared) | ask: Any cough? \\[useful\\] | shared | $300.00 | $300.00 | Influenza 50% (truth 25%) | Influenza 50% (truth 25%) |");
    expect(rows[1]).toBe(
      "| 2 | order: Test flu\\_swab \\[useful\\] | order: Test urine\\_dip \\[critical\\] | $340.00 | $305.00 | Urinary tract infection 50% (truth 50%) | Urinary tract infection 50% (truth 50%) |",
    );
    expect(rows[2]).toBe(
      "| 3 | diagnose: Influenza | diagnose: Urinary tract infection | $340.00 | $305.00 | Urinary tract infection 58% (truth 58%) | Urinary tract infection 90% (truth 90%) |",
    );
    expect(section).toMatch(/- \*\*This branch:\*\* Influenza in round 3 \(incorrect, judge's score 1\/5: staged\); spent \$340\.00\. Calibration: \d\.\d\d over 3 rounds/);
    expect(section).toContain("- **The other branch:** Urinary tract infection in round 3 (correct, judge's score 5/5: staged); spent $305.00. Calibration: ");
    expect(section).toContain("**Flags for the other branch**");
    expect(section).toContain("- **Anchoring:** none.\n- **Premature closure:** none.");
  });

  it("renders the section in plain text within the width", () => {
    const text = renderDebrief(d, { format: "text", width: 100 });
    expect(text).toContain("Two branches\n------------");
    expect(text).toMatch(/^Round\s+This branch\s+Other branch\s+Spent \(this\)\s+Spent \(other\)/m);
    expect(text).toMatch(/^1 \(shared\)\s+ask: Any\s+shared\s+\$300\.00\s+\$300\.00\s+Influenza 50%\s+Influenza 50%$/m);
    expect(Math.max(...text.split("\n").map((l) => l.length))).toBeLessThanOrEqual(100);
  });

  it("leaves the section out when there is no other branch", () => {
    const alone = debrief({ caseFile: toyCase, knowledge: toyKnowledge, learner: fork });
    expect(alone.branch).toBeNull();
    const md = renderDebrief(alone, { format: "markdown" });
    expect(md).not.toContain("Two branches");
    expect(md).not.toContain("The other branch");
  });
});
