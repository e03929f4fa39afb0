import { describe, expect, it } from "vitest";
import { reportCharts } from "../../reports/charts.js";
import { type ReportEntry, compare } from "../../reports/comparison.js";
import { reportHtml } from "../../reports/html.js";
import { loadReportInputs } from "../../reports/load.js";
import { type SessionSpec, sessionResult, workshopFolder } from "./fixture.js";

const generatedAt = new Date("2025-03-04T10:00:00Z");

async function htmlFor(entries: ReportEntry[], problems = [] as Parameters<typeof reportHtml>[2]["problems"], title = "Workshop 3") {
  const comparison = compare(entries);
  return reportHtml(comparison, await reportCharts(comparison), { title, generatedAt, problems });
}

const entry = (spec: SessionSpec, learner?: string): ReportEntry => ({ result: sessionResult(spec), ...(learner ? { learner } : {}), source: "fixture.jsonl:1" });

/** The text of a table's rows, cells joined by " | ", tags dropped. */
function tableRows(html: string, caption: string): string[] {
  const table = html.split(`<caption>${caption}</caption>`)[1]!.split("</table>")[0]!;
  return [...table.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, "").trim()).join(" | "),
  );
}

describe("the HTML report", () => {
  it("is one page with a title, the date and the notice, and needs no scripts or network", async () => {
    const html = await htmlFor(loadReportInputs([workshopFolder()]).entries);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain("<title>Workshop 3</title>");
    expect(html).toContain("<h1>Workshop 3</h1>");
    expect(html).toContain('<time datetime="2025-03-04">2025-03-04</time>');
    expect(html).toContain('<p class="notice" role="note">For education and research; not a medical device.</p>');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|url\(|@import/i);
    expect(html.match(/<svg /g)).toHaveLength(3);
  });

  it("captions every chart in a figure and names it for screen readers", async () => {
    const html = await htmlFor(loadReportInputs([workshopFolder()]).entries);
    const figures = [...html.matchAll(/<figure id="(\w+)">\n<svg role="img" aria-labelledby="(\w+)-caption"[\s\S]*?<figcaption id="(\w+)-caption">([^<]+)<\/figcaption>\n<\/figure>/g)];
    expect(figures.map((f) => [f[1], f[2], f[3]])).toEqual([
      ["pareto", "pareto", "pareto"],
      ["costs", "costs", "costs"],
      ["differential", "differential", "differential"],
    ]);
    expect(figures[0]![4]).toContain("On the frontier (no other learner is both as accurate and as cheap): Ana, Cy.");
    expect(figures[2]![4]).toContain("Final answers: Ana: Acute appendicitis (correct); Ben: Acute appendicitis (correct); Cy: Acute gastroenteritis (incorrect).");
  });

  it("puts the charted numbers in tables", async () => {
    const html = await htmlFor(loadReportInputs([workshopFolder()]).entries);
    expect(tableRows(html, "Table 2. Accuracy and cost per learner")).toEqual([
      "Learner | Sessions | Correct | Accuracy | 95% CI | Mean cost | Cost / oracle | Mean rounds | Mean points | Harmful orders | Brier (panel) | On the frontier",
      // Points: 100 x C x (0.7 + 0.3 x E) - 20 per harmful order; Ana 100 x (0.7 + 0.3 x 200/250),
      // Ben 100 x (0.7 + 0.3 x 200/900) - 20, Cy wrong: 0. Brier (1 - 0.6)^2 and (0 - 0.9)^2.
      "Ana | 1 | 1 | 100.0% | 20.7%–100.0% | $250 | 1.25× | 3.0 | 94 | 0 | n/a | yes",
      "Ben | 1 | 1 | 100.0% | 20.7%–100.0% | $900 | 4.50× | 4.0 | 57 | 1 | 0.160 (n/a) | no",
      "Cy | 1 | 0 | 0.0% | 0.0%–79.3% | $150 | 0.75× | 2.0 | 0 | 0 | 0.810 (n/a) | yes",
    ]);
    expect(tableRows(html, "Table 3. Spread of the cost per case, per learner")[2]).toBe("Ben | 1 | $900 | $900 | $900 | $900 | $900 | $900");
    expect(tableRows(html, "Table 4. Probabilities of the leading hypotheses by round").slice(0, 3)).toEqual([
      "Session | Round | Hypotheses (probability)",
      "Ana | 1 | Acute appendicitis 30.0%; Acute gastroenteritis 30.0%; Non-specific abdominal pain 25.0%",
      "Ana | 2 | Acute appendicitis 60.0%; Acute gastroenteritis 20.0%; Non-specific abdominal pain 10.0%",
    ]);
    expect(tableRows(html, "Table 5. One row per session, grouped by case")).toEqual([
      "Learner | Diagnosis given | Score | Reason for the score | Cost | Oracle cost | Rounds | Closed by | Stated confidence (panel) | Points | Harmful orders | Source",
      "abd-01: Case abd-01 (true diagnosis: Acute appendicitis)",
      expect.stringMatching(/^Ana \| Acute appendicitis \| 5\/5 correct \| fixture \| \$250 \| \$200 \| 3 \| panel \| none \| 94 \| none \| .*ana\.json$/),
      expect.stringMatching(/^Ben \| Acute appendicitis \| 5\/5 correct \| fixture \| \$900 \| \$200 \| 4 \| panel \| 60\.0% \| 57 \| round 1: ionising imaging in pregnancy \| .*ben\.json$/),
      expect.stringMatching(/^Cy \| Acute gastroenteritis \| 2\/5 incorrect \| fixture \| \$150 \| \$200 \| 2 \| panel \| 90\.0% \| 0 \| none \| .*cy\.json$/),
    ]);
  });

  it("escapes what learners typed, in the tables and in the charts", async () => {
    const html = await htmlFor([entry({}, `<b>Zoë</b> & "co"`)]);
    expect(html).not.toContain("<b>Zoë</b>");
    expect(html).toContain("&lt;b&gt;Zoë&lt;/b&gt; &amp; &quot;co&quot;");
  });

  it("numbers repeats, points to the other cases and lists skipped inputs", async () => {
    const html = await htmlFor([entry({ run: 0 }), entry({ run: 1, costUsd: 500 }), entry({ caseId: "cp-02" })], [{ file: "ana.json", line: 4, field: "costUsd", message: "expected number" }]);
    expect(tableRows(html, "Table 5. One row per session, grouped by case")[0]).toMatch(/^Panel variant \| Run \| Diagnosis given/);
    expect(html).toContain("<code>dxsim report --case &lt;id&gt;</code> (also here: cp-02)");
    expect(html).toContain("<li><code>ana.json:4: costUsd: expected number</code></li>");
    expect(tableRows(html, "Table 4. Probabilities of the leading hypotheses by round")[1]).toMatch(/^full run 1 \| 1 \| /);
  });

  it("says so when the case followed recorded no differential", async () => {
    const html = await htmlFor([entry({ course: {} })]);
    expect(html).toContain("<p>No session of this case recorded a differential.</p>");
    expect(html.match(/<figure /g)).toHaveLength(2);
  });
});
