import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ROLE_TITLES } from "../../agents/roles.js";
import { packageRoot } from "../../core/paths.js";

const CLI = join(packageRoot, "dist", "cli", "main.js");
const CHROMIUM = "/usr/bin/chromium";
const why = !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM} (Debian's chromium package; .ci/run installs it)` : !existsSync(CLI) ? "dist/ is not built: run `npm run build` (npm test does)" : "";
if (why) console.warn(`skipping the HTML export in a browser: ${why}`);

/** Runs the built dxsim as a user would, on its own DXSIM_HOME. */
const dxsim = (home: string, ...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, DXSIM_HOME: home }, encoding: "utf8" });

describe.skipIf(Boolean(why))("`dxsim export --format html` in a browser", () => {
  it("shows the debate as one message per role, each in its own block with its reasoning under it", { timeout: 120_000 }, async () => {
    const home = mkdtempSync(join(tmpdir(), "dxsim-html-"));
    const played = dxsim(home, "play", "cp-01");
    expect(played.status).toBe(0);
    const id = /^session (\S+)/m.exec(played.stderr)![1]!;
    const file = join(home, "session.html");
    expect(dxsim(home, "export", id, "--format", "html", "--out", file).status).toBe(0);

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
      await page.goto(pathToFileURL(file).href);
      // The first round's debate: the list after its "Debate" heading.
      const debate = page.locator("xpath=//h2[.='Round 1']/following::h3[.='Debate'][1]/following-sibling::ul[1]");
      const messages = debate.locator(":scope > li.message");
      const speakers = (await messages.locator(":scope > strong").allTextContents()).map((t) => t.trim());
      expect(speakers).toEqual(Object.values(ROLE_TITLES));
      // Each message is a block of its own, below the one before, with its reasoning as a list under it.
      let bottom = -Infinity;
      for (let i = 0; i < speakers.length; i++) {
        const box = (await messages.nth(i).boundingBox())!;
        expect(box.y).toBeGreaterThanOrEqual(bottom);
        bottom = box.y + box.height;
        expect(await messages.nth(i).locator(":scope > ul > li").count()).toBeGreaterThan(0);
      }
    } finally {
      await browser.close();
    }
  });
});
