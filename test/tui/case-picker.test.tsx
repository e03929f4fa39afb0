import { afterEach, describe, expect, it } from "vitest";
import { cleanup } from "ink-testing-library";
import { complaintLabel } from "../../core/complaint.js";
import { caseCard, filterCards, NO_FILTER } from "../../tui/case-cards.js";
import { CasePicker } from "../../tui/components/CasePicker.js";
import { KEY, bundledData, press, renderWith, waitForFrame, waitForText } from "./helpers.js";

afterEach(() => cleanup());

function openPicker() {
  const cards = bundledData().cases.map(caseCard);
  const chosen: string[] = [];
  let quit = 0;
  const app = renderWith(<CasePicker cards={cards} rows={60} width={100} onChoose={(id) => chosen.push(id)} onQuit={() => quit++} onHelp={() => {}} />);
  return { app, cards, chosen, quits: () => quit };
}

describe("the case picker", () => {
  it("shows each case's id, complaint, difficulty, patient and chief complaint, and nothing that names the diagnosis", async () => {
    const { app } = openPicker();
    const frame = await waitForText(app, "cp-01");
    const { cases } = bundledData();
    for (const c of cases) {
      expect(frame).toContain(c.id);
      expect(frame).not.toContain(c.title);
      expect(frame).not.toContain(c.diagnosis.name);
    }
    const cp01 = cases.find((c) => c.id === "cp-01")!;
    expect(frame).toMatch(new RegExp(`cp-01\\s+${complaintLabel(cp01.complaint)}\\s+${cp01.difficulty}\\s+${cp01.presentation.age} M, ${cp01.presentation.setting}\\s+${cp01.presentation.chief_complaint}`));
    expect(frame).not.toMatch(/cardiology|neurology|gastroenterology/);
  });

  it("never matches a search against what it does not show", () => {
    const { cases } = bundledData();
    const cards = cases.map(caseCard);
    const nstemi = cases.find((c) => c.id === "cp-01")!;
    expect(filterCards(cards, { ...NO_FILTER, search: nstemi.diagnosis.name })).toEqual([]);
    expect(filterCards(cards, { ...NO_FILTER, search: "chest pressure" }).map((c) => c.id)).toEqual(["cp-01"]);
  });

  it("narrows the list as the physician types, by complaint with → and by difficulty with Tab", async () => {
    const { app, cards } = openPicker();
    await waitForText(app, "cp-01");
    await press(app, "head");
    const typed = await waitForText(app, `of ${cards.length} cases`);
    expect(typed).toContain("ha-01");
    expect(typed).not.toContain("cp-01");
    await press(app, KEY.escape);
    await waitForFrame(app, (f) => f.includes("cp-01") && f.includes(`${cards.length} of ${cards.length}`), "the filters cleared");
    await press(app, KEY.right);
    const complaint = await waitForText(app, "◂ abdominal pain ▸");
    expect(complaint).toContain("abd-01");
    expect(complaint).not.toContain("cp-01");
    await press(app, KEY.tab);
    const difficulty = await waitForText(app, "Difficulty easy");
    const easyAbdominal = cards.filter((c) => c.complaint === "abdominal_pain" && c.difficulty === "easy");
    expect(difficulty).toContain(`${easyAbdominal.length} of ${cards.length} cases`);
  });

  it("opens the highlighted case with Enter and quits with Esc when nothing is filtered", async () => {
    const { app, chosen, quits } = openPicker();
    await waitForText(app, "› abd-01");
    await press(app, KEY.down);
    await waitForText(app, "› abd-02");
    await press(app, KEY.enter);
    await waitForFrame(app, () => chosen.length === 1, "a case chosen");
    expect(chosen).toEqual(["abd-02"]);
    await press(app, KEY.escape);
    await waitForFrame(app, () => quits() === 1, "the picker to quit");
  });
});
