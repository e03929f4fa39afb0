import { checkSync } from "recheck";
import { describe, expect, it } from "vitest";
import { LINT_PAYLOADS, caseWithText } from "../../bench/lint.js";
import { LINT_PATTERNS, identifierFlaws } from "../../core/case-lint.js";
import { checkCase } from "../../core/case-loader.js";

// Linear time is proved per pattern by a ReDoS checker rather than by a stopwatch: `npm run
// bench -- lint` (and `npm run fuzz`) print how long the lints take on 1 MB fields.
describe("case lints on hostile text", () => {
  // recheck's automaton checker proves a pattern linear; it cannot read lookbehinds and
  // backreferences, and its fuzz checker's verdict on those varies from run to run, so those
  // few patterns are left to the 1 MB payloads below and to the bench.
  const decidable = LINT_PATTERNS.filter((p) => !/\(\?<[!=]|\\k</.test(p.source));
  it.each(decidable.map((p) => [p.source, p] as const))("%s runs in linear time (recheck)", { timeout: 60_000 }, (_source, pattern) => {
    // A pattern too large for the automaton within the time limit comes back "unknown"; none may come back vulnerable.
    const verdict = checkSync(pattern.source, pattern.flags, { checker: "automaton", timeout: 20_000 });
    expect(verdict.status).not.toBe("vulnerable");
  });

  it("leaves only the patterns with lookbehinds or backreferences to the payloads", () => {
    expect(LINT_PATTERNS.length - decidable.length).toBeLessThanOrEqual(3);
  });

  // The patterns recheck cannot read, and the lints as a whole, are checked by how their time
  // grows, not by a stopwatch: 16 runs over a 64 kB slice against one run over the 1 MB text.
  // Linear work takes about as long either way (a ratio near 1; at most ~4 measured under heavy
  // load, where garbage collection of the big strings weighs more); quadratic work takes 16
  // times as long. Each side is the best of five, so a busy machine slows both alike.
  const PIECES = 16;
  const best = (work: () => void): number => Math.min(...Array.from({ length: 5 }, () => { const t0 = performance.now(); work(); return performance.now() - t0; }));
  const growth = (whole: () => void, piece: () => void): number => best(whole) / best(() => { for (let i = 0; i < PIECES; i++) piece(); });
  const scan = (pattern: RegExp, text: string): void => {
    const global = new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`);
    for (let m = global.exec(text); m; m = global.exec(text)) if (m[0] === "") global.lastIndex++;
  };
  const undecidable = LINT_PATTERNS.filter((p) => !decidable.includes(p));

  it.each(Object.keys(LINT_PAYLOADS))("scans the %s payload in linear time: every lint, and each pattern recheck cannot read", { timeout: 60_000 }, (name) => {
    const text = LINT_PAYLOADS[name]!;
    const slice = text.slice(0, Math.floor(text.length / PIECES));
    const [whole, piece] = [caseWithText(text), caseWithText(slice)];
    expect(growth(() => checkCase("big.yaml", whole, {}), () => checkCase("big.yaml", piece, {})), "every lint").toBeLessThan(8);
    for (const pattern of undecidable) expect(growth(() => scan(pattern, text), () => scan(pattern, slice)), pattern.source).toBeLessThan(8);
  });

  it("runs every lint over each 1 MB payload and quotes at most three examples", () => {
    for (const [name, text] of Object.entries(LINT_PAYLOADS)) {
      const problems = checkCase("big.yaml", caseWithText(text), {});
      for (const p of problems) expect(p.message.length, name).toBeLessThan(300);
      if (name === "titled names") expect(problems.map((p) => p.message)).toEqual([`looks like a person's name with a title ("Dr Aaaa Dr", "Dr Aaaa Dr", "Dr Aaaa Dr"); cases must be de-identified`]);
      if (name === "reference ranges") expect(problems).toEqual([]);
    }
  });

  const flagged = (text: string) => identifierFlaws(caseWithText(text)).map((f) => f.message.replace(/^looks like (.*?) \(.*$/, "$1"));

  it.each(["WBC 7.2 (4.0-11.0) x10^9/L", "Potassium 3.5-5.0 mmol/L", "INR 2.0-3.0", "Ranges 1.5/2.5/3.5"])("takes the reference range in %j for no date", (text) => {
    expect(flagged(text)).toEqual([]);
  });

  it.each(["Seen on 12.03.2021", "Seen on 12/03/21", "Seen on 3-12-2021"])("still finds the date in %j", (text) => {
    expect(flagged(text)).toEqual(["a full date"]);
  });

  it("still finds an e-mail address and a record number after the linear rewrite", () => {
    expect(flagged("write to a.b+c@mail.example.org today")).toEqual(["an e-mail address"]);
    expect(flagged("MRN   #  AB123456")).toEqual(["a medical record number"]);
  });
});
