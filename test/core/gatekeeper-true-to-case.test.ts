import { describe, expect, it } from "vitest";
import { loadBundledKnowledge } from "../../cli/knowledge.js";
import { CaseSchema } from "../../core/case.js";
import { createOfflineGatekeeper } from "../../core/gatekeeper.js";
import { autoCode } from "../../coding/auto.js";

const { kb, catalog } = loadBundledKnowledge();

/** A constructed patient: palpitations, an ECG in atrial fibrillation, a CT chest with a flap. */
const patient = (overrides: Record<string, unknown> = {}) =>
  CaseSchema.parse({
    id: "constructed-1",
    title: "Constructed patient",
    specialty: "cardiology",
    difficulty: "easy",
    complaint: "chest_pain",
    source: { name: "dxsim test", licence: "MIT" },
    presentation: {
      age: 71,
      sex: "male",
      setting: "emergency",
      chief_complaint: "Fluttering in the chest since the weekend",
      narrative: "A 71-year-old man with a fluttering feeling in his chest since Saturday. He has felt lightheaded twice.",
    },
    findings: [{ id: "smoking", kind: "history", topic: "smoking", text: "He smoked a pipe until 2010." }],
    tests: {
      ecg: { text: "Irregularly irregular narrow-complex rhythm at 128/min, no P waves.", abnormal: true, kb: [{ id: "ecg_atrial_fibrillation" }] },
      ct_chest: { text: "An intimal flap runs from the aortic root into the arch.", abnormal: true, kb: [{ id: "ct_aortic_dissection_flap" }] },
      mri_brain: { text: "A small cortical infarct in the right parietal lobe.", abnormal: true },
    },
    diagnosis: { name: "Test disease", kb_id: "aortic_dissection" },
    key_tests: ["ecg"],
    ...overrides,
  });

