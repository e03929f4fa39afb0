import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadBundledKnowledge } from "../../cli/knowledge.js";
import { type Case, CaseSchema } from "../../core/case.js";
import { loadCaseFile } from "../../core/case-loader.js";
import { packageRoot } from "../../core/paths.js";
import { autoCode, coverageLine } from "../../coding/auto.js";
import { clauseWords, contextOf } from "../../coding/context.js";
import { codeCase } from "../../coding/coder.js";
import { generalTerms } from "../../coding/general-terms.js";
import { codingSynonyms } from "../../coding/finding-phrases.js";
import { constructedCase } from "../support/constructed-case.js";
import { readValue, unitFactor } from "../../coding/values.js";

const { kb } = loadBundledKnowledge();

/** A constructed patient: plain text only, no codes. */
const patient = (findings: { kind: "history" | "exam"; text: string }[], tests: Case["tests"] = {}): Case =>
  constructedCase({ findings: findings.map((f, i) => ({ id: `item-${i}`, kind: f.kind, topic: `item ${i}`, text: f.text })), tests });

const codesOf = (c: Case, part: string) => codeCase(c, kb).find((f) => f.label.startsWith(part))?.codes ?? [];
const context = (text: string, phrase: string) => {
  const ws = clauseWords(text);
  const at = ws.indexOf(phrase);
  return contextOf(ws, at, at + 1);
};

describe("ConText on a clause", () => {
  it("reads negation before and after a finding, and stops at a termination term", () => {
    expect(context("Denies chest pain", "chest").negated).toBe(true);
    expect(context("No murmur, rub or gallop", "gallop").negated).toBe(true);
    expect(context("Murmur absent", "murmur").negated).toBe(true);
    expect(context("No fever but a productive cough", "cough").negated).toBe(false);
    expect(context("Productive cough", "cough").negated).toBe(false);
  });

  it("reads 'not like her usual' as a comparison that denies nothing, and 'and it is' as a new clause", () => {
    expect(context("Not like her usual migraines", "migraines").negated).toBe(false);
    expect(context("With no warning lights, and it is the worst headache she has had", "worst").negated).toBe(false);
    expect(context("With no warning lights, and it is the worst headache she has had", "lights").negated).toBe(true);
  });

  it("ends a post trigger's reach at a comma, and reads a negation inside a phrase", () => {
    expect(context("Straight-leg raise normal", "raise").negated).toBe(true);
    expect(context("Tender in the right iliac fossa, bowel sounds normal", "tender").negated).toBe(false);
    // A "not ..." trigger right after the comma qualifies what the comma follows; one clause further it does not.
    expect(context("Common bile duct 4 mm, not dilated", "duct").negated).toBe(true);
    expect(context("Duct 4 mm, liver bright, not enlarged", "duct").negated).toBe(false);
    const ws = clauseWords("Vomited many times, no blood");
    expect(contextOf(ws, ws.indexOf("vomited"), ws.indexOf("blood") + 1).negated).toBe(true);
  });

  it("reads 'never diagnosed with' past its 'with', and 'nearly' as the event not happening", () => {
    expect(context("Never diagnosed with asthma", "asthma").negated).toBe(true);
    expect(context("She nearly fainted in the shower", "fainted").negated).toBe(true);
    expect(context("No fever with a productive cough", "cough").negated).toBe(false);
  });

  it("reads 'rather than' and 'equal in' as denying what follows", () => {
    expect(context("Sore rather than itchy", "itchy").negated).toBe(true);
    expect(context("Sore rather than itchy", "sore").negated).toBe(false);
    expect(context("BP equal in both arms", "arms").negated).toBe(true);
  });

  it("reads no negation inside a pseudo-trigger, and a stopped medicine as not taken", () => {
    expect(context("He is not making much sense this morning", "sense").negated).toBe(false);
    expect(context("He stopped his apixaban six months ago", "apixaban").negated).toBe(true);
  });

  it("sets a hedged statement and someone else's finding apart", () => {
    expect(context("Cannot rule out pneumonia", "pneumonia").uncertain).toBe(true);
    expect(context("Family history of diabetes", "diabetes").otherExperiencer).toBe(true);
    expect(context("Diabetes runs in the family", "diabetes").otherExperiencer).toBe(true);
    expect(context("No heart disease in the family", "heart").otherExperiencer).toBe(true);
    expect(context("He has diabetes", "diabetes")).toEqual({ negated: false, uncertain: false, otherExperiencer: false });
  });

  it("keeps a relative's treatment the relative's past a 'with', which still ends a negation", () => {
    expect(context("Her mother was treated with methotrexate", "methotrexate").otherExperiencer).toBe(true);
    expect(context("She was treated with methotrexate", "methotrexate").otherExperiencer).toBe(false);
    expect(context("Her mother had a stroke but she takes methotrexate", "methotrexate").otherExperiencer).toBe(false);
  });
});

