import { describe, expect, it } from "vitest";
import { DiagnosticSession } from "../../graph/session.js";
import { playScripted } from "../../graph/scripted.js";
import { NOTICE, renderTranscript } from "../../reports/transcript.js";
import { bundledCase, bundledData } from "./helpers.js";

async function played(overrideRound2 = false) {
  const caseFile = bundledCase("cp-01");
  const { knowledge } = bundledData();
  const session = DiagnosticSession.create({ caseFile, knowledge, threadId: "transcript" });
  if (!overrideRound2) return { caseFile, values: (await playScripted(session)).values };
  await session.start();
  await session.decide({ kind: "approve" });
  const status = await session.decide({ kind: "replace", action: { kind: "order", tests: ["lipase"] } });
  return { caseFile, values: status.values, finished: status.finished };
}

describe("the session transcript", () => {
  it("tells a finished session in Markdown: presentation, rounds, verdict, money and teaching points", async () => {
    const { caseFile, values } = await played();
    const md = renderTranscript(caseFile, values, { format: "markdown", oracleCostUsd: 26.38, sessionName: "cp-01-x" });
    expect(md.startsWith(`# dxsim session: ${caseFile.title}\n`)).toBe(true);
    expect(md).toContain(`> ${NOTICE}`);
    expect(md).toContain("## Presentation");
    expect(md).toContain(caseFile.presentation.chief_complaint);
    expect(md).toContain("## Round 1");
    expect(md).toContain("### Debate");
    // A role's own numbers and bullets become the nested list's, not a list item's text.
    expect(md).toMatch(/- Hypothesis generator\n  1\. .+ \d+(\.\d)?% — /);
    expect(md).toMatch(/- Test chooser\n  - .+: \d\.\d\d bits expected/);
    expect(md).not.toContain("•");
    expect(md).toMatch(/\| Diagnosis \| Probability \|\n\| --- \| ---: \|/);
    expect(md).toContain(`Verdict: ${values.verdict!.score}/5, ${values.verdict!.correct ? "correct" : "not correct"}.`);
    // The judge's reason line is printed with the verdict.
    expect(md).toContain(`Verdict: ${values.verdict!.score}/5, ${values.verdict!.correct ? "correct" : "not correct"}. ${values.verdict!.reason}`);
    expect(md).toContain(`True diagnosis: ${caseFile.diagnosis.name}`);
    expect(md).toContain("The case's minimal confirmatory workup costs $26.38");
    expect(md).toContain("## Teaching points");
    for (const point of caseFile.teaching_points) expect(md).toContain(`- ${point}`);
  });

  it("marks a physician's override with what the panel had proposed", async () => {
    const { caseFile, values } = await played(true);
    const md = renderTranscript(caseFile, values, { format: "markdown" });
    expect(md).toMatch(/Physician override \(the panel proposed to [^)]+\): order Lipase\./);
  });

  it("keeps the title and the diagnosis hidden while the session is unfinished", async () => {
    const { caseFile, values, finished } = await played(true);
    expect(finished).toBe(false);
    const text = renderTranscript(caseFile, values, { format: "text" });
    expect(text).not.toContain(caseFile.title);
    expect(text).not.toContain(`True diagnosis`);
    expect(text).toContain(`dxsim session: ${caseFile.presentation.chief_complaint}`);
    expect(text).toContain("No diagnosis was given");
  });

  it("writes plain text with underlined headings and no Markdown marks", async () => {
    const { caseFile, values } = await played();
    const text = renderTranscript(caseFile, values, { format: "text" });
    expect(text).toMatch(/^dxsim session: .+\n=+\n/);
    expect(text).toContain(`NOTE: ${NOTICE}`);
    expect(text).toMatch(/\nRound 1\n-------\n/);
    expect(text).not.toMatch(/^#|\| --- \|/m);
    expect(Math.max(...text.split("\n").map((l) => l.length))).toBeLessThanOrEqual(100);
  });
});
