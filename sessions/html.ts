/**
 * A transcript's Markdown as a self-contained HTML page. Only the shapes the transcript writes
 * are read: headings, the notice quote, lists one level deep, tables and paragraphs. Text is
 * escaped and never read as inline Markdown, so a case's words appear exactly as written.
 */

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const STYLE = `
:root { color-scheme: light; --ink: #1d2730; --muted: #55616d; --line: #d5dde3; }
body { margin: 0 auto; max-width: 52rem; padding: 1.5rem 1.25rem 3rem; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); }
h1 { font-size: 1.7rem; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; padding-bottom: .2rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
.notice { margin: 0 0 1rem; padding: .5rem .75rem; border-left: 4px solid #c2185b; background: #fdf0f4; font-weight: 600; }
table { border-collapse: collapse; font-size: .92rem; margin: .5rem 0; }
th, td { padding: .3rem .6rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { background: #eef3f6; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
li ul { color: var(--muted); }
`;

/** The cells of a table row, with the transcript's escaped pipes put back. */
const cells = (line: string): string[] =>
  line
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replaceAll("\\|", "|"));

function table(lines: string[]): string {
  const [head = "", align = "", ...rows] = lines;
  const right = cells(align).map((a) => a.endsWith(":"));
  const row = (line: string, tag: "th" | "td") =>
    `<tr>${cells(line)
      .map((c, i) => `<${tag}${right[i] ? ' class="num"' : ""}>${escapeHtml(c)}</${tag}>`)
      .join("")}</tr>`;
  return `<table><thead>${row(head, "th")}</thead><tbody>${rows.map((r) => row(r, "td")).join("")}</tbody></table>`;
}

function list(lines: string[]): string {
  const items: { text: string; sub: string[] }[] = [];
  for (const line of lines) {
    if (line.startsWith("  - ")) items.at(-1)?.sub.push(line.slice(4));
    else items.push({ text: line.slice(2), sub: [] });
  }
  const item = ({ text, sub }: { text: string; sub: string[] }) =>
    `<li>${escapeHtml(text)}${sub.length ? `<ul>${sub.map((s) => `<li>${escapeHtml(s)}</li>`).join("")}</ul>` : ""}</li>`;
  return `<ul>${items.map(item).join("")}</ul>`;
}

function block(chunk: string): string {
  const lines = chunk.split("\n");
  const first = lines[0] ?? "";
  const heading = /^(#{1,3}) (.*)$/.exec(first);
  if (heading && lines.length === 1) return `<h${heading[1]!.length}>${escapeHtml(heading[2]!)}</h${heading[1]!.length}>`;
  if (lines.every((l) => l.startsWith("> "))) return `<p class="notice">${escapeHtml(lines.map((l) => l.slice(2)).join(" "))}</p>`;
  if (lines.every((l) => l.startsWith("|"))) return table(lines);
  if (lines.every((l) => l.startsWith("- ") || l.startsWith("  - "))) return list(lines);
  return `<p>${escapeHtml(lines.join(" "))}</p>`;
}

export function markdownPage(markdown: string, title: string): string {
  const body = markdown
    .split(/\n{2,}/)
    .map((c) => c.trim() === "" ? "" : block(c.replace(/\n+$/, "")))
    .filter(Boolean)
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