describe("values against reference ranges", () => {
  it("converts units of the same kind before comparing", () => {
    expect(unitFactor("ng/mL", "ng/L")).toBeCloseTo(1000);
    expect(unitFactor("mg/dL", "g/L")).toBeCloseTo(0.01);
    expect(unitFactor("mmol/L", "mg/dL")).toBeUndefined();
    expect(readValue({ name: "troponin I", value: 0.8, unit: "ng/mL", range: "< 34 ng/L" })).toBe("high");
    expect(readValue({ name: "troponin I", value: 0.01, unit: "ng/mL", range: "< 34 ng/L" })).toBe("normal");
    expect(readValue({ name: "sodium", value: 128, unit: "mmol/L", range: "135 - 145" })).toBe("low");
    expect(readValue({ name: "glucose", value: "n/a", range: "3.9 - 7.8" })).toBeUndefined();
  });

  it("reads a critical flag's direction from the range, not as high", () => {
    expect(readValue({ name: "glucose", value: 1.8, unit: "mmol/L", range: "4.0 - 7.8", flag: "critical" })).toBe("low");
    expect(readValue({ name: "potassium", value: 7.1, unit: "mmol/L", range: "3.5 - 5.1", flag: "critical" })).toBe("high");
    expect(readValue({ name: "pH", value: "very low", range: "7.35 - 7.45", flag: "critical" })).toBe("high");
  });

  it("codes a value only for a finding whose words it carries: creatinine is no urea-to-creatinine ratio", () => {
    const bmp = patient([], {
      bmp: {
        text: "Creatinine raised; glucose very low.",
        values: [
          { name: "creatinine", value: 248, unit: "umol/L", range: "60 - 110" },
          { name: "glucose", value: 1.9, unit: "mmol/L", range: "4.0 - 7.8", flag: "critical" },
        ],
        abnormal: true,
        kb: [],
      },
    });
    const codes = codesOf(bmp, "test: bmp");
    expect(codes).toContainEqual(expect.objectContaining({ id: "creatinine_high", present: true, by: "value" }));
    expect(codes).toContainEqual(expect.objectContaining({ id: "glucose_low", present: true, by: "value" }));
    expect(codes).toContainEqual(expect.objectContaining({ id: "glucose_high", present: false, by: "value" }));
    expect(codes.find((code) => code.id === "urea_high_disproportionate")).toBeUndefined();
  });

  it("needs each analyte of a two-analyte finding raised: a raised ALP with a normal bilirubin is no cholestatic pattern", () => {
    const lfts = (bilirubin: number) =>
      codesOf(
        patient([], {
          hepatic_panel: {
            text: "Liver tests.",
            values: [
              { name: "bilirubin", value: bilirubin, unit: "umol/L", range: "3 - 21" },
              { name: "ALP", value: 142, unit: "U/L", range: "30 - 130" },
            ],
            abnormal: true,
            kb: [],
          },
        }),
        "test: hepatic_panel",
      );
    expect(lfts(17)).toContainEqual(expect.objectContaining({ id: "lft_cholestatic", present: false }));
    expect(lfts(64)).toContainEqual(expect.objectContaining({ id: "lft_cholestatic", present: true }));
    // One raised analyte with the other unmeasured says nothing of the pattern, in values or in words.
    const alpOnly = codesOf(
      patient([], { hepatic_panel: { text: "Alkaline phosphatase raised.", values: [{ name: "ALP", value: 190, unit: "U/L", range: "30 - 130" }], abnormal: true, kb: [] } }),
      "test: hepatic_panel",
    );
    expect(alpOnly.find((code) => code.id === "lft_cholestatic")).toBeUndefined();
  });

  it("reads no ratio from one value, nor from the analyte's name in words", () => {
    const urea = codesOf(
      patient([], { bmp: { text: "Urea raised.", values: [{ name: "urea", value: 11.2, unit: "mmol/L", range: "2.5 - 7.8" }], abnormal: true, kb: [] } }),
      "test: bmp",
    );
    expect(urea.find((code) => code.id === "urea_high_disproportionate")).toBeUndefined();
  });

  it("reads an abnormal report that names nothing the test looks for and calls the rest normal, and 'no ST changes'", () => {
    const ecg = (text: string) => codesOf(patient([], { ecg: { text, values: [], abnormal: true, kb: [] } }), "test: ecg").map((code) => `${code.id}:${code.present}`);
    expect(ecg("Sinus bradycardia 52/min, otherwise normal.")).toEqual(expect.arrayContaining(["st_elevation:false", "ecg_atrial_fibrillation:false"]));
    expect(ecg("Sinus rhythm. No acute ST changes.")).toEqual(expect.arrayContaining(["st_elevation:false", "st_depression_t_inversion:false"]));
    expect(ecg("Sinus rhythm with left axis deviation.")).toEqual([]);
  });

  it("codes a raised troponin from its value and range, and a normal one as absent", () => {
    const raised = patient([], { troponin: { text: "Troponin I reported.", values: [{ name: "troponin I", value: 0.8, unit: "ng/mL", range: "< 34 ng/L" }], abnormal: true, kb: [] } });
    expect(codesOf(raised, "test: troponin")).toContainEqual(expect.objectContaining({ id: "troponin_elevated", present: true, by: "value" }));
    const normal = patient([], { troponin: { text: "Troponin I reported.", values: [{ name: "troponin I", value: 5, unit: "ng/L", range: "< 34" }], abnormal: false, kb: [] } });
    expect(codesOf(normal, "test: troponin")).toContainEqual(expect.objectContaining({ id: "troponin_elevated", present: false }));
  });
});

