import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../core/knowledge-loader.js";
import { posterior } from "../../reasoning/differential.js";

const kb = loadKnowledge();

/** P(disease) for a patient with joint pain in clinic, knee pain worse on use, and the age finding the coder reads from the age. */
const pOf = (disease: string, age: number): number => {
  const scope = { complaint: "joint_pain" as const, setting: "clinic" as const, age, sex: "female" as const };
  return posterior(kb, scope, { joint_pain_worse_use: true, age_50_or_over: age >= 50 }).find((e) => e.id === disease)?.p ?? 0;
};

describe("diseases of later life weigh the patient's age", () => {
  it("osteoarthritis is less likely in a woman of 25 than in one of 65 with the same joint pain", () => {
    expect(pOf("osteoarthritis", 25)).toBeLessThan(pOf("osteoarthritis", 65) / 2);
  });

  it("so is calcium pyrophosphate crystal arthritis", () => {
    expect(pOf("pseudogout", 25)).toBeLessThan(pOf("pseudogout", 65) / 2);
  });
});
