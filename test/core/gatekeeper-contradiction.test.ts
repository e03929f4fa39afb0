import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AGENTCLINIC_FILE } from "../../bench/orders.js";
import { loadBundledKnowledge } from "../../cli/knowledge.js";
import { autoCode } from "../../coding/auto.js";
import type { Case } from "../../core/case.js";
import { diagnosisPhrases, namedIn } from "../../core/case-lint.js";
import { loadBundledCases } from "../../core/case-loader.js";
import { createOfflineGatekeeper } from "../../core/gatekeeper.js";
import { importAgentClinic } from "../../core/import/agentclinic.js";

const { kb, catalog } = loadBundledKnowledge();

/**
 * Plays a case's whole workup at the gatekeeper: every listed result revealed, then every
 * catalog test (and every case-specific test) ordered. A synthetic reply contradicts the case
 * when it reports a knowledge-base finding absent that a revealed result showed present, or
 * present that one showed absent. Findings the case's own results disagree on (a normal ECG
 * beside a Holter showing paroxysmal atrial fibrillation) are the author's, and left out.
 */
function contradictions(written: Case): string[] {
  const c = autoCode(written, kb).case;
  const gk = createOfflineGatekeeper({ caseFile: c, catalog, kb });
  const revealed = new Map<string, boolean>();
  const disputed = new Set<string>();
  for (const testId of Object.keys(c.tests)) {
    for (const l of gk.order(testId).reveal.findings) {
      if (revealed.has(l.id) && revealed.get(l.id) !== l.present) disputed.add(l.id);
      revealed.set(l.id, l.present);
    }
  }
  const found: string[] = [];
  for (const testId of [...catalog.tests.map((t) => t.id), ...c.case_tests.map((t) => t.id)]) {
    const reply = gk.order(testId);
    if (!reply.synthetic) continue;
    // A result derived from the case never gives the diagnosis away either.
    const named = namedIn(`${reply.reveal.testName ?? ""} | ${reply.reveal.text}`, diagnosisPhrases([c.diagnosis.name, ...c.diagnosis.synonyms]));
    if (named) found.push(`${c.id}: ${testId} names the diagnosis ("${named}")`);
    for (const l of reply.reveal.findings) {
      if (!disputed.has(l.id) && revealed.has(l.id) && revealed.get(l.id) !== l.present) {
        found.push(`${c.id}: ${testId} reports ${l.id} ${l.present ? "present" : "absent"}; a listed result showed it ${revealed.get(l.id) ? "present" : "absent"}`);
      }
    }
  }
  return found;
}

describe("gatekeeper: no reply contradicts a revealed finding", () => {
  it("on every bundled case", () => {
    const { cases } = loadBundledCases();
    expect(cases.length).toBeGreaterThan(20);
    expect(cases.flatMap(({ case: c }) => contradictions(c))).toEqual([]);
  });

  it.skipIf(!existsSync(AGENTCLINIC_FILE))(`on every AgentClinic case imported from ${AGENTCLINIC_FILE} (skipped when the shared reference data is absent)`, () => {
    const { cases } = importAgentClinic(readFileSync(AGENTCLINIC_FILE, "utf8"), { catalog });
    expect(cases.length).toBe(107);
    expect(cases.flatMap(({ case: c }) => contradictions(c))).toEqual([]);
  }, 120_000); // every catalog test on 107 cases: about 20 s alone, more beside other files
});