describe("coding a constructed patient's text", () => {
  it("codes stated findings present, denied ones absent, and vital signs by the knowledge base's thresholds", () => {
    const c = patient([
      { kind: "history", text: "He smokes 20 cigarettes a day. He denies any fever." },
      { kind: "exam", text: "HR 128/min, BP 84/50 mmHg, RR 18/min, SpO2 97% on air, temperature 36.9 °C." },
    ]);
    const history = codesOf(c, "history");
    expect(history).toContainEqual(expect.objectContaining({ id: "smoker", present: true }));
    expect(history).toContainEqual(expect.objectContaining({ id: "fever", present: false }));
    const exam = codesOf(c, "exam");
    expect(exam).toContainEqual(expect.objectContaining({ id: "tachycardia", present: true, phrase: "HR 128" }));
    expect(exam).toContainEqual(expect.objectContaining({ id: "hypotension", present: true }));
    expect(exam).toContainEqual(expect.objectContaining({ id: "tachypnoea", present: false }));
    expect(exam).toContainEqual(expect.objectContaining({ id: "hypoxaemia", present: false }));
  });

  it("reads normal bowel sounds as no statement on the stools, and 'bowels normal' as no diarrhoea", () => {
    const ids = (text: string) => codesOf(patient([{ kind: "exam", text }]), "exam").map((code) => `${code.id}:${code.present}`);
    expect(ids("Auscultation: Normal bowel sounds.")).not.toContain("diarrhoea:false");
    expect(ids("Bowels normal.")).toContain("diarrhoea:false");
  });

  it("reads 'on one side' as no finding of its own: a pain that throbs on one side is no weak side, no silent lung, no shingles", () => {
    const ids = (text: string) => codesOf(patient([{ kind: "history", text }]), "history").map((code) => code.id);
    for (const id of ["unilateral_weakness", "absent_breath_sounds_one_side", "rash_dermatomal_vesicles"]) expect(ids("The pain throbs on one side.")).not.toContain(id);
    // The findings' own words still name them.
    expect(ids("Weakness of the arm on one side.")).toContain("unilateral_weakness");
    expect(ids("Reduced breath sounds on one side.")).toContain("absent_breath_sounds_one_side");
  });

  it("codes a cough that has lasted three weeks or more as chronic, and not a shorter or denied one", () => {
    const chronic = (text: string) => codesOf(patient([{ kind: "history", text }]), "history").some((code) => code.id === "chronic_cough" && code.present);
    expect(chronic("A cough with yellow sputum for about 11 years.")).toBe(true);
    expect(chronic("She has a 2-month history of dry cough.")).toBe(true);
    expect(chronic("A cough for 4 days.")).toBe(false);
    expect(chronic("No cough; knee pain for 3 years.")).toBe(false);
  });

  it("reads an item with its heading when its words code nothing alone, but never a finding present from a denial or hedge", () => {
    const item = (topic: string, text: string) =>
      codeCase(constructedCase({ findings: [{ id: "item-0", kind: "exam", topic, text }] }), kb)
        .find((f) => f.label.startsWith("exam"))!
        .codes.map((code) => `${code.id}:${code.present}`);
    expect(item("Renal angles", "Mild tenderness on percussion")).toContain("cva_tenderness:true");
    expect(item("Adnexal tenderness", "Not assessed")).not.toContain("adnexal_tenderness:true");
  });

  it("reads a word after an infinitive's 'to' as a verb: 'to aid sleep' is no AIDS", () => {
    const ids = (text: string) => codesOf(patient([{ kind: "history", text }]), "history").map((code) => `${code.id}:${code.present}`);
    expect(ids("Takes diphenhydramine to aid sleep.")).not.toContain("immunosuppressed:true");
    expect(ids("Past medical history: AIDS.")).toContain("immunosuppressed:true");
    // After a word that takes "to" and a noun, the word is the noun.
    expect(ids("Oral candidiasis secondary to AIDS.")).toContain("immunosuppressed:true");
  });

  it("codes no absence on the other side of a measure read present, and every absence of a normal reading", () => {
    const fast = codesOf(patient([{ kind: "exam", text: "HR 128/min." }]), "exam");
    expect(fast).toContainEqual(expect.objectContaining({ id: "tachycardia", present: true }));
    expect(fast.map((code) => code.id)).not.toContain("bradycardia");
    const steady = codesOf(patient([{ kind: "exam", text: "HR 80/min." }]), "exam").map((code) => `${code.id}:${code.present}`);
    expect(steady).toEqual(expect.arrayContaining(["tachycardia:false", "bradycardia:false"]));
  });

  it("reads lying and standing pressures against the consensus fall of 20 mmHg systolic or 10 diastolic", () => {
    const drop = (text: string) => codesOf(patient([{ kind: "exam", text }]), "exam").find((code) => code.id === "orthostatic_bp_drop")?.present;
    expect(drop("Lying 114/70 mmHg, HR 66; standing at 3 minutes 108/68 mmHg, HR 78.")).toBe(false);
    expect(drop("Lying 128/80 mmHg; standing 104/76 mmHg.")).toBe(true);
    expect(drop("BP 132/84 mmHg lying and 126/72 standing.")).toBe(true);
    expect(drop("BP 132/84 mmHg.")).toBeUndefined();
  });

  it("reads a muscle power graded below 5 of 5 as a focal deficit, and leaves a full grade unread", () => {
    const deficit = (text: string) => codesOf(patient([{ kind: "exam", text }]), "exam").find((code) => code.id === "focal_neuro_deficit")?.present;
    expect(deficit("Right arm power 2/5, right leg 4/5.")).toBe(true);
    expect(deficit("Weak ankle plantar flexion on both sides (4/5).")).toBe(true);
    expect(deficit("Power 5/5 in all four limbs.")).toBeUndefined();
  });

  it("codes a finding once where the words of another fact already say it, and keeps a number that says otherwise", () => {
    const denied = patient([
      { kind: "history", text: "No fever." },
      { kind: "exam", text: "Temperature 36.8 °C, HR 80/min." },
    ]);
    expect(codesOf(denied, "exam").map((code) => code.id)).not.toContain("fever");
    expect(codesOf(denied, "exam")).toContainEqual(expect.objectContaining({ id: "tachycardia", present: false }));
    const felt = patient([
      { kind: "history", text: "Has felt feverish." },
      { kind: "exam", text: "Temperature 36.8 °C." },
    ]);
    expect(codesOf(felt, "history")).toContainEqual(expect.objectContaining({ id: "fever", present: true }));
    expect(codesOf(felt, "exam")).toContainEqual(expect.objectContaining({ id: "fever", present: false, by: "vital sign" }));
    // A fact the number alone codes keeps it: the item stays readable.
    const alone = patient([
      { kind: "history", text: "No fever." },
      { kind: "exam", text: "Temperature 36.8 °C." },
    ]);
    expect(codesOf(alone, "exam")).toContainEqual(expect.objectContaining({ id: "fever", present: false, by: "vital sign" }));
  });

  it("reads a symptom that brings a pain on as the pain's provocation, not as the symptom", () => {
    const ids = (text: string) => codesOf(patient([{ kind: "history", text }]), "history").map((code) => code.id);
    expect(ids("Sharp pain, worse when he moves or coughs.")).not.toContain("cough");
    expect(ids("Chest pain on coughing.")).not.toContain("cough");
    expect(ids("He coughs every morning.")).toContain("cough");
  });

  it("reads a vital sign whose number stands under its topic, in Fahrenheit too, and 'normal' before a sign as its absence", () => {
    const c = patient([
      { kind: "exam", text: "101.8°F (38.8°C)" },
      { kind: "exam", text: "118/min" },
      { kind: "exam", text: "Normal deep tendon reflexes." },
    ]);
    c.findings[0]!.topic = "Temperature";
    c.findings[1]!.topic = "Heart rate";
    expect(codesOf(c, "exam: Temperature")).toContainEqual(expect.objectContaining({ id: "fever", present: true, by: "vital sign" }));
    expect(codesOf(c, "exam: Heart rate")).toContainEqual(expect.objectContaining({ id: "tachycardia", present: true }));
    expect(codesOf(c, "exam: item 2").filter((code) => code.present)).toEqual([]);
    const cool = patient([{ kind: "exam", text: "Temperature 98.0 °F" }]);
    expect(codesOf(cool, "exam: item 0")).toContainEqual(expect.objectContaining({ id: "fever", present: false }));
  });

  it("reads a child's heart and breathing rates against the limits for the child's age", () => {
    const at = (age: number) => {
      const c = patient([{ kind: "exam", text: "Heart rate 152/min, respiratory rate 51/min." }]);
      return codesOf({ ...c, presentation: { ...c.presentation, age } }, "exam: item 0").map((code) => `${code.id}:${code.present}`);
    };
    // A baby's 152 and 51 are within the first year's limits (under 160 and under 60); a two-year-old's are not.
    expect(at(0)).toEqual(expect.arrayContaining(["tachycardia:false", "tachypnoea:false"]));
    expect(at(2)).toEqual(expect.arrayContaining(["tachycardia:true", "tachypnoea:true"]));
    expect(at(40)).toEqual(expect.arrayContaining(["tachycardia:true", "tachypnoea:true"]));
    const school = patient([{ kind: "exam", text: "Heart rate 125/min, respiratory rate 26/min." }]);
    const eightYearOld = codesOf({ ...school, presentation: { ...school.presentation, age: 8 } }, "exam: item 0").map((code) => `${code.id}:${code.present}`);
    expect(eightYearOld).toEqual(expect.arrayContaining(["tachycardia:true", "tachypnoea:false"]));
  });

  it("reads clinical synonyms from coding/synonyms.yaml, each for a finding the knowledge base holds", () => {
    expect(Object.keys(codingSynonyms()).filter((id) => !kb.findingById.has(id))).toEqual([]);
    const c = patient([{ kind: "exam", text: "Icteric sclerae; crepitations at both bases." }, { kind: "history", text: "No previous clots." }]);
    expect(codesOf(c, "exam: item 0")).toEqual(expect.arrayContaining([expect.objectContaining({ id: "jaundice", present: true }), expect.objectContaining({ id: "lung_crackles", present: true })]));
    expect(codesOf(c, "history: item 1")).toContainEqual(expect.objectContaining({ id: "prior_vte", present: false }));
  });

  it("codes no finding from words a longer phrase or a measurement holds, nor from a topic that only routes a question", () => {
    const c = patient([
      { kind: "history", text: "Treated for high blood pressure. Her mother had a stroke." },
      { kind: "exam", text: "BP 150/90 mmHg in the left arm. Heart sounds normal. Breath sounds reduced over the right upper zone." },
      { kind: "history", text: "A pressure-like pain, like a weight on my chest." },
    ]);
    const history = codesOf(c, "history: item 0");
    expect(history).toContainEqual(expect.objectContaining({ id: "hypertension_history", present: true }));
    expect(history.map((code) => code.id)).not.toContain("chest_pain_pressure");
    expect(history.map((code) => code.id)).not.toContain("family_history_neurodegenerative");
    const exam = codesOf(c, "exam").map((code) => code.id);
    for (const id of ["pain_radiates_arm_jaw", "murmur_new_regurgitant", "ruq_pain"]) expect(exam).not.toContain(id);
    const rovsing = codesOf(patient([{ kind: "exam", text: "Pressing in the left iliac fossa causes pain on the right. Lungs clear to auscultation." }]), "exam").map((code) => `${code.id}:${code.present}`);
    for (const code of ["llq_pain:true", "rlq_pain:true", "pain_worse_movement:true", "lung_crackles:true"]) expect(rovsing).not.toContain(code);
    expect(codesOf(patient([{ kind: "exam", text: "Both ankle jerks absent." }]), "exam").map((code) => code.id)).not.toContain("seizure_witnessed");
    expect(codesOf(c, "history: item 2")).toContainEqual(expect.objectContaining({ id: "chest_pain_pressure", present: true }));
  });

  it("reads a curated synonym even when it is an everyday word ('smokes'), and 'did not lose consciousness' as no syncope", () => {
    const c = patient([{ kind: "history", text: "Smoked 30 a day for 45 years." }, { kind: "history", text: "She felt faint but did not lose consciousness." }]);
    expect(codesOf(c, "history: item 0")).toContainEqual(expect.objectContaining({ id: "smoker", present: true }));
    const faint = codesOf(c, "history: item 1");
    expect(faint).toContainEqual(expect.objectContaining({ id: "syncope_loss_of_consciousness", present: false }));
    expect(faint).toContainEqual(expect.objectContaining({ id: "lightheadedness", present: true }));
  });

  it("reads a test report with its own test's words: a shared bedside word, an organism, a clause after a spaced dash", () => {
    const c = patient([], {
      cxr: { text: "Dense consolidation of the left lower lobe.", values: [], abnormal: true, kb: [] },
      blood_culture: { text: "Escherichia coli in both sets.", values: [], abnormal: true, kb: [] },
      urine_culture: { text: "No growth at 48 hours.", values: [], abnormal: false, kb: [] },
      ecg: { text: "Atrial and ventricular rates with no fixed relation - complete heart block.", values: [], abnormal: true, kb: [] },
    });
    expect(codesOf(c, "test: cxr")).toContainEqual(expect.objectContaining({ id: "cxr_consolidation", present: true }));
    expect(codesOf(c, "test: blood_culture")).toContainEqual(expect.objectContaining({ id: "blood_culture_positive", present: true }));
    expect(codesOf(c, "test: urine_culture")).toContainEqual(expect.objectContaining({ id: "urine_culture_positive", present: false }));
    expect(codesOf(c, "test: ecg")).toContainEqual(expect.objectContaining({ id: "ecg_high_grade_av_block", present: true }));
    // An organism named in the history is no culture result.
    expect(codesOf(patient([{ kind: "history", text: "Treated for Escherichia coli cystitis last year." }]), "history").map((code) => code.id)).not.toContain("blood_culture_positive");
  });

  it("reads an ejection fraction in an echo report against the ESC threshold, not from the words 'ejection fraction'", () => {
    const echo = (text: string) => codesOf(patient([], { echo_tte: { text, values: [], abnormal: true, kb: [] } }), "test: echo_tte");
    expect(echo("Dilated left ventricle; ejection fraction 30%.")).toContainEqual(expect.objectContaining({ id: "echo_reduced_ef", present: true }));
    expect(echo("Thickened mitral leaflets; ejection fraction 60%.")).toContainEqual(expect.objectContaining({ id: "echo_reduced_ef", present: false }));
    // A number in the history is no echo finding.
    expect(codesOf(patient([{ kind: "history", text: "EF 30% on an echo last year." }]), "history").map((code) => code.id)).not.toContain("echo_reduced_ef");
  });

  it("reads a weight lost in kilograms, a pansystolic murmur and weakness in both legs by their clinical synonyms", () => {
    const c = patient([
      { kind: "history", text: "Lost 6 kg in three months without trying." },
      { kind: "exam", text: "Loud pansystolic murmur at the apex radiating to the axilla." },
      { kind: "history", text: "Weakness in both legs for four days, now in his hands." },
    ]);
    expect(codesOf(c, "history: item 0")).toContainEqual(expect.objectContaining({ id: "weight_loss", present: true }));
    expect(codesOf(c, "exam: item 1")).toContainEqual(expect.objectContaining({ id: "murmur_new_regurgitant", present: true }));
    expect(codesOf(c, "history: item 2")).toContainEqual(expect.objectContaining({ id: "ascending_weakness", present: true }));
    expect(codesOf(patient([{ kind: "history", text: "Has not lost weight." }]), "history")).toContainEqual(expect.objectContaining({ id: "weight_loss", present: false }));
  });

  it("reads joint-fluid white cells per microlitre against the findings' thresholds, and leaves a blood count alone", () => {
    const fluid = (text: string) => codesOf(patient([], { synovial_fluid_analysis: { text, values: [], abnormal: true, kb: [] } }), "test: synovial_fluid_analysis");
    expect(fluid("White cells 112000 x10^6/L, 95% neutrophils.")).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: "synovial_wbc_very_high", present: true }), expect.objectContaining({ id: "synovial_fluid_inflammatory", present: true })]),
    );
    expect(fluid("White cells 24,000/uL, 85% neutrophils.")).toContainEqual(expect.objectContaining({ id: "synovial_wbc_very_high", present: false }));
    const cbc = codesOf(patient([], { cbc: { text: "White cells 14.6 x10^9/L.", values: [], abnormal: true, kb: [] } }), "test: cbc");
    expect(cbc.map((code) => code.id)).not.toContain("synovial_wbc_very_high");
  });

  it("lets a phrase found whole claim its words, not one found across other words, and a curated word beat a shared topic", () => {
    const c = patient([
      { kind: "history", text: "Vomited many times, no blood." },
      { kind: "history", text: "Temperatures up to 39.5 °C at home." },
      { kind: "history", text: "No diabetes; sudden breathlessness an hour ago." },
    ]);
    const vomit = codesOf(c, "history: item 0");
    expect(vomit).toContainEqual(expect.objectContaining({ id: "nausea_vomiting", present: true }));
    expect(vomit).toContainEqual(expect.objectContaining({ id: "haematemesis", present: false }));
    expect(codesOf(c, "history: item 1")).toContainEqual(expect.objectContaining({ id: "fever", present: true, by: "vital sign" }));
    const third = codesOf(c, "history: item 2");
    expect(third).toContainEqual(expect.objectContaining({ id: "diabetes_history", present: false }));
    expect(third).toContainEqual(expect.objectContaining({ id: "dyspnoea", present: true }));
  });

  it("reads a denied general term as its specific form denied, and a stated normal examination as its signs absent", () => {
    const ids = [...generalTerms().denied, ...generalTerms().stated].flatMap((entry) => entry.absent);
    expect(ids.filter((id) => !kb.findingById.has(id))).toEqual([]);
    const c = patient([
      { kind: "history", text: "No weakness, numbness or chest pain." },
      { kind: "exam", text: "Lungs clear with normal breath sounds." },
      { kind: "exam", text: "Lungs not clear." },
      { kind: "history", text: "Weakness of the right arm." },
      { kind: "history", text: "Possibly no chest pain." },
    ]);
    expect(codesOf(c, "history: item 0")).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: "unilateral_weakness", present: false }), expect.objectContaining({ id: "chest_pain_pressure", present: false })]),
    );
    expect(codesOf(c, "exam: item 1")).toContainEqual(expect.objectContaining({ id: "lung_crackles", present: false }));
    expect(codesOf(c, "exam: item 2").map((code) => code.id)).not.toContain("lung_crackles");
    const more = patient([
      { kind: "exam", text: "Alert and oriented, GCS 15." },
      { kind: "history", text: "No fall or fit seen. No asthma or heart disease. No heart disease in the family." },
    ]);
    expect(codesOf(more, "exam: item 0")).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: "confusion", present: false }), expect.objectContaining({ id: "reduced_consciousness", present: false })]),
    );
    const history = codesOf(more, "history: item 1");
    expect(history).toContainEqual(expect.objectContaining({ id: "seizure_witnessed", present: false }));
    expect(history).toContainEqual(expect.objectContaining({ id: "heart_failure_history", present: false }));
    expect(codesOf(patient([{ kind: "history", text: "Fit and well." }]), "history").map((code) => code.id)).not.toContain("seizure_witnessed");
    // A general term not denied codes nothing of its specific forms, and a hedged denial is no denial.
    expect(codesOf(c, "history: item 3").filter((code) => code.id === "unilateral_weakness" && !code.present)).toEqual([]);
    expect(codesOf(c, "history: item 4").map((code) => code.id)).not.toContain("chest_pain_pressure");
  });

  it("leaves a hedged statement uncoded and says so", () => {
    const fact = codeCase(patient([{ kind: "history", text: "Possible fever last night." }]), kb).find((f) => f.label.startsWith("history"))!;
    expect(fact.codes.find((code) => code.id === "fever")).toBeUndefined();
    expect(fact.uncoded).toEqual(["Possible fever last night. (hedged)"]);
  });

  it("keeps the author's codes, adds codes to uncoded facts, and reports coverage", () => {
    const c = patient([{ kind: "history", text: "He smokes 20 cigarettes a day." }]);
    const withAuthor = { ...c, findings: c.findings.map((f) => ({ ...f, kb: [{ id: "diabetes_history", present: true }] })) };
    expect(autoCode(withAuthor, kb).case.findings[0]!.kb).toEqual([{ id: "diabetes_history", present: true }]);
    const coded = autoCode(c, kb);
    expect(coded.case.findings[0]!.kb).toContainEqual({ id: "smoker", present: true });
    expect(coded.coverage).toMatchObject({ facts: 2, diagnosisInKb: false });
    expect(coverageLine("constructed", coded.coverage)).toMatch(/^warning: constructed: the offline brain can read \d of 2 facts of this case.*a model brain reads the text$/);
  });

  it("finds the knowledge-base disease a plain-text diagnosis names, spelling, plural and a bracketed abbreviation aside", () => {
    const named = (name: string) => autoCode({ ...patient([]), diagnosis: { name, synonyms: [], no_disease: false } }, kb).case.diagnosis.kb_id;
    expect(named("Pulmonary embolism (PE)")).toBe("pulmonary_embolism");
    expect(named("Acute Leukemias")).toBe("acute_leukaemia");
    expect(named("Situational syncope")).toBe("situational_syncope");
    expect(named("Carotid sinus syncope")).toBeUndefined();
  });
});

