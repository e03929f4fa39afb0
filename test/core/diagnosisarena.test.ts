import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../core/catalog-loader.js";
import { checkCases } from "../../core/case-loader.js";
import { DIAGNOSISARENA_SOURCE, importDiagnosisArena, sentencesOf, testSections } from "../../core/import/diagnosisarena.js";
import { isEstimate } from "../../core/source.js";
import { loadKnowledge } from "../../core/knowledge-loader.js";

const catalog = loadCatalog();
const sample = readFileSync(join(import.meta.dirname, "../fixtures/diagnosisarena-sample.jsonl"), "utf8");

/** One record in the DiagnosisArena format, with fields to override (a constructed patient). */
const line = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: "t1",
    case_information: "A 70-year-old woman presented with three days of fever and confusion. She has diabetes. Her son smokes.",
    physical_examination: "Temperature 38.9 C. She was disoriented. No rash.",
    diagnostic_tests: "- Laboratory Tests: Blood cultures grew Listeria monocytogenes; sodium 131 mmol/L (low).\n- Imaging Studies: MRI of the brain was normal.",
    final_diagnosis: "Listeria rhombencephalitis",
    option_a: "Viral encephalitis",
    option_b: "Listeria rhombencephalitis",
    option_c: "Brain abscess",
    option_d: "Hyponatraemia",
    right_option: "B",
    ...over,
  });

