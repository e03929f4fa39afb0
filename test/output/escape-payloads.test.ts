import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { packageRoot } from "../../core/paths.js";
import { htmlText, markdownText, terminalText } from "../../output/safe-text.js";

/** What a hostile case carries: clipboard write, window title, screen clear, hyperlink, C1 CSI, bare controls. */
const PAYLOADS = [
  "\u001b]52;c;ZWNobyBwd25lZA==\u0007",
  "\u001b]0;pwned title\u0007",
  "\u001b[2J\u001b[H",
  "\u001b]8;;http://evil.example/\u001b\\click me\u001b]8;;\u001b\\",
  "\u009b2J",
  "\u009d0;c1 title\u009c",
  "bell\u0007 backspace\u0008 nul\u0000 del\u007f cr\roverwrite",
  "\u001bc",
].join(" ");

/** Markdown and HTML a case could forge a document with. */
const FORGERY = "\n\n# Forged heading\n\n[click](http://evil.example) <script>alert(1)</script> ![x](http://evil.example/x.png)";

/** ESC, C1 controls (0x9b CSI among them), BEL and every other C0 control but newline and tab. */
const ESCAPE_BYTES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const cli = join(packageRoot, "dist/cli/main.js");

function hostileCase(dir: string): string {
  const c = parse(readFileSync(join(packageRoot, "scenarios/cases/cp-01.yaml"), "utf8"));
  const taint = (s: string) => `${s} ${PAYLOADS}${FORGERY}`;
  c.id = "evil-01";
  c.title = taint(c.title);
  c.presentation.chief_complaint = taint(c.presentation.chief_complaint);
  c.presentation.narrative = taint(c.presentation.narrative);
  for (const f of c.findings) f.text = taint(f.text);
  for (const t of Object.values(c.tests) as { text: string }[]) t.text = taint(t.text);
  c.teaching_points = c.teaching_points.map(taint);
  const file = join(dir, "evil-01.yaml");
  writeFileSync(file, stringify(c));
  return file;
}

describe.skipIf(!existsSync(cli))("escape payloads in a case never reach an output", () => {
  const work = mkdtempSync(join(tmpdir(), "dxsim-escapes-"));
  const home = join(work, "home");
  const dxsim = (...args: string[]) => {
    const r = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", cwd: work, env: { ...process.env, DXSIM_HOME: home }, stdio: ["ignore", "pipe", "pipe"] });
    return { status: r.status, out: r.stdout, err: r.stderr };
  };
  let caseFile = "";
  let session = "";
  const outputs: { path: string; text: string }[] = [];
  const keep = (path: string, text: string) => outputs.push({ path, text });

  beforeAll(() => {
    caseFile = hostileCase(work);
    const broken = join(work, "broken.yaml");
    writeFileSync(broken, `id: broken\ntitle: x\ndifficulty: "${PAYLOADS.replace(/[\u0000-\u001f\u007f-\u009f"\\]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}"\n`);
    for (const [name, r] of [
      ["validate", dxsim("validate", caseFile, broken)],
      ["run", dxsim("run", caseFile, "--out", join(work, "results.jsonl"))],
      ["play", dxsim("play", caseFile)],
    ] as const) {
      keep(`${name} stdout`, r.out);
      keep(`${name} stderr`, r.err);
      if (name === "play") session = /session (\S+)/.exec(r.err)?.[1] ?? "";
    }
    keep("results.jsonl", readFileSync(join(work, "results.jsonl"), "utf8"));
    for (const format of ["md", "html", "json"]) {
      const r = dxsim("export", session, "--format", format);
      keep(`export ${format}`, r.out + r.err);
      const file = join(work, `export.${format}`);
      dxsim("export", session, "--format", format, "--out", file);
      keep(`export ${format} file`, readFileSync(file, "utf8"));
    }
    for (const format of ["text", "md"]) {
      const r = dxsim("debrief", session, "--format", format);
      keep(`debrief ${format}`, r.out + r.err);
    }
    const report = dxsim("report", join(work, "results.jsonl"), session, "--html", join(work, "report.html"));
    keep("report", report.out + report.err);
    keep("report.html", readFileSync(join(work, "report.html"), "utf8"));
  }, 600_000);

  it("the commands ran on the hostile case", () => {
    expect(session).toMatch(/^evil-01-/);
    expect(outputs.find((o) => o.path === "play stdout")?.text).toContain("He says a heavy");
    expect(outputs.find((o) => o.path === "validate stderr")?.text + (outputs.find((o) => o.path === "validate stdout")?.text ?? "")).toContain("broken.yaml");
  });

  it("has 0 escape bytes in every output", () => {
    const dirty = outputs.filter((o) => ESCAPE_BYTES.test(o.text)).map((o) => o.path);
    expect(outputs.length).toBeGreaterThanOrEqual(17);
    expect(dirty).toEqual([]);
  });

  it("Markdown and HTML exports cannot be forged by case text", () => {
    for (const o of outputs.filter((x) => x.path.startsWith("export md") || x.path.startsWith("debrief md"))) {
      expect(o.text, o.path).not.toMatch(/^# Forged/m);
      expect(o.text, o.path).not.toMatch(/(?<!\\)\[click(?<!\\)\]/);
      expect(o.text, o.path).not.toContain("<script>");
    }
    for (const o of outputs.filter((x) => x.path.startsWith("export html") || x.path === "report.html")) {
      expect(o.text, o.path).not.toContain("<script>alert");
      expect(o.text, o.path).toContain("&lt;script&gt;");
    }
  });
});

describe("the sanitiser", () => {
  it("removes every escape sequence and control but newline and tab", () => {
    expect(terminalText(`a${PAYLOADS}\tb\nc`)).not.toMatch(ESCAPE_BYTES);
    expect(terminalText("line\r\nnext\tcol")).toBe("line\nnext\tcol");
    expect(terminalText("\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\")).toBe("link");
  });
  it("escapes Markdown so nothing starts a heading, a list, a link or HTML", () => {
    expect(markdownText("# Heading")).toBe("\\# Heading");
    expect(markdownText("- item")).toBe("\\- item");
    expect(markdownText("1. first")).toBe("1\\. first");
    expect(markdownText("[a](b) <i>")).toBe("\\[a\\](b) \\<i\\>");
    expect(markdownText("one\n\n# two")).toBe("one \\# two");
  });
  it("escapes HTML", () => {
    expect(htmlText(`<a href="x">'&'</a>\u0007`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
