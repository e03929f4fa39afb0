import { performance } from "node:perf_hooks";
import { createElement } from "react";
import { render } from "ink-testing-library";
import type { Knowledge } from "../agents/view.js";
import type { Case } from "../core/case.js";
import { DiagnosticSession } from "../graph/session.js";
import { SessionSettingsSchema } from "../core/settings.js";
import { App } from "../tui/app.js";
import { themeFor } from "../tui/theme.js";

export interface TuiBenchOptions {
  knowledge: Knowledge;
  caseFile: Case;
  /** Fresh consoles measured; the first one (cold: modules and caches warming) is reported apart. */
  runs?: number;
}

export interface Timing {
  medianMs: number;
  samplesMs: number[];
}

export interface TuiBenchReport {
  /** render() to the first frame written. */
  startupToFirstFrame: Timing;
  /** render() to round 1's proposal on screen: the session started and the panel debated. */
  startupToReview: Timing;
  /** Enter at a review to the first frame that answers it. */
  keypressToFrame: Timing;
  /** Enter to the next round's proposal on screen, the panel's whole round included. */
  keypressToReview: Timing;
  /** The first console of the process, with cold caches. */
  cold: { startupToReviewMs: number; keypressToFrameMs: number };
  /** The keypress answer a person reads as instant. */
  targetMs: number;
}

const INSTANT_MS = 50;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const timing = (samplesMs: number[]): Timing => ({ medianMs: median(samplesMs), samplesMs });

/** Spins on the event loop until the check passes; returns when it did. */
async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return performance.now();
}

async function measureOnce({ knowledge, caseFile }: TuiBenchOptions) {
  const settings = SessionSettingsSchema.parse({});
  const app = createElement(App, {
    cases: [caseFile],
    caseId: caseFile.id,
    knowledge,
    display: { theme: themeFor({ NO_COLOR: "1" }), screenReader: false },
    prepare: async (c: Case) => ({
      session: DiagnosticSession.create({ caseFile: c, knowledge, settings }),
      settings,
      sessionName: `${c.id}-bench`,
      oracleCostUsd: 0,
    }),
    writeTranscript: () => "",
    onExit: () => {},
  });
  const t0 = performance.now();
  const ui = render(app);
  const firstFrame = await until(() => ui.frames.length > 0, "the first frame");
  const review = (round: number) => () => {
    const f = ui.lastFrame() ?? "";
    return f.includes(`round ${round} `) && f.includes("Proposal:") && f.includes("Enter approve");
  };
  const reviewAt = await until(review(1), "round 1's proposal");
  // Let the input listener attach (an effect after the frame) before the key.
  await new Promise((resolve) => setImmediate(resolve));
  const framesBefore = ui.frames.length;
  const k0 = performance.now();
  ui.stdin.write("\r");
  const answered = await until(() => ui.frames.length > framesBefore, "a frame after Enter");
  const nextReview = await until(review(2), "round 2's proposal");
  ui.unmount();
  return { startFirst: firstFrame - t0, startReview: reviewAt - t0, keyFirst: answered - k0, keyReview: nextReview - k0 };
}

/**
 * The console's responsiveness with the offline brain: start-up to the first frame (and to the
 * first review), and a keypress (Enter at a review) to the frame that answers it, as medians
 * over fresh consoles rendered with ink-testing-library.
 */
export async function benchTui(options: TuiBenchOptions): Promise<TuiBenchReport> {
  // Ink sizes a stdout without rows (the test double has none) by probing the terminal on every
  // frame, spawning processes; a fixed size from the environment keeps that out of the numbers.
  process.env.COLUMNS ??= "100";
  process.env.LINES ??= "40";
  const runs = Math.max(1, options.runs ?? 15);
  const cold = await measureOnce(options);
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await measureOnce(options));
  return {
    startupToFirstFrame: timing(samples.map((s) => s.startFirst)),
    startupToReview: timing(samples.map((s) => s.startReview)),
    keypressToFrame: timing(samples.map((s) => s.keyFirst)),
    keypressToReview: timing(samples.map((s) => s.keyReview)),
    cold: { startupToReviewMs: cold.startReview, keypressToFrameMs: cold.keyFirst },
    targetMs: INSTANT_MS,
  };
}

export function formatTuiBench(r: TuiBenchReport): string {
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const n = r.keypressToFrame.samplesMs.length;
  return [
    `console (offline brain, median of ${n} fresh consoles):`,
    `  start-up to first frame ${ms(r.startupToFirstFrame.medianMs)}, to round 1's proposal ${ms(r.startupToReview.medianMs)} (cold: ${ms(r.cold.startupToReviewMs)})`,
    `  Enter to the answering frame ${ms(r.keypressToFrame.medianMs)} (cold: ${ms(r.cold.keypressToFrameMs)}), to round 2's proposal ${ms(r.keypressToReview.medianMs)}`,
    `target: a keypress answered within ${r.targetMs} ms — ${r.keypressToFrame.medianMs <= r.targetMs ? "met" : "NOT met"}`,
  ].join("\n");
}
