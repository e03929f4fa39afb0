import type { Case } from "../../core/case.js";
import type { Knowledge } from "../../agents/view.js";
import type { ReceivedRequest, Script, ScriptedReply } from "./fake-openai-server.js";

/**
 * A model that plays a whole case by the book, for the fake server: it asks two questions in
 * round 1, orders the case's key tests in round 2, diagnoses in round 3 and writes a plan. Each role answers
 * in its schema; the gatekeeper answers from the case item the question is about.
 */
export function scriptedPanel(caseFile: Case, { catalog }: Knowledge, options: { latencyMs?: Partial<Record<string, number>> } = {}): Script {
  const truth = { id: caseFile.diagnosis.kb_id ?? "truth", name: caseFile.diagnosis.name };
  const questions = ["Where did the pain start, and has it moved?", "What do you find on abdominal examination?"];
  const tests = caseFile.key_tests.map((id) => ({ kind: "test" as const, testId: id, name: catalog.byId.get(id)?.name ?? id, gainBits: 0.8, separates: [truth.id, "other"] }));
  const asked = questions.map((text) => ({ kind: "question" as const, text, gainBits: 0.5, separates: [truth.id, "other"] }));

  const answer = (req: ReceivedRequest): unknown => {
    const round = Number(/Round (\d+) of at most/.exec(req.text)?.[1] ?? "0");
    switch (req.schema) {
      case "hypothesis": {
        const p = round >= 3 ? 0.9 : 0.5;
        return {
          differential: [
            { id: truth.id, name: truth.name, p, reason: "fits the story so far" },
            { id: "other", name: "Another diagnosis", p: round1(1 - p), reason: "not yet excluded" },
          ],
          argument: `Leading: ${truth.name}.`,
        };
      }
      case "test_chooser":
        return { proposals: round <= 1 ? asked : tests, argument: "These separate the leader from the rest." };
      case "skeptic":
        return { alternative: null, cantMiss: [], unexplained: [], prematureClosure: null, challenge: null, argument: "No serious alternative." };
      case "cost_steward":
        return { items: [], proposalCostUsd: 0, spentUsd: 0, budgetUsd: 4000, leftUsd: 4000, overBudget: false, cancelled: [], revised: null, argument: "Affordable." };
      case "chair":
        if (round <= 1) return chair({ kind: "ask", questions }, asked);
        if (round === 2) return chair({ kind: "order", tests: tests.map((t) => t.testId) }, tests);
        return chair({ kind: "diagnose", diagnosis: { name: truth.name, ...(caseFile.diagnosis.kb_id ? { kbId: caseFile.diagnosis.kb_id } : {}) } }, []);
      case "gatekeeper": {
        const asking = /The panel asks: "([^"]*)"/.exec(req.text)?.[1];
        if (!asking) return { kind: "result", text: "Within normal limits.", values: [], abnormal: false, synthetic: true, source: null };
        const item = caseFile.findings.find((f) => [f.topic, ...f.synonyms].some((s) => asking.toLowerCase().includes(s.toLowerCase()))) ?? caseFile.findings[0];
        return { kind: "answer", text: item?.text ?? "Nothing of note.", values: [], abnormal: false, synthetic: !item, source: item?.id ?? null };
      }
      case "treatment_plan":
        return {
          diagnosis: truth.name,
          firstLine: ["treat as the guideline advises"],
          disposition: "admit",
          monitor: ["vital signs"],
          avoid: [],
          sources: ["the relevant guideline"],
          argument: `Initial management of ${truth.name}.`,
        };
      case "judge":
        return { score: 5, justification: "The same disease as the case's." };
      default:
        throw new Error(`scripted panel: no answer for schema ${req.schema}`);
    }
  };

  return (req): ScriptedReply => ({ output: answer(req), delayMs: options.latencyMs?.[req.schema ?? ""] ?? 0 });
}

const chair = (action: unknown, items: unknown[]) => ({
  action,
  items,
  reason: "The panel agrees.",
  checklist: ["test names valid", "nothing repeated"],
  forced: null,
  budgetAlert: null,
  argument: "The panel agrees.",
});

const round1 = (x: number): number => Math.round(x * 100) / 100;
