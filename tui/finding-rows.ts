import wrapAnsi from "wrap-ansi";
import type { Reveal } from "../core/reveal.js";
import { revealText } from "../reports/transcript.js";

/** The mark before a finding ("▸ ", "! "); wrapped lines start under the text, after it. */
export const FINDING_MARK_WIDTH = 2;

/** A finding as one string: its line, then its values in brackets. */
export function findingText(reveal: Reveal): { line: string; detail: string } {
  const { line, values } = revealText(reveal);
  return { line, detail: values.length ? ` [${values.join("; ")}]` : "" };
}

/** Rows a finding takes wrapped to a column, as Ink wraps it (word wrap, long words broken). */
export function findingRows(reveal: Reveal, width: number): number {
  const { line, detail } = findingText(reveal);
  const textWidth = Math.max(1, width - FINDING_MARK_WIDTH);
  return wrapAnsi(line + detail, textWidth, { trim: false, hard: true }).split("\n").length;
}

/** Newest findings in the order they are kept when not all fit: abnormal ones first. */
export const byImportance = (reveals: readonly Reveal[]): Reveal[] => [...reveals].sort((a, b) => Number(b.abnormal) - Number(a.abnormal));

/**
 * The findings that fit in `rows` wrapped to `width`, each whole, taken most important first (a
 * shorter one still fits after a longer one did not); when the most important does not fit,
 * it alone, cut to the rows there are (an abnormal result is never hidden behind a normal one).
 */
export function findingsThatFit(reveals: readonly Reveal[], rows: number, width: number): { shown: Reveal[]; cut: boolean } {
  const [first, ...rest] = byImportance(reveals);
  if (!first || rows <= 0) return { shown: [], cut: false };
  let left = rows - findingRows(first, width);
  if (left < 0) return { shown: [first], cut: true };
  const kept = new Set([first]);
  for (const reveal of rest) {
    const need = findingRows(reveal, width);
    if (need > left) continue;
    kept.add(reveal);
    left -= need;
  }
  // Shown in the order they came, as the log prints them.
  return { shown: reveals.filter((r) => kept.has(r)), cut: false };
}
