import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fuzzInputs } from "../../bench/fuzz/inputs.js";
import { MUTATION_NAMES } from "../../bench/fuzz/mutate.js";
import { checkInput } from "../../bench/fuzz/target.js";

// A small seeded slice of `npm run fuzz` (which runs thousands, each held to 5 s and 256 MB on
// a worker thread); here every input must be accepted or refused with clear errors.
describe("a seeded slice of the fuzzer", () => {
  it("reads 150 mutated case files, physician scripts and configs without one uncaught error or unclear message", { timeout: 600_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "dxsim-fuzz-slice-"));
    const verdicts = { accepted: 0, refused: 0, unclear: [] as string[], crash: [] as string[] };
    const mutations = new Set<string>();
    for (const input of fuzzInputs(20261204, 150)) {
      const file = join(dir, input.name);
      writeFileSync(file, input.bytes);
      const outcome = checkInput(input.kind, file);
      rmSync(file);
      mutations.add(input.mutation);
      const label = `#${input.index} ${input.kind} ${input.mutation}: ${outcome.detail ?? ""}`;
      if (outcome.verdict === "crash") verdicts.crash.push(label);
      else if (outcome.verdict === "unclear") verdicts.unclear.push(label);
      else verdicts[outcome.verdict]++;
    }
    expect(verdicts.crash).toEqual([]);
    expect(verdicts.unclear).toEqual([]);
    expect(verdicts.refused).toBeGreaterThan(0);
    expect(verdicts.accepted).toBeGreaterThan(0);
    // The slice covers every mutation, the alias bombs, undefined aliases and deep nesting included.
    expect([...mutations].sort()).toEqual([...MUTATION_NAMES].sort());
  });
});