describe("gatekeeper true to the case", () => {
  const gk = createOfflineGatekeeper({ caseFile: patient(), catalog, kb });

  it("confirms the chief complaint, however it is asked", () => {
    for (const q of ["Do you have fluttering in the chest since the weekend?", "Any fluttering in the chest?", "Fluttering?"]) {
      const reply = gk.ask(q);
      expect(reply.reveal.kind, q).toBe("answer");
      expect(reply.synthetic, q).toBe(false);
      expect(reply.reveal.text, q).toBe("Fluttering in the chest since the weekend");
    }
  });

  it("answers what the narrative states with its sentence, and what a hidden item states with the item", () => {
    expect(gk.ask("Has he felt lightheaded?")).toMatchObject({ synthetic: false, reveal: { text: "He has felt lightheaded twice." } });
    expect(gk.ask("Did he ever smoke a pipe?")).toMatchObject({ synthetic: false, source: "smoking" });
    // Nothing the case says: a healthy patient's answer, marked synthetic.
    expect(gk.ask("Any rash on the legs?")).toMatchObject({ synthetic: true });
  });

  it("answers with the first of two items that match a question equally, whichever is listed first", () => {
    const sweats = [
      { id: "sweats-drenching", kind: "history", topic: "night sweats", text: "Drenching sweats most nights." },
      { id: "sweats-sheets", kind: "history", topic: "night sweats", text: "Sweats at night, soaking the sheets." },
    ];
    for (const findings of [sweats, [...sweats].reverse()]) {
      const reply = createOfflineGatekeeper({ caseFile: patient({ findings }), catalog, kb }).ask("Any night sweats?");
      expect(reply).toMatchObject({ synthetic: false, source: findings[0]!.id });
    }
  });

  it("answers with an uncoded item whose words hold the finding's topic, never a made-up no", () => {
    // The finding's question names none of the item's heading; its topic "spreading redness" is in the text.
    const skin = kb.findingById.get("skin_red_hot_spreading")!;
    expect(skin.topics).toContain("spreading redness");
    const findings = [{ id: "leg", kind: "exam", topic: "left leg", text: "Warm, tender, swollen leg; the spreading redness reaches the knee." }];
    const reply = createOfflineGatekeeper({ caseFile: patient({ findings }), catalog, kb }).ask(skin.question!);
    expect(reply).toMatchObject({ synthetic: false, source: "leg", reveal: { text: findings[0]!.text } });
    expect(reply.reveal.findings.filter((l) => l.id === skin.id && !l.present)).toEqual([]);
    // Where no item says it, the patient's healthy answer stands: absent.
    const healthy = createOfflineGatekeeper({ caseFile: patient(), catalog, kb }).ask(skin.question!);
    expect(healthy).toMatchObject({ synthetic: true, reveal: { findings: [{ id: skin.id, present: false }] } });
  });

  it("answers from the item whose own heading the question names when two items link its finding", () => {
    const findings = [
      { id: "head-neck", kind: "exam", topic: "head and neck", text: "No pallor or lymphadenopathy in the head and neck.", kb: [{ id: "lymphadenopathy", present: false }] },
      { id: "nodes", kind: "exam", topic: "lymph nodes", text: "Diffuse, nontender lymphadenopathy.", kb: [{ id: "lymphadenopathy" }] },
    ];
    const question = kb.findingById.get("lymphadenopathy")!.question!;
    for (const order of [findings, [...findings].reverse()]) {
      const reply = createOfflineGatekeeper({ caseFile: patient({ findings: order }), catalog, kb }).ask(question);
      expect(reply).toMatchObject({ synthetic: false, source: "nodes" });
    }
  });

  it("derives a rhythm test the case does not list from the ECG it does", () => {
    const holter = gk.order("holter");
    expect(holter.synthetic).toBe(true);
    expect(holter.reveal.abnormal).toBe(true);
    expect(holter.reveal.findings).toContainEqual({ id: "ecg_atrial_fibrillation", present: true });
    expect(holter.reveal.text).toMatch(/atrial fibrillation/i);
  });

  it("reports a structure shown abnormal the same way on another test of it", () => {
    const tee = gk.order("echo_tee");
    expect(tee).toMatchObject({ synthetic: true, reveal: { abnormal: true } });
    expect(tee.reveal.findings).toContainEqual({ id: "ct_aortic_dissection_flap", present: true });
    // An uncoded abnormal image: the other image of the same organ agrees in its words.
    expect(gk.order("ct_head")).toMatchObject({ synthetic: true, reveal: { abnormal: true, text: "A small cortical infarct in the right parietal lobe." } });
  });

  it("gives a normal result, marked synthetic, where the case says nothing", () => {
    const tsh = gk.order("tsh");
    expect(tsh).toMatchObject({ synthetic: true, reveal: { abnormal: false, text: catalog.byId.get("tsh")!.normal_result } });
    // Without the ECG, nothing is known of the rhythm: the Holter is normal and says so.
    const quiet = createOfflineGatekeeper({ caseFile: patient({ tests: {} }), catalog, kb });
    const holter = quiet.order("holter");
    expect(holter).toMatchObject({ synthetic: true, reveal: { abnormal: false, text: catalog.byId.get("holter")!.normal_result } });
    // A normal result says its findings are absent, as a normal result the case lists would.
    expect(holter.reveal.findings).toContainEqual({ id: "ecg_atrial_fibrillation", present: false });
    expect(holter.reveal.findings.every((l) => !l.present)).toBe(true);
  });

  it("shows on a test the case does not list what its diagnosis shows more often than not, never a finding that settles it", () => {
    // Tuberculosis makes a positive interferon-gamma assay more likely than not (the knowledge
    // base's sensitivity): a realistic result for this patient, consistent with the case.
    const tb = createOfflineGatekeeper({ caseFile: patient({ tests: {}, diagnosis: { name: "Test disease", kb_id: "pulmonary_tuberculosis" } }), catalog, kb });
    const igra = tb.order("quantiferon");
    expect(igra).toMatchObject({ synthetic: true, reveal: { abnormal: true } });
    expect(igra.reveal.findings).toContainEqual({ id: "quantiferon_positive", present: true });
    // The same test in a patient whose diagnosis does not show it reads normal.
    const other = createOfflineGatekeeper({ caseFile: patient({ tests: {} }), catalog, kb }).order("quantiferon");
    expect(other.reveal.findings).toContainEqual({ id: "quantiferon_positive", present: false });
    // A dissection flap settles its diagnosis: it comes only from a result the case lists.
    const unlisted = createOfflineGatekeeper({ caseFile: patient({ tests: {} }), catalog, kb }).order("cta_chest");
    expect(unlisted.reveal.findings).not.toContainEqual({ id: "ct_aortic_dissection_flap", present: true });
    // What the case says wins over what is typical: a listed negative assay stays negative.
    const negative = patient({ tests: { quantiferon: { text: "Negative.", abnormal: false } }, diagnosis: { name: "Test disease", kb_id: "pulmonary_tuberculosis" } });
    const tst = createOfflineGatekeeper({ caseFile: negative, catalog, kb }).order("quantiferon");
    expect(tst).toMatchObject({ synthetic: false, reveal: { abnormal: false } });
  });

  it("reports a joint fluid's analysis as the tap's report gives it, never as a normal fluid", () => {
    const tap = "Analysis: WBC > 50,000 /uL (markedly elevated); Gram stain: Gram-negative diplococci seen.";
    const septic = patient({ tests: { arthrocentesis: { text: tap, abnormal: true } } });
    // As written, no finding reads the report: the analysis is the tap's report itself.
    const asWritten = createOfflineGatekeeper({ caseFile: septic, catalog, kb }).order("synovial_fluid_analysis");
    expect(asWritten).toMatchObject({ synthetic: true, reveal: { abnormal: true, text: tap } });
    // Coded, the tap's report carries the analysis's finding, and the analysis shows it.
    const coded = autoCode(septic, kb).case;
    expect(coded.tests.arthrocentesis!.kb).toContainEqual({ id: "gram_negative_diplococci_joint_fluid", present: true });
    const analysis = createOfflineGatekeeper({ caseFile: coded, catalog, kb }).order("synovial_fluid_analysis");
    expect(analysis.reveal).toMatchObject({ abnormal: true, text: tap });
    expect(analysis.reveal.findings).toContainEqual({ id: "gram_negative_diplococci_joint_fluid", present: true });
  });

  it("reads a finding the case shows absent as absent on another test", () => {
    const normalEcg = createOfflineGatekeeper({ caseFile: patient({ tests: { ecg: { text: "Sinus rhythm, normal ECG.", abnormal: false } } }), catalog, kb });
    expect(normalEcg.order("holter").reveal.findings).toContainEqual({ id: "ecg_atrial_fibrillation", present: false });
  });
});
