import { describe, expect, it } from "vitest";
import { BUDGET_CRITICAL, BUDGET_LOW, themeFor } from "../../tui/theme.js";

describe("the theme", () => {
  it("gives each panel role its own colour", () => {
    const theme = themeFor({});
    const colours = Object.values(theme.role);
    expect(new Set(colours).size).toBe(colours.length);
    expect(colours.every((c) => typeof c === "string")).toBe(true);
  });

  it("turns the budget bar amber, then red, as the money runs low", () => {
    const theme = themeFor({});
    expect(theme.budget(0.9)).toBe("green");
    expect(theme.budget(BUDGET_LOW)).toBe("yellow");
    expect(theme.budget(BUDGET_CRITICAL)).toBe("red");
  });

  it("uses no colour at all when NO_COLOR is set", () => {
    const theme = themeFor({ NO_COLOR: "1" });
    expect(theme.color).toBe(false);
    expect(Object.values(theme.role).every((c) => c === undefined)).toBe(true);
    expect([theme.accent, theme.abnormal, theme.alert, theme.budget(0.05)].every((c) => c === undefined)).toBe(true);
    expect(themeFor({ NO_COLOR: "" }).color).toBe(true);
  });
});