describe("a test report of bare 'name: verdict' items", () => {
  const test = (text: string, abnormal: boolean) => ({ text, values: [], abnormal, kb: [] });
  const codes = (tests: Case["tests"]) => codeCase(patient([], tests), kb).flatMap((f) => (f.fact.part === "test" ? f.codes.map((c) => [c.id, c.present] as const) : []));

  it("codes no abnormal count from the analyte's name alone", () => {
    const coded = codes({ cbc: test("WBC: Normal; Hemoglobin: Normal; Platelets: Normal", false) });
    for (const id of ["wbc_high", "haemoglobin_low", "platelets_low"]) expect(coded).toContainEqual([id, false]);
    expect(coded.filter(([, present]) => present)).toEqual([]);
  });

  it("codes a low haemoglobin and a normal sodium from their numbers", () => {
    const coded = codes({ cbc: test("Hemoglobin: 8.1 g/dL; Platelets: 250,000/mm3", true), bmp: test("Na: 138 mEq/L", false) });
    expect(coded).toContainEqual(["haemoglobin_low", true]);
    expect(coded).toContainEqual(["platelets_low", false]);
    expect(coded).toContainEqual(["sodium_low", false]);
  });
  it("codes a count from its number when the report flags it in brackets, not the count's name as a finding", () => {
    const coded = codes({ cbc: test("Leukocyte count: 63,000/mm3 (elevated); Platelet count: 27,000/mm3 (decreased)", true) });
    expect(coded).toContainEqual(["wbc_high", true]);
    expect(coded).toContainEqual(["platelets_low", true]);
    expect(coded).not.toContainEqual(["platelets_high", true]);
  });
});