describe("the DiagnosisArena importer", () => {
  it("imports every line of the sample, and the cases pass the checks validate runs", () => {
    const { cases, skipped } = importDiagnosisArena(sample, { catalog });
    expect(skipped).toEqual([]);
    expect(cases).toHaveLength(10);
    const problems = checkCases(cases.map((c) => ({ file: `${c.case.id}.yaml`, case: c.case })), { catalog, kb: loadKnowledge() }).filter((p) => p.severity === "error");
    expect(problems).toEqual([]);
    for (const { case: c } of cases) expect(c.source).toEqual({ ...DIAGNOSISARENA_SOURCE });
  });

  it("splits the case information into a presentation from its opening and history items by topic", () => {
    const [c] = importDiagnosisArena(line(), { catalog }).cases.map((x) => x.case);
    expect(c!.presentation).toMatchObject({ age: 70, sex: "female", chief_complaint: "Three days of fever and confusion" });
    expect(c!.presentation.narrative).toBe("A 70-year-old woman presented with three days of fever and confusion. She has diabetes.");
    expect(c!.findings.filter((f) => f.kind === "history").map((f) => [f.topic, f.text])).toEqual([["Family history", "Her son smokes."]]);
    expect(c!.findings.filter((f) => f.kind === "exam").map((f) => f.topic)).toEqual(["Vital signs", "General examination", "Skin examination"]);
    expect(c!.findings.find((f) => f.topic === "Vital signs")?.text).toBe("Temperature 38.9 C.");
  });

  it("matches test results to the catalog, and prices what it cannot match as a marked estimate", () => {
    const [c] = importDiagnosisArena(line(), { catalog }).cases.map((x) => x.case);
    expect(c!.tests.blood_culture?.text).toMatch(/Listeria/);
    expect(c!.tests.blood_culture?.abnormal).toBe(true);
    const mri = Object.entries(c!.tests).find(([, t]) => /MRI of the brain/.test(t.text));
    expect(mri?.[1].abnormal).toBe(false);
    expect(c!.key_tests).not.toContain(mri![0]);
    const odd = importDiagnosisArena(line({ diagnostic_tests: "- Special Studies: Zebra fluorescence assay showed stripes." }), { catalog }).cases[0]!.case;
    const [priced] = odd.case_tests;
    expect(priced?.name).toBe("Zebra fluorescence assay");
    expect(isEstimate(priced!.price_source!)).toBe(true);
    expect(priced!.price_usd).toBeLessThanOrEqual(300);
  });

  it("keeps the four options and the right one for --mcq, by letter or by text", () => {
    const byLetter = importDiagnosisArena(line(), { catalog }).cases[0]!.case;
    expect(byLetter.mcq).toEqual({ options: ["Viral encephalitis", "Listeria rhombencephalitis", "Brain abscess", "Hyponatraemia"], answer: 1 });
    const byText = importDiagnosisArena(line({ right_option: "Brain abscess" }), { catalog }).cases[0]!;
    expect(byText.case.mcq?.answer).toBe(2);
    const none = importDiagnosisArena(line({ right_option: "E" }), { catalog }).cases[0]!;
    expect(none.case.mcq).toBeUndefined();
    expect(none.warnings.join(" ")).toMatch(/cannot be run with --mcq/);
  });

  it("skips a line it cannot use with the reason, and goes on", () => {
    const text = [line({ id: "ok1" }), "{not json", line({ id: "noage", case_information: "A woman presented with fever and confusion for a week." }), JSON.stringify({ id: 3 }), line({ id: "ok2" }), line({ id: "ok1" })].join("\n");
    const { cases, skipped } = importDiagnosisArena(text, { catalog });
    expect(cases.map((c) => c.case.id)).toEqual(["diagnosisarena-ok1", "diagnosisarena-ok2", "diagnosisarena-ok1_2"]);
    expect(cases[2]!.warnings.join(" ")).toMatch(/already used/);
    expect(skipped.map((s) => s.line)).toEqual([2, 3, 4]);
    expect(skipped[0]!.reason).toMatch(/invalid JSON/);
    expect(skipped[1]!.reason).toMatch(/no age/);
    expect(skipped[2]!.reason).toMatch(/not a DiagnosisArena record: case_information/);
  });

  it("never puts the diagnosis in the presentation", () => {
    const named = importDiagnosisArena(line({ case_information: "A 70-year-old woman presented with fever. A listeria rhombencephalitis was suspected by her doctor. She has diabetes." }), { catalog }).cases[0]!.case;
    expect(named.presentation.narrative).not.toMatch(/listeria/i);
  });

  it("imports at least 99% of a varied file, and every case it writes passes validate's checks", () => {
    // 300 constructed lines in the format's variations: ages written three ways, either sex,
    // sections named differently or absent, no examination, no options.
    const ages = ["A 34-year-old", "A patient aged 61, a", "A man in his 50s, a", "A 7-year-old", "An 82 year old"];
    const people = ["woman", "man", "girl", "boy", "gentleman"];
    const complaints = ["fever and a cough", "chest pain on exertion", "a painful swollen knee", "two weeks of headache", "a spreading rash", "weakness of the left arm"];
    const sections = [
      "- Laboratory Tests: Hemoglobin 10.1 g/dL (low); CRP 80 mg/L (elevated).\n- Imaging Studies: Chest X-ray showed a right lower lobe consolidation.",
      "- Lab Results: Sodium 128 mmol/L (low).\n- Radiology: CT of the head was normal.\n- Biopsy: Skin biopsy showed leukocytoclastic vasculitis.",
      "Blood cultures grew Staphylococcus aureus. Echocardiography showed a mitral valve vegetation.",
      "",
    ];
    const lines = Array.from({ length: 300 }, (_, i) => {
      const who = `${ages[i % ages.length]} ${people[i % people.length]}`;
      return line({
        id: `gen-${i}`,
        case_information: `${who} presented with ${complaints[i % complaints.length]}. Symptoms began ${i % 9 + 1} days ago. There is a history of hypertension. The family history is unremarkable.`,
        physical_examination: i % 4 === 0 ? "" : "Temperature 38.2 C, heart rate 104. Crackles at the right base. The abdomen was soft.",
        diagnostic_tests: sections[i % sections.length],
        final_diagnosis: `Constructed disease number ${i}`,
        ...(i % 5 === 0 ? { option_a: undefined, option_b: undefined, option_c: undefined, option_d: undefined, right_option: undefined } : {}),
      });
    });
    const { cases, skipped } = importDiagnosisArena(lines.join("\n"), { catalog });
    expect(cases.length / lines.length).toBeGreaterThanOrEqual(0.99);
    expect(skipped.every((s) => s.reason.length > 10)).toBe(true);
    const problems = checkCases(cases.map((c) => ({ file: `${c.case.id}.yaml`, case: c.case })), { catalog, kb: loadKnowledge() }).filter((p) => p.severity === "error");
    expect(problems).toEqual([]);
  });

  it("reads sentences and '- Section:' parts of free text", () => {
    expect(sentencesOf("Seen by Dr. Smith today. Fever 39 C. Then better!")).toEqual(["Seen by Dr. Smith today.", "Fever 39 C.", "Then better!"]);
    expect(testSections("ECG normal.\n- Imaging Studies: CT clear.\n- Laboratory Tests: Hb 12")).toEqual([
      { name: "Diagnostic tests", body: "ECG normal." },
      { name: "Imaging Studies", body: "CT clear." },
      { name: "Laboratory Tests", body: "Hb 12" },
    ]);
  });
});
