import { z } from "zod";
import { type Agreement, agreement } from "./agreement.js";
import { judgeAnswer } from "./judge.js";
import type { Vocabulary } from "./vocabulary.js";

/** One line of a `dxsim judge --pairs` file: a truth (a name, or a name and code), an answer, and a person's score if they gave one. */
export const JudgePairSchema = z.object({
  id: z.union([z.string().min(1), z.number()]),
  truth: z.union([
    z.string().min(1),
    z.object({ name: z.string().min(1), icd10: z.string().optional(), no_disease: z.boolean().optional() }),
  ]),
  answer: z.string(),
  score: z.number().int().min(1).max(5).optional(),
});
export type JudgePair = z.infer<typeof JudgePairSchema>;

/** What `--pairs` writes for each line. */
export interface JudgedPair {
  id: string | number;
  score: number;
  correct: boolean;
  reason: string;
}

/** A line that is not a pair: its number and what is wrong, for a one-line error. */
export class PairLineError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
    this.name = "PairLineError";
  }
}

/** JSON Lines into pairs; blank lines are skipped; the first bad line throws a PairLineError. */
export function parsePairs(text: string): JudgePair[] {
  const pairs: JudgePair[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      throw new PairLineError(i + 1, `not JSON (${(e as Error).message})`);
    }
    const parsed = JudgePairSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new PairLineError(i + 1, `${issue.path.join(".") || "the line"}: ${issue.message}; expected {"id", "truth", "answer"} with "truth" a name or {"name", "icd10"}, and an optional "score" 1-5`);
    }
    pairs.push(parsed.data);
  });
  return pairs;
}

/** Judges every pair; `agreement` is measured over the pairs that carry a person's score. */
export function judgePairs(pairs: readonly JudgePair[], vocabulary: Vocabulary): { judged: JudgedPair[]; agreement?: Agreement } {
  const judged = pairs.map((p) => {
    const truth = typeof p.truth === "string" ? { name: p.truth } : { name: p.truth.name, ...(p.truth.icd10 ? { icd10: p.truth.icd10 } : {}), ...(p.truth.no_disease ? { noDisease: true } : {}) };
    const v = judgeAnswer(truth, p.answer, vocabulary);
    return { id: p.id, score: v.score, correct: v.correct, reason: v.reason };
  });
  const labelled = pairs.flatMap((p, i) => (p.score === undefined ? [] : [{ expected: p.score, actual: judged[i]!.score }]));
  return { judged, ...(labelled.length ? { agreement: agreement(labelled) } : {}) };
}
