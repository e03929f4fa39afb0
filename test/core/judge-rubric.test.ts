import { describe, expect, it } from "vitest";
import { judgeAnswer } from "../../core/judge.js";
import { readAnswer } from "../../core/judge-answer.js";
import { contrastingParts, typoOf } from "../../core/judge-words.js";
import { buildVocabulary } from "../../core/vocabulary.js";
import { bundledVocabulary } from "../../core/vocabulary-loader.js";

const vocabulary = bundledVocabulary();
const score = (truth: string, answer: string) => judgeAnswer({ name: truth }, answer, vocabulary).score;

describe("judge rubric: 5, the same disease", () => {
  it.each([
    ["Pulmonary embolism", "PE"],
    ["Pulmonary embolism", "massive PE"],
    ["Amyotrophic lateral sclerosis", "Motor neurone disease"],
    ["Ankylosing spondylitis", "Bechterew disease"],
    ["Oesophageal varices", "Esophageal varices"],
    ["Tumour lysis syndrome", "tumor lysis syndrome"],
    ["Acute appendicitis", "Appendicitis, acute"],
    ["Pulmonary embolism", "Pulmonary embolsim"],
    ["Spontaneous pneumothorax", "spontaneous pnuemothorax"],
    ["Aortic dissection", "Type A aortic dissection"],
    ["Benign prostatic hyperplasia", "Benign prostatic hypertrophy"],
  ])("%s / %s", (truth, answer) => expect(score(truth, answer)).toBe(5));
});

describe("judge rubric: typo tolerance never merges different diseases", () => {
  it.each([
    ["Hypothyroidism", "Hyperthyroidism"],
    ["Hypokalaemia", "Hyperkalaemia"],
    ["Diverticulitis", "Diverticulosis"],
    ["Nephrotic syndrome", "Nephritic syndrome"],
  ])("%s is not %s", (truth, answer) => expect(score(truth, answer)).toBeLessThanOrEqual(2));

  it("takes a non-word within the bound for the word meant, but not across hypo-/hyper-, -itis/-osis, -plasia/-trophy", () => {
    const known = new Set<string>();
    expect(typoOf("embolsim", ["embolism"], known)).toBe("embolism");
    expect(typoOf("hypertrophia", ["hyperplasia"], known)).toBeUndefined();
    expect(typoOf("dysplasia", ["dystrophy"], known)).toBeUndefined();
    expect(typoOf("hyponatremia", ["hypernatremia"], known)).toBeUndefined();
    expect(typoOf("arteritis", ["arteriosis"], known)).toBeUndefined();
    expect(typoOf("hypotension", ["hypertension"], known)).toBeUndefined();
    expect(typoOf("ostitis", ["ostosis"], known)).toBeUndefined();
    expect(contrastingParts("hyperplasia", "hypertrophy")).toBe(true);
    expect(contrastingParts("hypotension", "hypertension")).toBe(true);
    // A real word is never a typo for another, however close.
    expect(typoOf("nephritic", ["nephrotic"], new Set(["nephritic"]))).toBeUndefined();
    // Too far, or too short to tell.
    expect(typoOf("embolus", ["emphysema"], known)).toBeUndefined();
    expect(typoOf("gout", ["goat"], known)).toBeUndefined();
  });
});

describe("judge rubric: 4, 3 and 2", () => {
  it("a detail missing that does not change management: 4", () => {
    expect(score("Left lower lobe pneumonia", "Pneumonia")).toBe(4);
    expect(score("Hypothyroidism due to Hashimoto thyroiditis", "Hypothyroidism")).toBe(4);
    expect(score("Right leg cellulitis", "Left leg cellulitis")).toBe(4);
  });

  it("a broader category or a qualifier that changes management: 3", () => {
    expect(score("Type A aortic dissection", "Type B aortic dissection")).toBe(3);
    expect(score("Bacterial meningitis", "Viral meningitis")).toBe(3);
    expect(score("ST-elevation myocardial infarction", "NSTEMI")).toBe(3);
    expect(score("Iron deficiency anaemia", "Anaemia")).toBe(3);
    expect(score("Non-ST-elevation myocardial infarction", "Acute coronary syndrome")).toBe(3);
    expect(score("Acute cholecystitis", "Chronic cholecystitis")).toBe(3);
  });

  it("a related but different disease: 2", () => {
    expect(score("Septic arthritis", "Reactive arthritis")).toBe(2);
    expect(score("Septic arthritis", "Post-infectious arthritis")).toBe(2);
    expect(score("Crohn disease", "Ulcerative colitis")).toBe(2);
  });
});

describe("judge rubric: negation and lists", () => {
  it.each(["Pulmonary embolism excluded", "Not PE", "No evidence of pulmonary embolism", "PE ruled out; musculoskeletal pain", "Pulmonary embolism unlikely"])(
    "%j names the truth as excluded: 1",
    (answer) => {
      const v = judgeAnswer({ name: "Pulmonary embolism" }, answer, vocabulary);
      expect([v.score, v.matchedBy]).toEqual([1, "negated"]);
    },
  );

  it("judges what is asserted when another disease is negated", () => {
    expect(score("Pulmonary embolism", "Not pneumonia but pulmonary embolism")).toBe(5);
    expect(score("Acute cholecystitis", "Most likely acute cholecystitis; biliary colic less likely")).toBe(5);
    expect(score("Pulmonary embolism", "Probable pulmonary embolism")).toBe(5);
  });

  it.each(["Pulmonary embolism or pneumonia", "PE vs ACS", "?PE ?pneumonia", "Differential: PE, pneumonia, pericarditis", "Possibly PE, possibly pneumonia"])(
    "%j does not commit: 2 even with the truth in it",
    (answer) => {
      const v = judgeAnswer({ name: "Pulmonary embolism" }, answer, vocabulary);
      expect([v.score, v.matchedBy]).toEqual([2, "list"]);
    },
  );

  it("reads qualifiers after a comma as part of one diagnosis, not a list", () => {
    expect(readAnswer("Chronic lymphocytic leukaemia, Rai stage 0").asserted).toHaveLength(1);
    expect(readAnswer("Gram-negative sepsis").negated).toHaveLength(0);
    expect(readAnswer("I don't know").none).toBe(true);
  });

  it("gives 1 for no diagnosis, and for a disease in a healthy patient", () => {
    expect(score("Pulmonary embolism", "I don't know")).toBe(1);
    expect(judgeAnswer({ name: "No disease", noDisease: true }, "Pulmonary embolism", vocabulary).score).toBe(1);
    expect(judgeAnswer({ name: "No disease", noDisease: true }, "No abnormality found", vocabulary).score).toBe(5);
  });
});

describe("judge vocabulary", () => {
  it("never takes a name listed under two diseases for a synonym of either", () => {
    const v = buildVocabulary([
      {
        source: "test",
        licence: "MIT",
        concepts: [
          { name: "Alpha fever", icd10: "A01.0", synonyms: ["shared name"], abbreviations: [], broader: [] },
          { name: "Beta palsy", icd10: "G51.0", synonyms: ["shared name"], abbreviations: [], broader: [] },
        ],
        categories: [],
        words: [],
        implies: {},
      },
    ]);
    expect(judgeAnswer({ name: "Alpha fever" }, "Shared name", v).score).toBe(3);
    expect(judgeAnswer({ name: "Alpha fever" }, "Beta palsy", v).score).toBe(1);
  });
});
