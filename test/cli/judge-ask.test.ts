import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runAsk } from "../../cli/commands/ask.js";
import { runJudge } from "../../cli/commands/judge.js";
import { REFUSAL } from "../../core/gatekeeper.js";

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
};
const dir = mkdtempSync(join(tmpdir(), "dxsim-judge-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("dxsim judge", () => {
  it("prints the score, correct or not, and the reason of one pair", () => {
    const c = capture();
    expect(runJudge("Pulmonary embolism", "Pulmonary embolism excluded", {}, c.io)).toBe(0);
    expect(c.out.join("")).toBe('1/5 not correct: "Pulmonary embolism excluded" names Pulmonary embolism as excluded.\n');
    const j = capture();
    expect(runJudge("Acute inferior STEMI", "STEMI", { json: true }, j.io)).toBe(0);
    expect(JSON.parse(j.out.join(""))).toMatchObject({ truth: "Acute inferior STEMI", answer: "STEMI", score: 4, correct: true });
  });

  it("judges a JSON Lines file line by line and adds the agreement figures when lines carry a score", () => {
    const pairs = file(
      "pairs.jsonl",
      [
        { id: "a", truth: "Pulmonary embolism", answer: "PE", score: 5 },
        { id: "b", truth: { name: "Type A aortic dissection", icd10: "I71.01" }, answer: "Type B aortic dissection", score: 3 },
        { id: 3, truth: "Septic arthritis", answer: "Gout or septic arthritis", score: 2 },
      ]
        .map((p) => JSON.stringify(p))
        .join("\n"),
    );
    const j = capture();
    expect(runJudge(undefined, undefined, { pairs, json: true }, j.io)).toBe(0);
    const lines = j.out.join("").trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.id, l.score, l.correct])).toEqual([["a", 5, true], ["b", 3, false], [3, 2, false]]);
    expect(Object.keys(lines[0]).sort()).toEqual(["correct", "id", "reason", "score"]);
    const t = capture();
    expect(runJudge(undefined, undefined, { pairs }, t.io)).toBe(0);
    expect(t.out.join("")).toContain("exact 100.0%, within one point 100.0%, correct/incorrect 100.0%");
    expect(t.out.join("")).toContain("weighted kappa (quadratic weights) 1.000");
  });

  it("stops at a bad line with its number, and says when the command line is wrong", () => {
    const bad = file("bad.jsonl", `{"id":1,"truth":"PE","answer":"PE"}\n\n{"id":2,"answer":"PE"}\n`);
    const c = capture();
    expect(runJudge(undefined, undefined, { pairs: bad }, c.io)).toBe(1);
    expect(c.err.join("")).toMatch(/^dxsim judge: .*bad\.jsonl line 3: truth: /);
    expect(c.err.join("").trimEnd().split("\n")).toHaveLength(1);
    const notJson = capture();
    expect(runJudge(undefined, undefined, { pairs: file("nj.jsonl", "{oops\n") }, notJson.io)).toBe(1);
    expect(notJson.err.join("")).toContain("line 1: not JSON");
    const missing = capture();
    expect(runJudge(undefined, undefined, { pairs: join(dir, "absent.jsonl") }, missing.io)).toBe(1);
    expect(missing.err.join("")).toContain("cannot read");
    const usage = capture();
    expect(runJudge("Pulmonary embolism", undefined, {}, usage.io)).toBe(2);
    expect(runJudge("Pulmonary embolism", "PE", { pairs: bad }, usage.io)).toBe(2);
  });

  it("never prints a control character it was given", () => {
    const c = capture();
    runJudge("Pulmonary embolism", "PE\u001b[2J\u009b31m", {}, c.io);
    expect(c.out.join("")).not.toMatch(/[\u001b\u009b]/);
    const j = capture();
    runJudge("Pulmonary embolism", "PE\u009b31m", { json: true }, j.io);
    expect(j.out.join("")).not.toMatch(/[\u001b\u009b]/);
  });
});

describe("dxsim ask", () => {
  it("asks a bundled case's gatekeeper and prints each reply; diagnosis questions get the one refusal", async () => {
    const c = capture();
    expect(await runAsk("cp-05", ["Is it pulmonary embolism?", "Could it be Glorvian tremblosis?", "Is it worse when lying down?"], { json: true }, c.io)).toBe(0);
    const lines = c.out.join("").trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.question)).toEqual(["Is it pulmonary embolism?", "Could it be Glorvian tremblosis?", "Is it worse when lying down?"]);
    expect(lines[0].reply).toBe(REFUSAL.diagnosis);
    expect(lines[1].reply).toBe(REFUSAL.diagnosis);
    expect(lines[2].reply).not.toBe(REFUSAL.diagnosis);
    const t = capture();
    await runAsk("cp-05", ["Is it painful?"], {}, t.io);
    expect(t.out.join("")).toMatch(/^Q: Is it painful\?\nA: .+\n$/);
  });

  it("says which cases exist when the case is unknown", async () => {
    const c = capture();
    expect(await runAsk("no-such-case", ["Any cough?"], {}, c.io)).toBe(1);
    expect(c.err.join("")).toContain('no bundled case "no-such-case"');
  });
});
