import type { Block, ListItem } from "../reports/transcript.js";
import { htmlText } from "../output/safe-text.js";

/**
 * A transcript as a self-contained HTML page, drawn from its blocks: headings, the notice,
 * lists (a role and its reasoning as one item each, so every message of the debate stands
 * apart), tables and paragraphs. Every text is escaped, so a case's words appear as written.
 */
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
li.message { margin: .4rem 0; }
`;

function table(b: Extract<Block, { kind: "table" }>): string {
  const row = (cells: string[], tag: "th" | "td") =>
    `<tr>${cells.map((c, i) => `<${tag}${b.right.includes(i) ? ' class="num"' : ""}>${htmlText(c)}</${tag}>`).join("")}</tr>`;
  return `<table><thead>${row(b.head, "th")}</thead><tbody>${b.rows.map((r) => row(r, "td")).join("")}</tbody></table>`;
}

const item = (i: ListItem): string =>
  typeof i === "string"
    ? `<li>${htmlText(i)}</li>`
    : `<li class="message"><strong>${htmlText(i.text)}</strong>${i.sub.length ? `<ul>${i.sub.map((l) => `<li>${htmlText(l.replace(/^• /, ""))}</li>`).join("")}</ul>` : ""}</li>`;

function block(b: Block): string {
  switch (b.kind) {
    case "heading":
      return `<h${b.level}>${htmlText(b.text)}</h${b.level}>`;
    case "notice":
      return `<p class="notice">${htmlText(b.text)}</p>`;
    case "para":
      return `<p>${htmlText(b.text)}</p>`;
    case "list":
      return `<ul>${b.items.map(item).join("")}</ul>`;
    case "table":
      return table(b);
  }
}

export function transcriptPage(blocks: readonly Block[], title: string): string {
  const body = blocks.map(block).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
