import { describe, expect, it } from "vitest";
import { DiagnosticSession } from "../../graph/session.js";
import { advanceLog, completedRounds, emptyLog } from "../../tui/session-log.js";
import { bundledCase, bundledData } from "./helpers.js";

async function session() {
  const { knowledge } = bundledData();
  return DiagnosticSession.create({ caseFile: bundledCase("cp-01"), knowledge, threadId: "log" });
}

const kinds = (log: ReturnType<typeof emptyLog>) => log.items.map((i) => (i.kind === "round" ? `round ${i.record.round}` : i.kind));

describe("the printed log", () => {
  it("keeps the newest answered round live and prints the ones before it", async () => {
    const s = await session();
    let status = await s.start();
    let log = advanceLog(emptyLog(), status.values, status.finished);
    expect(kinds(log)).toEqual(["intro"]);
    status = await s.decide({ kind: "approve" });
    log = advanceLog(log, status.values, status.finished);
    expect(kinds(log)).toEqual(["intro"]);
    status = await s.decide({ kind: "replace", action: { kind: "order", tests: ["lipase"] } });
    log = advanceLog(log, status.values, status.finished);
    expect(kinds(log)).toEqual(["intro", "round 1"]);
    const [, round1] = log.items;
    expect(round1?.kind === "round" && round1.record.reveals.length).toBeGreaterThan(0);
  });

  it("prints every round and the verdict at the end, and says so when an undo withdraws them", async () => {
    const s = await session();
    let status = await s.start();
    status = await s.decide({ kind: "approve" });
    status = await s.decide({ kind: "replace", action: { kind: "order", tests: ["lipase"] } });
    status = await s.decide({ kind: "diagnose", diagnosis: { name: "Non-ST-elevation myocardial infarction", kbId: "nstemi" } });
    status = await s.decidePlan({ kind: "approve" });
    let log = advanceLog(emptyLog(), status.values, status.finished);
    expect(kinds(log)).toEqual(["intro", "round 1", "round 2", "final"]);
    status = (await s.undo())!;
    log = advanceLog(log, status.values, status.finished);
    expect(log.items.at(-1)).toMatchObject({ kind: "undone", toRound: 3, verdict: true });
    status = (await s.undo())!;
    log = advanceLog(log, status.values, status.finished);
    expect(log.items.at(-1)).toMatchObject({ kind: "undone", toRound: 2, verdict: false });
    expect(completedRounds(status.values).map((r) => r.round)).toEqual([1]);
  });
});
