import { afterEach, describe, expect, it } from "vitest";
import { cleanup } from "ink-testing-library";
import type { Reveal } from "../../core/reveal.js";
import { Findings } from "../../tui/components/Findings.js";
import { findingRows, findingsThatFit } from "../../tui/finding-rows.js";
import { sessionLayout } from "../../tui/layout.js";
import { renderWith } from "./helpers.js";

afterEach(() => cleanup());

const reveal = (text: string, abnormal = false, testName = "Long test"): Reveal => ({ kind: "result", request: testName, testName, text, values: [], abnormal, findings: [] });
const long = reveal(`${"word ".repeat(60)}last-word.`, true);
const short = reveal("Normal.", false, "Short test");

describe("new findings at 80 columns", () => {
  it("counts the rows a finding wraps to, as Ink wraps it", () => {
    expect(findingRows(short, 78)).toBe(1);
    // 60 five-character words and a last one: more than four rows of 76 columns.
    expect(findingRows(long, 78)).toBe(5);
  });

  it("keeps the most important finding whole, even when nothing else fits", () => {
    expect(findingsThatFit([short, long], 5, 78)).toEqual({ shown: [long], cut: false });
    expect(findingsThatFit([short, long], 6, 78)).toEqual({ shown: [short, long], cut: false });
    expect(findingsThatFit([short, long], 2, 78)).toEqual({ shown: [long], cut: true });
    const longNormal = { ...long, abnormal: false };
    const abnormal = { ...short, abnormal: true };
    expect(findingsThatFit([longNormal, abnormal, short], 3, 78)).toEqual({ shown: [abnormal, short], cut: false });
  });

  it("shows every word of a long finding, wrapped, rather than one row", () => {
    const app = renderWith(<Findings round={1} reveals={[long]} rows={5} width={78} />);
    const frame = app.lastFrame() ?? "";
    expect(frame.split("\n").length).toBe(6);
    expect(frame).toContain("last-word.");
    expect(frame.replace(/\s+/g, " ")).toContain(`Long test: ${"word ".repeat(60)}last-word.`);
  });

  it("gives the round's wrapped findings room on an 80×24 screen before the differential's unlikely tail", () => {
    const l = sessionLayout(24, 80, { findings: 5, firstFinding: 4, roles: 5, expandedRows: 0, differential: 6, proposal: 1, chrome: 5 });
    expect(l).toMatchObject({ findings: 5, differential: 3 });
  });
});
