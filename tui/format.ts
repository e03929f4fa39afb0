export const percent = (p: number): string => `${(p * 100).toFixed(p > 0 && p < 0.1 ? 1 : 0)}%`;

/** A change in probability in percentage points, signed: "+12", "−3". */
export const points = (delta: number): string => {
  const pts = Math.round(delta * 100);
  return pts > 0 ? `+${pts}` : pts < 0 ? `−${-pts}` : "±0";
};

export const bits = (b: number): string => `${b.toFixed(2)} bits`;

const EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/** A horizontal bar of `width` cells filled to `share` (0..1), in eighths of a cell. */
export function bar(share: number, width: number): { filled: string; empty: string } {
  const clamped = Math.min(1, Math.max(0, share));
  const eighths = Math.round(clamped * width * 8);
  const full = Math.floor(eighths / 8);
  const part = EIGHTHS[eighths % 8] ?? "";
  const filled = "█".repeat(full) + part;
  return { filled, empty: " ".repeat(Math.max(0, width - full - (part ? 1 : 0))) };
}

/** A meter in cells: "█████░░░░░" style, for the budget. */
export function meter(share: number, width: number): { filled: string; empty: string } {
  const full = Math.round(Math.min(1, Math.max(0, share)) * width);
  return { filled: "█".repeat(full), empty: "░".repeat(width - full) };
}

/** Cuts text to a width with an ellipsis (the console keeps most rows to one line). */
export const clip = (text: string, width: number): string =>
  text.length <= width ? text : width <= 1 ? text.slice(0, width) : `${text.slice(0, width - 1)}…`;