describe("everyday clinical wording", () => {
  const coded = (kind: "history" | "exam", text: string) => codesOf(patient([{ kind, text }]), kind).map((code) => `${code.id}:${code.present}`);

  it("reads British 'been sick' as vomiting, while 'sick contacts' stays a contact history", () => {
    expect(coded("history", "He has been sick four times since lunch.")).toContain("nausea_vomiting:true");
    const contacts = coded("history", "No travel abroad, no sick contacts.");
    expect(contacts).toContain("sick_contacts:false");
    expect(contacts.filter((c) => c.startsWith("nausea_vomiting"))).toEqual([]);
  });

  it("reads a quadrant of the abdomen in either word order", () => {
    expect(coded("history", "The ache is now in the right lower abdomen.")).toContain("rlq_pain:true");
    expect(coded("history", "Pain in the lower left abdomen since Tuesday.")).toContain("llq_pain:true");
    expect(coded("history", "Pain in the upper right abdomen after meals.")).toContain("ruq_pain:true");
  });

  it("reads breathlessness tied to an effort as breathlessness on exertion, and not 'a little breathless'", () => {
    expect(coded("history", "Gets puffed walking to the shop.")).toContain("dyspnoea_exertional:true");
    expect(coded("history", "Now breathless after 20 metres on the flat.")).toContain("dyspnoea_exertional:true");
    expect(coded("history", "A little breathless when the pain is bad.")).not.toContain("dyspnoea_exertional:true");
  });

  it("reads the Glasgow coma scale against the knowledge base's 'under 15', and a temperature 'to' a number", () => {
    expect(coded("exam", "GCS 11 (E3 V3 M5).")).toContain("reduced_consciousness:true");
    expect(coded("exam", "GCS 15/15, pupils equal.")).toContain("reduced_consciousness:false");
    expect(coded("history", "Temperatures to 39.2 °C at home.")).toContain("fever:true");
  });

  it("reads a stated normal neurological examination, 'fit and well', an opening 'healthy' and a denied habit of headaches, but not 'a healthy diet'", () => {
    expect(coded("exam", "Neurological examination normal.")).toContain("focal_neuro_deficit:false");
    expect(coded("history", "Fit and well, takes nothing regularly.")).toEqual(expect.arrayContaining(["diabetes_history:false", "hypertension_history:false"]));
    expect(coded("history", "Eats a healthy diet.")).toEqual([]);
    expect(coded("history", "Healthy, takes no medicines.")).toEqual(expect.arrayContaining(["diabetes_history:false", "hypertension_history:false"]));
    expect(coded("history", "She has never been a headache sufferer.")).toEqual(expect.arrayContaining(["headache_recurrent_similar:false", "migraine_history:false"]));
  });

  it("reads the character of a pain: on breathing in, on turning, down the arm, after exertion", () => {
    expect(coded("history", "It hurts to breathe in.")).toContain("pain_pleuritic:true");
    expect(coded("history", "It catches when he turns over in bed.")).toContain("pain_worse_movement:true");
    expect(coded("history", "It does not spread to the arm or jaw.")).toContain("pain_radiates_arm_jaw:false");
    expect(coded("history", "Exertion does not change it.")).toContain("pain_exertional:false");
    expect(coded("history", "Deep breathing does not change it.")).toContain("pain_pleuritic:false");
    expect(coded("exam", "The rest of the abdomen is soft.")).toEqual([]);
  });

  it("reads stated normal bowels, equal breath sounds and no loin tenderness as absences", () => {
    expect(coded("history", "Normal bowels, no urinary symptoms.")).toContain("diarrhoea:false");
    expect(coded("exam", "Breath sounds equal on both sides.")).toContain("absent_breath_sounds_one_side:false");
    expect(coded("exam", "No loin tenderness.")).toContain("cva_tenderness:false");
    expect(coded("history", "A cough for four months.")).toContain("chronic_cough:true");
  });

  it("reads everyday accounts of present findings: a lift, no lying flat, waking up gasping, a bigger calf, spotting", () => {
    expect(coded("history", "The pain started after he lifted a wardrobe.")).toContain("back_pain_after_lifting:true");
    expect(coded("history", "He cannot lie flat and sleeps sitting up.")).toContain("orthopnoea:true");
    expect(coded("history", "She can lie flat.")).not.toContain("orthopnoea:true");
    expect(coded("history", "Now sleeps on two extra pillows.")).toContain("orthopnoea:true");
    expect(coded("history", "More hair on her pillow than usual.")).not.toContain("orthopnoea:true");
    expect(coded("history", "She does not wake breathless at night.")).toEqual(["paroxysmal_nocturnal_dyspnoea:false"]);
    expect(coded("exam", "The left calf is 4 cm larger than the right.")).toContain("unilateral_leg_swelling:true");
    expect(coded("history", "Some light spotting since Monday.")).toContain("vaginal_bleeding:true");
    expect(coded("history", "Pain in one spot by the breastbone.")).not.toContain("vaginal_bleeding:true");
    expect(coded("exam", "Tender over the L4 spinous process.")).toContain("spinal_tenderness:true");
    expect(coded("history", "He feels drained and worn out.")).toContain("fatigue:true");
  });

  it("reads no finding from a verb's past form an adverb or 'when' governs, nor from a body part that only routes a question", () => {
    expect(coded("exam", "The skin peels away when lightly stroked.")).not.toContain("prior_stroke:true");
    expect(coded("history", "Smoked 20 a day for 30 years.")).toContain("smoker:true");
    expect(coded("exam", "Scaly patches on the scalp and forehead.")).not.toContain("facial_weakness_forehead_involved:true");
  });

  it("reads no finding from a time of day, a pain's character elsewhere in the body, or a place alone", () => {
    expect(coded("history", "Since last night she has had a pain under the ribs.")).not.toContain("back_pain_night_rest:true");
    expect(coded("history", "Back pain that wakes him at night.")).toContain("back_pain_night_rest:true");
    expect(coded("history", "His ankle is throbbing.")).not.toContain("headache_unilateral_throbbing:true");
    expect(coded("history", "A throbbing headache over one temple.")).toContain("headache_unilateral_throbbing:true");
    expect(coded("exam", "Tender in the right upper quadrant.")).not.toContain("murphy_sign:true");
    expect(coded("history", "Constipated for a week.")).not.toContain("obstipation:true");
  });

  it("holds what someone thinks as hedged, and ends a denial's reach at 'and today'", () => {
    expect(coded("history", "She thinks it might be a fever.")).toEqual([]);
    expect(coded("history", "She thinks she is simply exhausted.")).not.toContain("fatigue:true");
    expect(coded("history", "The painkillers have not helped and today he feels shivery.")).toContain("chills:true");
  });

  it("reads a bare verdict under a heading as a statement about the heading", () => {
    const c = patient([
      { kind: "exam", text: "Present" },
      { kind: "exam", text: "Absent." },
    ]);
    c.findings[0]!.topic = "Cervical lymphadenopathy";
    c.findings[1]!.topic = "Neck stiffness";
    expect(codesOf(c, "exam: Cervical").map((code) => `${code.id}:${code.present}`)).toContain("lymphadenopathy:true");
    expect(codesOf(c, "exam: Neck").map((code) => `${code.id}:${code.present}`)).toContain("neck_stiffness:false");
  });

  it("reads nodes, muddled thinking, a flat mood and weight put on", () => {
    expect(coded("exam", "Three firm nodes in the left axilla.")).toContain("lymphadenopathy:true");
    expect(coded("history", "Muddled since the morning.")).toContain("confusion:true");
    expect(coded("history", "He has felt flat since the winter.")).toContain("low_mood:true");
    expect(coded("history", "Has put on 5 kg this year.")).toContain("weight_gain:true");
    expect(coded("history", "Too sore to put weight on.")).not.toContain("weight_gain:true");
  });

  it("reads social or light drinking as no heavy use, and heavy drinking as heavy use", () => {
    expect(coded("history", "Non-smoker and drinks alcohol socially.")).toContain("alcohol_excess:false");
    expect(coded("history", "Occasional alcohol consumption.")).toContain("alcohol_excess:false");
    expect(coded("history", "Does not drink.")).toContain("alcohol_excess:false");
    expect(coded("history", "Long history of alcohol abuse.")).toContain("alcohol_excess:true");
    expect(coded("history", "Drinks alcohol most evenings.")).not.toContain("alcohol_excess:true");
  });

  it("reads labour after a caesarean only when she is in labour, in either spelling", () => {
    expect(coded("history", "She had a previous cesarean section four years ago.")).not.toContain("in_labour_prior_caesarean:true");
    expect(coded("history", "The baby was born via cesarean delivery.")).not.toContain("in_labour_prior_caesarean:true");
    expect(coded("history", "She is in labour after a previous caesarean section.")).toContain("in_labour_prior_caesarean:true");
    expect(coded("history", "She is attempting a trial of labor after cesarean.")).toContain("in_labour_prior_caesarean:true");
  });

  it("reads a full range of motion as no pain on moving the joint, and a painful one as pain", () => {
    expect(coded("exam", "Full range of motion without significant pain.")).toContain("joint_movement_very_painful:false");
    expect(coded("exam", "Pain on passive movement of the knee.")).toContain("joint_movement_very_painful:true");
  });

  it("codes the findings the patient's age states on the presentation, present from the bound and absent below it", () => {
    const aged = (age: number) =>
      codesOf(constructedCase({ presentation: { age } }), "presentation").filter((code) => code.by === "age").map((code) => `${code.id}:${code.present}`);
    expect(aged(50)).toContain("age_50_or_over:true");
    expect(aged(23)).toContain("age_50_or_over:false");
  });

  it("reads pain that gripping, lifting or holding brings on as joint pain worse with use, and chest pain worse on moving as its own finding", () => {
    expect(coded("history", "The wrist pain worsens when she holds a cup.")).toContain("joint_pain_worse_use:true");
    expect(coded("history", "Pain worse with gripping.")).toContain("joint_pain_worse_use:true");
    expect(coded("history", "Chest pain worse with movement.")).not.toContain("joint_pain_worse_use:true");
  });

  it("reads a swelling at the back of the neck as no goitre, and an enlarged thyroid as one", () => {
    expect(coded("history", "A slowly growing swelling on the nape of the neck.")).not.toContain("goitre_tremor:true");
    expect(coded("exam", "Diffusely enlarged thyroid.")).toContain("goitre_tremor:true");
  });

  it("reads pustules on a red base as the newborn's pustular rash", () => {
    expect(coded("exam", "Scattered pustules with an erythematous base over the trunk.")).toContain("pustules_on_red_base_newborn:true");
  });
});

