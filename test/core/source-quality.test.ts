import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../core/knowledge-loader.js";
import { boilerplateReason, isCitation } from "../../core/source-quality.js";

describe("a source string", () => {
  it.each([
    "",
    "   ",
    "estimate: clinical judgement",
    "Clinical judgment",
    "estimate",
    "estimate:",
    "estimate: tbd",
    "textbook",
    "literature",
    "see references",
    "Harrison's",
    "textbook 2019",
    "literature (2020)",
    "UpToDate 2023",
    "see references; 2015",
    "as reported in 2004",
  ])("%j is rejected", (s) => {
    expect(boilerplateReason(s)).toBeDefined();
  });

  it.each([
    "Metlay JP, Kapoor WN, Fine MJ. Does this patient have community-acquired pneumonia? JAMA 1997;278:1440",
    "estimate: a new infiltrate is part of the definition",
    "estimate, no study figure: how often fever is found in Influenza",
  ])("%j is accepted", (s) => {
    expect(boilerplateReason(s)).toBeUndefined();
  });

  it("counts as a citation only when it names a year and is not an estimate", () => {
    expect(isCitation("Trowbridge RL et al. JAMA 2003;289:80")).toBe(true);
    expect(isCitation("estimate informed by Trowbridge RL et al. JAMA 2003;289:80")).toBe(false);
    expect(isCitation("a paper somewhere")).toBe(false);
    expect(isCitation("literature 2020")).toBe(false);
    expect(isCitation("seen in 2004")).toBe(false);
    expect(isCitation("Wagner 1996 (right lower quadrant pain sensitivity 81%)")).toBe(true);
  });
});

describe("the bundled knowledge base's sources", () => {
  it("has no boilerplate source on any prior or likelihood", () => {
    const kb = loadKnowledge();
    const weak = kb.diseases.flatMap((d) =>
      [d.prior.source, ...d.findings.map((l) => l.source)].flatMap((s) => {
        const why = boilerplateReason(s);
        return why ? [`${d.id}: ${why}`] : [];
      }),
    );
    expect(weak).toEqual([]);
  });
});
