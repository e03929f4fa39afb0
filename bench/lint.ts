import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { type Case, CaseSchema } from "../core/case.js";
import { checkCase } from "../core/case-loader.js";

const MEGABYTE = 1024 * 1024;

/**
 * One-megabyte texts built to make a backtracking pattern scan quadratically: a long run that
 * almost makes an e-mail address, a medical record number, a date, a name, a street, brackets.
 */
export const LINT_PAYLOADS: Readonly<Record<string, string>> = {
  "e-mail run": "a".repeat(MEGABYTE),
  "e-mail dots": "a.".repeat(MEGABYTE / 2),
  "at signs": "a@".repeat(MEGABYTE / 2),
  "record number spaces": `MRN${" ".repeat(MEGABYTE)}`,
  "record number colons": "MRN: ".repeat(MEGABYTE / 5),
  "date digits": "1.1.".repeat(MEGABYTE / 4),
  "reference ranges": "(4.0-11.0) ".repeat(MEGABYTE / 11),
  "titled names": "Dr Aaaa ".repeat(MEGABYTE / 8),
  "street numbers": "1 Aaaa ".repeat(MEGABYTE / 7),
  "open brackets": "(".repeat(MEGABYTE),
  "spaces": " ".repeat(MEGABYTE),
};

/** A small valid case whose narrative is `text`. */
export function caseWithText(text: string): Case {
  return CaseSchema.parse({
    id: "lint-bench",
    title: "A long text",
    specialty: "general",
    difficulty: "moderate",
    complaint: "other",
    source: { name: "dxsim bench", licence: "MIT" },
    presentation: { age: 40, sex: "female", setting: "clinic", chief_complaint: "Tiredness", narrative: text },
    findings: [{ id: "story", kind: "history", topic: "story", text: "Tired for a month." }],
    tests: { ecg: { text: "Sinus rhythm." } },
    diagnosis: { name: "Iron deficiency anaemia", synonyms: [] },
    key_tests: ["ecg"],
  });
}

/**
 * Runs every case lint over each payload, median of 5 runs; the slowest payload is the figure to
 * watch. Beside the wall time, the process's CPU time: on a busy machine the wall time waits for
 * a core, the CPU time much less, so it is the nearer guess at an idle machine's wall time.
 */
export function benchLint(): { payload: string; ms: number; cpuMs: number; problems: number }[] {
  const median = (xs: number[]): number => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return Object.entries(LINT_PAYLOADS).map(([payload, text]) => {
    const c = caseWithText(text);
    let problems = 0;
    const runs = Array.from({ length: 5 }, () => {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      problems = checkCase("bench.yaml", c, {}).length;
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
    });
    return { payload, ms: median(runs.map((r) => r.ms)), cpuMs: median(runs.map((r) => r.cpuMs)), problems };
  });
}

export const formatLintBench = (rows: ReturnType<typeof benchLint>): string => {
  const slowest = rows.reduce((a, b) => (b.ms > a.ms ? b : a));
  const busiest = rows.reduce((a, b) => (b.cpuMs > a.cpuMs ? b : a));
  const verdict = (ms: number) => (ms < 100 ? "met" : "NOT met");
  return [
    "case lints (answer leaks, identifiers, ids, links) on a 1 MB narrative, median of 5 runs:",
    ...rows.map((r) => `  ${r.payload.padEnd(22)} ${r.ms.toFixed(0).padStart(6)} ms  (CPU ${r.cpuMs.toFixed(0)} ms)`),
    `target: every lint on a 1 MB field in under 100 ms: slowest ${slowest.ms.toFixed(0)} ms wall (${slowest.payload}) — ${verdict(slowest.ms)}; slowest ${busiest.cpuMs.toFixed(0)} ms CPU (${busiest.payload}) — ${verdict(busiest.cpuMs)}`,
    // The target is for an idle machine: a busy one stretches the wall times above.
    `  (measured at load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
  ].join("\n");
};
