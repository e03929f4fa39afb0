import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PanelVariant } from "../../core/settings.js";
import { type CaseResult, CaseResultSchema } from "../../runs/result.js";

/** A hypothesis's chance at each round, first round first. */
export type Course = Record<string, number[]>;

const NAMES: Record<string, string> = {
  appendicitis: "Acute appendicitis",
  gastroenteritis: "Acute gastroenteritis",
  cholecystitis: "Acute cholecystitis",
  nonspecific: "Non-specific abdominal pain",
  other: "Another diagnosis",
};

/** A short course: appendicitis climbs while the others fall away. */
export const CLIMB: Course = {
  appendicitis: [0.3, 0.6, 0.9],
  gastroenteritis: [0.3, 0.2, 0.05],
  nonspecific: [0.25, 0.1, 0.03],
  cholecystitis: [0.1, 0.06, 0.01],
  other: [0.05, 0.04, 0.01],
};

/** Four rounds to get there. */
export const SLOW_CLIMB: Course = {
  appendicitis: [0.3, 0.45, 0.7, 0.93],
  gastroenteritis: [0.3, 0.3, 0.15, 0.03],
  nonspecific: [0.25, 0.15, 0.1, 0.02],
  cholecystitis: [0.1, 0.06, 0.03, 0.01],
  other: [0.05, 0.04, 0.02, 0.01],
};

/** Stops early on the wrong answer. */
export const WRONG_TURN: Course = {
  gastroenteritis: [0.3, 0.55],
  appendicitis: [0.3, 0.25],
  nonspecific: [0.25, 0.1],
  cholecystitis: [0.1, 0.06],
  other: [0.05, 0.04],
};

export interface SessionSpec {
  caseId?: string;
  variant?: PanelVariant;
  run?: number;
  costUsd?: number;
  oracleCostUsd?: number;
  score?: 1 | 2 | 3 | 4 | 5;
  /** KB id of the answer; null for a session that ended without one. */
  answer?: string | null;
  course?: Course;
  /** The confidence the learner stated at the diagnosis (0-1). */
  confidence?: number;
  /** Contraindicated tests carried out. */
  harms?: Array<{ round: number; test: string; reason: string }>;
}

/** A short but schema-valid CaseResult: one test on the bill, the differential given by its course. */
export function sessionResult(spec: SessionSpec = {}): CaseResult {
  const score = spec.score ?? 5;
  const course = spec.course ?? CLIMB;
  const rounds = Math.max(0, ...Object.values(course).map((ps) => ps.length));
  const answer = spec.answer === undefined ? "appendicitis" : spec.answer;
  const cost = spec.costUsd ?? 400;
  const caseId = spec.caseId ?? "abd-01";
  return CaseResultSchema.parse({
    caseId,
    title: `Case ${caseId}`,
    specialty: "general surgery",
    complaint: "abdominal_pain",
    variant: spec.variant ?? "full",
    run: spec.run ?? 0,
    diagnosis: answer ? { name: NAMES[answer] ?? answer, kbId: answer } : null,
    decidedBy: answer ? "panel" : null,
    truth: { name: "Acute appendicitis", icd10: "K35.8" },
    score,
    correct: score >= 4,
    forced: answer ? null : "rounds",
    ...(spec.confidence === undefined ? {} : { confidence: spec.confidence }),
    harms: spec.harms ?? [],
    costUsd: cost,
    visits: 1,
    oracleCostUsd: spec.oracleCostUsd ?? 200,
    rounds,
    verdict: { score, correct: score >= 4, matchedBy: score >= 4 ? "kb-id" : "none", reason: "fixture" },
    ledger: { entries: [{ round: 1, kind: "test", id: "ct_abdomen_pelvis", name: "CT abdomen and pelvis", usd: cost }], visitOpen: false },
    trail: [],
    differentials: Array.from({ length: rounds }, (_, i) => ({
      round: i + 1,
      differential: Object.entries(course)
        .flatMap(([id, ps]) => (ps[i] === undefined ? [] : [{ id, name: NAMES[id] ?? id, p: ps[i] }]))
        .sort((a, b) => b.p - a.p || a.id.localeCompare(b.id)),
    })),
    debate: [],
    reveals: [],
    gatekeeperLog: [],
  });
}

export const tempDir = (): string => mkdtempSync(join(tmpdir(), "dxsim-report-"));

/** Writes lines to a file in dir (made if missing) and returns its path. */
export function writeLines(dir: string, name: string, lines: readonly string[]): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, lines.map((l) => `${l}\n`).join(""));
  return file;
}

export const resultsFile = (dir: string, name: string, results: readonly CaseResult[]): string =>
  writeLines(dir, name, results.map((r) => JSON.stringify(r)));

/** A learner's export as `dxsim export --format json` will write it: one record, pretty-printed. */
export const learnerExport = (dir: string, learner: string, result: CaseResult): string =>
  writeLines(dir, `${learner.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.json`, [JSON.stringify({ learner, ...result }, null, 2)]);

/** A workshop: three learners on abd-01 (Ana cheap and right, Ben dear and right, Cy cheap and wrong). */
export function workshopFolder(): string {
  const dir = join(tempDir(), "workshop");
  learnerExport(dir, "Ana", sessionResult({ costUsd: 250 }));
  learnerExport(dir, "Ben", sessionResult({ costUsd: 900, course: SLOW_CLIMB, confidence: 0.6, harms: [{ round: 1, test: "CT abdomen and pelvis", reason: "ionising imaging in pregnancy" }] }));
  learnerExport(dir, "Cy", sessionResult({ costUsd: 150, score: 2, answer: "gastroenteritis", course: WRONG_TURN, confidence: 0.9 }));
  return dir;
}