const cli = join(packageRoot, "dist/cli/main.js");

describe.skipIf(!existsSync(cli))("the built dxsim code (skipped until `npm run build` has made dist/)", () => {
  it("prints each code with its phrase, and --write adds codes keeping the author's comments and order", () => {
    const dir = mkdtempSync(join(tmpdir(), "dxsim-code-"));
    const file = join(dir, "cp-01.yaml");
    const plain = `# The author's note stays.\n${readFileSync(join(packageRoot, "scenarios/cases/cp-01.yaml"), "utf8").replace(/^\s*kb: \[.*\]\n/gm, "")}`;
    writeFileSync(file, plain);
    const shown = spawnSync(process.execPath, [cli, "code", file], { encoding: "utf8" });
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/^ {4}\+ smoker {2}by text: "Smokes 20 cigarettes a day for 35 years\."$/m);
    expect(shown.stdout).toMatch(/^ {4}\? uncoded: /m);
    const json = JSON.parse(spawnSync(process.execPath, [cli, "code", file, "--json"], { encoding: "utf8" }).stdout) as { cases: { id: string }[] };
    expect(json.cases.map((c) => c.id)).toEqual(["cp-01"]);

    expect(spawnSync(process.execPath, [cli, "code", file, "--write"], { encoding: "utf8" }).status).toBe(0);
    const written = readFileSync(file, "utf8");
    expect(written.startsWith("# The author's note stays.\nid: cp-01\n")).toBe(true);
    const after = loadCaseFile(file);
    const strip = (c: Case) => ({ ...c, presentation: { ...c.presentation, kb: [] }, findings: c.findings.map((f) => ({ ...f, kb: [] })), tests: Object.fromEntries(Object.entries(c.tests).map(([id, t]) => [id, { ...t, kb: [] }])) });
    const before = CaseSchema.parse(parse(plain));
    expect(strip(after)).toEqual(strip(before));
    expect(Object.keys(parse(written) as object)).toEqual(Object.keys(parse(plain) as object));
    expect(after.findings.map((f) => f.id)).toEqual(before.findings.map((f) => f.id));
    expect(after.findings.find((f) => f.id === "risk-factors")?.kb).toContainEqual({ id: "smoker", present: true });
  }, 180_000);
});
