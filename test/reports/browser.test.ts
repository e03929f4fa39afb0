import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PARETO_AXES, reportCharts } from "../../reports/charts.js";
import { compare } from "../../reports/comparison.js";
import { reportHtml } from "../../reports/html.js";
import { loadReportInputs } from "../../reports/load.js";
import { resultsFile, sessionResult, tempDir, workshopFolder } from "./fixture.js";

const CHROMIUM = "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
const SKIP_NOTE = `no Chromium at ${CHROMIUM} (Debian's chromium package; .ci/run installs it)`;

/** Runs in the page (as text: the project's types have no DOM): the image's colours and its share of dark pixels. */
const COUNT_COLOURS = `(async () => {
  const img = document.getElementById("shot");
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const g = canvas.getContext("2d");
  g.drawImage(img, 0, 0);
  const data = g.getImageData(0, 0, canvas.width, canvas.height).data;
  const colours = new Set();
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) {
    colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    if (data[i] + data[i + 1] + data[i + 2] < 600) inked++;
  }
  return { colours: colours.size, inkedShare: inked / (data.length / 4) };
})()`;

/** PNG width and height, from the IHDR chunk that always comes first. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe("the HTML report in a browser", () => {
  let browser: Browser | undefined;
  let reportUrl = "";

  beforeAll(async () => {
    if (!haveChromium) return;
    // A workshop folder with a panel run beside it: learners and variants in one report.
    const folder = workshopFolder();
    resultsFile(folder, "panel.jsonl", [sessionResult({ variant: "budgeted", costUsd: 320 }), sessionResult({ variant: "budgeted", caseId: "cp-01", costUsd: 180, score: 3 })]);
    const comparison = compare(loadReportInputs([folder]).entries);
    const html = reportHtml(comparison, await reportCharts(comparison), { title: "Workshop report", generatedAt: new Date("2025-03-04T10:00:00Z"), problems: [] });
    const file = join(tempDir(), "report.html");
    writeFileSync(file, html);
    reportUrl = pathToFileURL(file).href;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("draws the charts offline: marks, axis titles, captions", async (ctx) => {
    ctx.skip(!haveChromium, SKIP_NOTE);
    const page = await browser!.newPage({ viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(reportUrl);
    expect(requests).toEqual([reportUrl]);
    expect(await page.locator("script").count()).toBe(0);

    const pareto = page.locator("#pareto svg");
    expect(await pareto.locator(".mark-symbol.role-mark path").count()).toBe(4);
    expect(await pareto.locator(".role-axis-title text").allTextContents()).toEqual([PARETO_AXES.x, PARETO_AXES.y]);
    expect(await page.locator("#costs svg .mark-rect.role-mark path").count()).toBeGreaterThan(0);
    expect(await page.locator("#differential svg .mark-line.role-mark path").count()).toBeGreaterThan(0);
    for (const id of ["pareto", "costs", "differential"]) {
      const box = await page.locator(`#${id} svg`).boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(box?.height).toBeGreaterThan(150);
      expect(await page.locator(`#${id} figcaption`).textContent()).toMatch(/^Figure \d\. /);
    }
    const labelled = await page.locator("#pareto svg").getAttribute("aria-labelledby");
    expect(await page.locator(`#${labelled}`).textContent()).toContain("Figure 1.");
    await page.close();
  });

  it("renders a page that is neither blank nor squashed", async (ctx) => {
    ctx.skip(!haveChromium, SKIP_NOTE);
    const page = await browser!.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(reportUrl);
    const png = await page.screenshot({ fullPage: true });
    const { width, height } = pngSize(png);
    expect(width).toBe(1100);
    expect(height).toBeGreaterThan(1500);
    // Count the screenshot's colours in the browser's own decoder: a blank page has one or two.
    await page.setContent(`<img id="shot" src="data:image/png;base64,${png.toString("base64")}">`);
    const stats = await page.evaluate<{ colours: number; inkedShare: number }>(COUNT_COLOURS);
    expect(stats.colours).toBeGreaterThan(50);
    expect(stats.inkedShare).toBeGreaterThan(0.01);
    await page.close();
  });
});
