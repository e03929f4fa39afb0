import { describe, expect, it } from "vitest";
import { type LayoutNeeds, sessionLayout } from "../../tui/layout.js";

/** Rows the live frame takes for a layout: each section's body and its title. */
const height = (needs: LayoutNeeds, l: ReturnType<typeof sessionLayout>): number => {
  const section = (rows: number) => (rows > 0 ? rows + 1 : 0);
  const left = section(l.findings) + section(l.debate);
  const right = section(l.differential) + section(l.proposal);
  return needs.chrome + (l.twoColumns ? Math.max(left, right) : left + right);
};

const busy: LayoutNeeds = { findings: 6, roles: 5, expandedRows: 0, differential: 6, proposal: 3, chrome: 6 };

describe("the session layout", () => {
  it("fits an 80×24 terminal with a row to spare, keeping at least three bars and one finding", () => {
    const l = sessionLayout(24, 80, busy);
    expect(height(busy, l)).toBeLessThanOrEqual(23);
    expect(l.differential).toBeGreaterThanOrEqual(3);
    expect(l.findings).toBeGreaterThanOrEqual(1);
    expect(l.debate).toBe(5);
    expect(l.proposal).toBe(3);
    expect(l.twoColumns).toBe(false);
  });

  it("fits with a budget alert taking rows too", () => {
    const needs = { ...busy, chrome: 10 };
    expect(height(needs, sessionLayout(24, 80, needs))).toBeLessThanOrEqual(23);
  });

  it("shows everything in a tall terminal, and goes to two columns in a wide one", () => {
    const tall = sessionLayout(50, 100, busy);
    expect(tall).toMatchObject({ findings: 6, differential: 6, twoColumns: false });
    const wide = sessionLayout(30, 140, busy);
    expect(wide.twoColumns).toBe(true);
    expect(height(busy, wide)).toBeLessThanOrEqual(29);
  });

  it("gives an expanded role the room, folding findings and bars away", () => {
    const needs = { ...busy, expandedRows: 30 };
    const l = sessionLayout(24, 80, needs);
    expect(l).toMatchObject({ findings: 0, differential: 0 });
    expect(l.debate).toBeGreaterThan(5);
    expect(height(needs, l)).toBeLessThanOrEqual(23);
  });
});
