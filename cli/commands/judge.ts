import { readFileSync, statSync } from "node:fs";
import type { Command } from "commander";
import type { Agreement } from "../../core/agreement.js";
import { DataFileError } from "../../core/data-file.js";
import { judgeAnswer } from "../../core/judge.js";
import { PairLineError, judgePairs, parsePairs } from "../../core/judge-pairs.js";
import { loadKnowledge } from "../../core/knowledge-loader.js";
import type { Vocabulary } from "../../core/vocabulary.js";
import { bundledVocabulary } from "../../core/vocabulary-loader.js";
import { printable, printableJson } from "../printable.js";
import { type CommandIo, processIo } from "../saved-sessions.js";

/** A pairs file larger than this is refused rather than read into memory. */
const MAX_PAIRS_BYTES = 20 * 1024 * 1024;

export interface JudgeFlags {
  pairs?: string;
  json?: boolean;
}

export function registerJudge(program: Command): void {
  program
    .command("judge")
    .description("score a final diagnosis against the true one on SDBench's 1-5 scale (4 or 5 is correct), with the reason; or every pair of a JSON Lines file")
    .argument("[truth]", "the true diagnosis")
    .argument("[answer]", "the diagnosis given, as written")
    .option("--pairs <file>", 'JSON Lines, one {"id", "truth", "answer"} a line ("truth" a name or {"name", "icd10"}); a "score" 1-5 on the lines adds the agreement figures')
    .option("--json", "print JSON: one object, or one line per pair")
    .action((truth: string | undefined, answer: string | undefined, flags: JudgeFlags) => {
      process.exitCode = runJudge(truth, answer, flags, processIo);
    });
}

/** `dxsim judge`: 0 when everything was judged, 1 for a file or line that cannot be read, 2 for a wrong command line. */
export function runJudge(truth: string | undefined, answer: string | undefined, flags: JudgeFlags, io: CommandIo, vocabulary?: Vocabulary): number {
  if (flags.pairs !== undefined && truth !== undefined) {
    io.err("dxsim judge: give either a truth and an answer, or --pairs FILE, not both\n");
    return 2;
  }
  if (flags.pairs === undefined && (truth === undefined || answer === undefined)) {
    io.err('dxsim judge: give the true diagnosis and the answer, e.g. dxsim judge "Pulmonary embolism" "PE", or --pairs FILE\n');
    return 2;
  }
  let vocab: Vocabulary;
  try {
    vocab = vocabulary ?? bundledVocabulary(loadKnowledge());
  } catch (e) {
    if (e instanceof DataFileError) {
      io.err(`dxsim judge: cannot load the vocabulary: ${e.problems[0] ? `${e.problems[0].file}${e.problems[0].line ? `:${e.problems[0].line}` : ""}: ${e.problems[0].message}` : e.message}\n`);
      return 1;
    }
    throw e;
  }
  if (flags.pairs === undefined) {
    const v = judgeAnswer({ name: truth! }, answer!, vocab);
    io.out(flags.json ? `${printableJson({ truth, answer, score: v.score, correct: v.correct, reason: v.reason })}\n` : `${v.score}/5 ${v.correct ? "correct" : "not correct"}: ${printable(v.reason)}\n`);
    return 0;
  }
  const file = flags.pairs;
  let text: string;
  try {
    if (file !== "-" && statSync(file).size > MAX_PAIRS_BYTES) {
      io.err(`dxsim judge: ${printable(file)}: larger than ${MAX_PAIRS_BYTES / 1024 / 1024} MB; split it\n`);
      return 1;
    }
    text = readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (e) {
    io.err(`dxsim judge: cannot read ${printable(file)} (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
    return 1;
  }
  let result: ReturnType<typeof judgePairs>;
  try {
    result = judgePairs(parsePairs(text), vocab);
  } catch (e) {
    if (e instanceof PairLineError) {
      io.err(`dxsim judge: ${printable(file)} line ${e.line}: ${printable(e.problem)}\n`);
      return 1;
    }
    throw e;
  }
  if (flags.json) {
    io.out(result.judged.map((j) => `${printableJson(j)}\n`).join(""));
    return 0;
  }
  io.out(result.judged.map((j) => `${printable(String(j.id))}\t${j.score}/5 ${j.correct ? "correct" : "not correct"}\t${printable(j.reason)}\n`).join(""));
  if (result.agreement) io.out(formatAgreement(result.agreement));
  return 0;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The agreement figures in a few lines a teacher can read. */
export function formatAgreement(a: Agreement): string {
  return [
    `agreement with the scores in the file (${a.n} pairs):`,
    `  exact ${pct(a.exact)}, within one point ${pct(a.withinOne)}, correct/incorrect ${pct(a.correctIncorrect)}`,
    `  weighted kappa (quadratic weights) ${a.weightedKappa === null ? "undefined (every score the same)" : a.weightedKappa.toFixed(3)}`,
    "",
  ].join("\n");
}
