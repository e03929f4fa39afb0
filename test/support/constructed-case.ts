import { type Case, CaseSchema } from "../../core/case.js";
import type { Complaint } from "../../core/complaint.js";

/**
 * A constructed patient for a test: the parts the test cares about, over a 60-year-old man with
 * chest pain (or the complaint given) in the emergency department, checked by the case schema like any case file.
 */
export const constructedCase = (parts: {
  complaint?: Complaint;
  presentation?: Record<string, unknown>;
  findings?: unknown[];
  tests?: Record<string, unknown>;
  diagnosis?: Record<string, unknown>;
  key_tests?: string[];
}): Case =>
  CaseSchema.parse({
    id: "constructed",
    title: "Constructed patient",
    specialty: "test",
    difficulty: "easy",
    complaint: parts.complaint ?? "chest_pain",
    source: { name: "dxsim tests", licence: "MIT" },
    presentation: { age: 60, sex: "male", setting: "emergency", chief_complaint: "Chest pain", narrative: "Chest pain for an hour.", ...parts.presentation },
    findings: parts.findings ?? [],
    tests: parts.tests ?? {},
    diagnosis: parts.diagnosis ?? { name: "Something" },
    key_tests: parts.key_tests ?? ["ecg"],
  });
