import { mapStrings } from "../core/map-strings.js";
import stripAnsi from "strip-ansi";

/**
 * The one sanitiser for text that came from a case, a model or any file on its way to a
 * terminal, a Markdown file or an HTML file. Escape sequences (OSC 52 clipboard writes, window
 * titles, screen clears, OSC 8 hyperlinks…) are removed whole by strip-ansi; what it leaves
 * (bare C0 and C1 controls, DEL, a lone ESC, carriage returns that overwrite a line, and the
 * bidirectional overrides that reorder what a reader sees) is removed here.
 */

/** C0 controls but tab and newline, DEL, C1 controls, and bidi embedding/override/isolate marks. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text safe to print on a terminal: no escape sequence and no control character but \n and \t. */
export const terminalText = (text: string): string => stripAnsi(text.replace(/\r\n?/g, "\n")).replace(CONTROLS, "");

/** Every string inside a value (a case, a state update) made terminal-safe; other values kept. */
export const safeDeep = <T>(value: T): T => mapStrings(value, terminalText);

/**
 * Inline Markdown: terminal-safe, on one line, with every character that could start a
 * heading, a list, a link, an image, emphasis, code, a table cell or raw HTML escaped, so case
 * text reads as written and cannot forge the document around it.
 */
export const markdownText = (text: string): string =>
  terminalText(text)
    .replace(/\s*\n\s*/g, " ")
    .replace(/([\\`*_[\]<>|#!~&])/g, "\\$1")
    .replace(/^([-+=])/, "\\$1")
    .replace(/^(\d+)([.)])/, "$1\\$2");

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for HTML, in an element or an attribute value: terminal-safe and entity-escaped. */
export const htmlText = (text: string): string => terminalText(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);

/**
 * JSON text with every control JSON.stringify leaves raw (DEL, C1 controls, bidi marks) written
 * as a \u escape, so a results file or an export printed with `cat` cannot drive the terminal.
 */
export const jsonText = (value: unknown, space?: number): string =>
  JSON.stringify(value, null, space).replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** A stream's write, sanitised: what any command prints of a case, a model or a file goes through it. */
export interface TextSink {
  write(text: string): unknown;
}

/** Wraps a writable so every string written to it is terminal-safe. */
export const safeSink = (stream: TextSink): TextSink => ({ write: (text: string) => stream.write(terminalText(text)) });
