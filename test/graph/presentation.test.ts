import { describe, expect, it } from "vitest";
import { type Case, caseLinks } from "../../core/case.js";
import { checkCase } from "../../core/case-loader.js";
import { DiagnosticSession } from "../../graph/session.js";
import { latestOutput } from "../../agents/debate.js";
import { posterior } from "../../reasoning/differential.js";
import { bundled, bundledCase } from "./helpers.js";

/** cp-02 with its presentation's coded findings replaced, everything else as bundled. */
const withPresented = (kb: Case["presentation"]["kb"]): Case => {
  const c = bundledCase("cp-02");
  return { ...c, presentation: { ...c.presentation, kb } };
};

const firstRound = async (caseFile: Case) => {
  const status = await DiagnosticSession.create({ caseFile, knowledge: bundled().knowledge }).start();
  return {
    differential: latestOutput(status.values.debate, 1, "hypothesis")!.differential,
    proposal: status.review!.proposal,
  };
};

describe("the presentation's own findings", () => {
  const story = [{ id: "pain_tearing", present: true }, { id: "pain_radiates_back", present: true }, { id: "pain_sudden_maximal", present: true }];

  it("start the panel's differential from what the story says", async () => {
    const silent = await firstRound(withPresented([]));
    const told = await firstRound(withPresented(story));
    const dissection = (d: typeof silent.differential) => d.find((e) => e.id === "aortic_dissection")?.p ?? 0;
    expect(silent.differential[0]!.id).not.toBe("aortic_dissection");
    expect(told.differential[0]!.id).toBe("aortic_dissection");
    expect(dissection(told.differential)).toBeGreaterThan(10 * dissection(silent.differential));
  });

  it("are not asked about again", async () => {
    const { proposal } = await firstRound(withPresented(story));
    const questions = proposal.kind === "ask" ? proposal.questions.join(" ").toLowerCase() : "";
    expect(questions).not.toMatch(/back|tearing|ripping/);
  });

  it("must name knowledge-base findings", () => {
    const problems = checkCase("cp-02.yaml", withPresented([{ id: "pain_like_a_knife", present: true }]), bundled().knowledge);
    expect(problems).toContainEqual(
      expect.objectContaining({ file: "cp-02.yaml", field: "presentation.kb[0].id", kind: "unknown-kb-id", message: 'unknown knowledge-base finding "pain_like_a_knife"' }),
    );
  });
});

describe("every bundled case", () => {
  const { knowledge, cases } = bundled();

  it.each([...cases.keys()])("%s is solvable offline: with the presentation, every finding and every result known, its diagnosis leads", (id) => {
    const c = cases.get(id)!;
    const evidence: Record<string, boolean> = {};
    for (const l of caseLinks(c)) evidence[l.id] = l.present;
    const [leader] = posterior(knowledge.kb, { complaint: c.complaint, setting: c.presentation.setting }, evidence);
    expect(leader!.id).toBe(c.diagnosis.kb_id);
  });

  it.each([...cases.keys()])("%s codes what its presentation says without contradicting the hidden findings", (id) => {
    const c = cases.get(id)!;
    expect(c.presentation.kb.length).toBeGreaterThan(0);
    const hidden = new Map([...c.findings.flatMap((f) => f.kb), ...Object.values(c.tests).flatMap((t) => t.kb)].map((l) => [l.id, l.present]));
    for (const l of c.presentation.kb) if (hidden.has(l.id)) expect(hidden.get(l.id), l.id).toBe(l.present);
  });
});
