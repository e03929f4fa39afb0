import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePairs, judgePairs } from "../../core/judge-pairs.js";
import { bundledVocabulary } from "../../core/vocabulary-loader.js";
import { loadKnowledge } from "../../core/knowledge-loader.js";

const vocabulary = bundledVocabulary(loadKnowledge());
const load = (name: string) => parsePairs(readFileSync(new URL(`../fixtures/judge/${name}.jsonl`, import.meta.url), "utf8"));

describe("the offline judge against the labelled set", () => {
  it.each(["tuning", "held-out"])("agrees with the labels on the %s part", (part) => {
    const pairs = load(part);
    const { judged, agreement } = judgePairs(pairs, vocabulary);
    if (process.env.JUDGE_DEBUG) for (const [i, p] of pairs.entries()) if (judged[i]!.score !== p.score) console.log(`${p.id} want ${p.score} got ${judged[i]!.score} | ${JSON.stringify(p.truth)} | ${p.answer} | ${judged[i]!.reason}`);
    if (process.env.JUDGE_DEBUG) console.log(part, agreement);
    expect(agreement!.correctIncorrect).toBeGreaterThanOrEqual(0.95);
    expect(agreement!.withinOne).toBeGreaterThanOrEqual(0.9);
    expect(agreement!.weightedKappa!).toBeGreaterThanOrEqual(0.8);
  });
});
