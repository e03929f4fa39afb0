import { describe, expect, it } from "vitest";
import { likelihood, unlisted } from "../../reasoning/likelihood.js";
import { toyKb } from "./toy.js";

describe("likelihood of a finding under a disease", () => {
  const kb = toyKb();

  it("is the knowledge base's number when the disease lists the finding", () => {
    expect(likelihood(kb, "beta", "f1")).toBe(0.2);
    expect(likelihood(kb, "gamma", "f3")).toBe(0.8);
  });

  it("is the finding's base rate when the disease does not list it and the base rate is known", () => {
    // gamma does not list f1 (base_rate 0.3): a common finding is no evidence against gamma.
    expect(likelihood(kb, "gamma", "f1")).toBe(0.3);
    expect(unlisted(kb, "f1")).toBe(0.3);
  });

  it("is the leak when the disease does not list the finding and no base rate is given", () => {
    expect(likelihood(kb, "alpha", "f3")).toBe(0.05);
    expect(unlisted(kb, "f2")).toBe(0.05);
  });
});
