import { describe, expect, it } from "vitest";
import { type PanelBrains, offlineBrains } from "../../agents/brain.js";
import type { PanelView } from "../../agents/view.js";
import { foldText } from "../../core/text-match.js";
import { DiagnosticSession } from "../../graph/session.js";
import { playScripted } from "../../graph/scripted.js";
import { bundled } from "./helpers.js";

/** Offline brains that keep a copy of every view the panel's roles are given. */
function recordingBrains(inner: PanelBrains, seen: PanelView[]): PanelBrains {
  const keep = (view: PanelView) => seen.push(structuredClone(view));
  return {
    hypothesis: (v) => (keep(v), inner.hypothesis(v)),
    testChooser: (v, h) => (keep(v), inner.testChooser(v, h)),
    skeptic: (v, h) => (keep(v), inner.skeptic(v, h)),
    costSteward: (v, c) => (keep(v), inner.costSteward(v, c)),
    chair: (v, d) => (keep(v), inner.chair(v, d)),
    plan: (v, dx) => (keep(v), inner.plan(v, dx)),
  };
}

const folded = (text: string) => ` ${foldText(text)} `;

describe("the hidden case stays hidden", () => {
  const { knowledge, cases } = bundled();

  it.each([...cases.keys()])("no panel input for %s holds the diagnosis or an unrevealed finding", async (id) => {
    const caseFile = cases.get(id)!;
    const seen: PanelView[] = [];
    const session = DiagnosticSession.create({ caseFile, knowledge, brains: recordingBrains(offlineBrains(knowledge), seen) });
    const status = await playScripted(session);
    expect(status.finished).toBe(true);
    expect(seen.length).toBeGreaterThan(4);

    const names = [caseFile.diagnosis.name, ...caseFile.diagnosis.synonyms].map((n) => foldText(n)).filter((n) => n.length > 2);
    // A case text that is also a catalog normal result ("No growth at 48 hours") may reach the
    // panel as a synthetic reply to another order: those are not the case's to leak.
    const normals = knowledge.catalog.tests.map((t) => foldText(t.normal_result)).join(" | ");
    // A case text that is word for word a knowledge-base finding's id ("Glucose high." is
    // glucose_high) reaches the panel as the finding it reasons about, not from the case.
    const findingIds = new Set(knowledge.kb.findings.map((f) => foldText(f.id)));
    const hiddenTexts = [...caseFile.findings.map((f) => f.text), ...Object.values(caseFile.tests).map((t) => t.text)]
      .map(foldText)
      .filter((t) => !normals.includes(t) && !findingIds.has(t));
    for (const view of seen) {
      // The prose the case and the gatekeeper put in front of the panel. Its own guesses and the
      // knowledge base's finding ids (a confirming test may establish "ct_appendicitis") aside.
      const caseDerived = folded(
        JSON.stringify({ visible: view.visible, reveals: view.reveals.map(({ reveal }) => [reveal.text, reveal.values]) }),
      );
      for (const name of names) expect(caseDerived, `view of round ${view.round}`).not.toContain(` ${name} `);
      const revealed = view.reveals.filter((r) => r.round < view.round).map((r) => foldText(r.reveal.text)).join(" | ");
      const whole = folded(JSON.stringify(view));
      for (const text of hiddenTexts) {
        if (whole.includes(text)) expect(revealed, `"${text.slice(0, 40)}…" reached the panel unrevealed`).toContain(text);
      }
      expect(Object.keys(view).sort()).toEqual(["differentials", "ledger", "reveals", "round", "settings", "trail", "turn", "visible"]);
    }
  });
});
