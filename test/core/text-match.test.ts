import { describe, expect, it } from "vitest";
import { containsRun, matchPhrase, nearby, termCounts, terms, termWeights } from "../../core/text-match.js";

describe("text matching", () => {
  it.each([
    ["coughs", "coughing"],
    ["vomited", "vomiting"],
    ["diarrhoea", "diarrhea"],
    ["haemoptysis", "hemoptysis"],
    ["tiredness", "tired"],
    ["aches", "aching"],
    ["dizziness", "dizzy"],
    ["Crohn's", "crohns"],
    ["examination", "examine"],
    ["labour", "labor"],
    ["tumours", "tumor"],
    ["behaviour", "behavior"],
  ])("gives %j and %j the same term", (a, b) => {
    expect(terms(a)).toEqual(terms(b));
  });

  it("leaves short words ending in -our alone", () => {
    expect(terms("hour four yours")).toEqual(["hour", "four", "your"]);
  });

  it("keeps words that end in s but are not plurals", () => {
    expect(terms("loss pelvis sinus diagnosis")).toEqual(["loss", "pelvis", "sinus", "diagnosis"]);
  });

  it("drops the words of asking", () => {
    expect(terms("Does the patient have any pain when he coughs?")).toEqual(["pain", "cough"]);
  });

  it("matches a phrase when all its words are asked about, or two and half of them", () => {
    const q = new Set(terms("Is the pain in the lower right of the belly?"));
    expect(matchPhrase(q, terms("right lower quadrant"))).toMatchObject({ matched: 2 });
    expect(matchPhrase(q, terms("character of the abdominal pain"))).toBeUndefined();
    expect(matchPhrase(q, terms("pain"))).toMatchObject({ matched: 1, phraseCoverage: 1 });
  });

  it("counts a word many topics share for less than a rare one", () => {
    const weight = termWeights([[["blood", "stool"]], [["blood", "urine"]], [["blood", "pressure"]], [["sugar"]]]);
    expect(weight("sugar")).toBeGreaterThan(weight("blood"));
    expect(weight("unseen")).toBe(1);
  });

  it("weighs a term the same when some groups were counted beforehand", () => {
    const own = [[["blood", "stool"]]];
    const shared = [[["blood", "urine"]], [["blood", "pressure"]], [["sugar"]]];
    const whole = termWeights([...own, ...shared]);
    const split = termWeights(own, termCounts(shared));
    for (const t of ["blood", "stool", "sugar", "unseen"]) expect(split(t)).toBe(whole(t));
  });

  it("finds phrases in order, or side by side in any order", () => {
    expect(containsRun(terms("is it a tension type headache"), terms("tension-type headache"))).toBe(true);
    expect(nearby(terms("is his appendix inflamed"), terms("inflamed appendix"))).toBe(true);
    expect(nearby(terms("Marfan syndrome or a known aortic aneurysm"), terms("aortic syndrome"))).toBe(false);
  });
});
