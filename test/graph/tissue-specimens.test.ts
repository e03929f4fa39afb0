import { describe, expect, it } from "vitest";
import { specimenRefusal } from "../../core/specimens.js";
import { DiagnosticSession } from "../../graph/session.js";
import { rankProbes } from "../../reasoning/index.js";
import { runBatch } from "../../runs/batch.js";
import { constructedCase } from "../support/constructed-case.js";
import { bundled } from "./helpers.js";

// Constructed patients: surgical pathology reads tissue, so it needs a biopsy (specimens.yaml).
const { knowledge } = bundled();
const { kb, catalog } = knowledge;
const price = (id: string) => catalog.byId.get(id)!.price_usd;

/** A woman with a breast lump whose hidden case reports the histology under surgical pathology. */
const breastLump = constructedCase({
  complaint: "other",
  presentation: { age: 45, sex: "female", setting: "clinic", chief_complaint: "A lump in the left breast", narrative: "She found a fast-growing painless lump in the left breast two months ago." },
  findings: [{ id: "lump", kind: "history", topic: "breast lump", text: "A firm painless lump in the left breast that has grown fast.", kb: [{ id: "breast_lump" }] }],
  tests: {
    surgical_pathology: { text: "Leaf-like fibroepithelial architecture with stromal overgrowth.", abnormal: true, kb: [{ id: "phyllodes_architecture_on_biopsy" }] },
  },
  diagnosis: { name: "Phyllodes tumour of the breast", kb_id: "phyllodes_tumour" },
  key_tests: ["surgical_pathology"],
});

const start = () => DiagnosticSession.create({ caseFile: breastLump, knowledge, settings: {} });
const order = (tests: string[]) => ({ kind: "replace" as const, action: { kind: "order" as const, tests } });

describe("a tissue analysis needs a biopsy (specimens.yaml)", () => {
  it("surgical pathology alone is refused, naming the biopsies that would yield tissue; with any of them it is not", () => {
    expect(specimenRefusal(kb, "surgical_pathology", new Set(), [])).toMatch(/No tissue specimen.*one of: .*skin biopsy.*rectal biopsy.*breast biopsy/);
    expect(specimenRefusal(kb, "surgical_pathology", new Set(), ["breast_biopsy"])).toBeNull();
    expect(specimenRefusal(kb, "surgical_pathology", new Set(["lymph_node_biopsy"]), [])).toBeNull();
    expect(specimenRefusal(kb, "direct_immunofluorescence", new Set(), [])).toMatch(/\(skin biopsy\)/);
  });

  it("every biopsy that yields tissue is a priced catalog procedure with its CMS code", () => {
    const rule = kb.specimens.find((s) => s.analysis === "surgical_pathology")!;
    expect(rule.procedures).toEqual(expect.arrayContaining(["skin_biopsy", "lymph_node_biopsy", "rectal_biopsy", "breast_biopsy", "endometrial_biopsy"]));
    for (const id of rule.procedures) {
      const test = catalog.byId.get(id)!;
      expect(test.price_usd).toBeGreaterThan(0);
      expect(test.price_source).toContain(test.code);
    }
  });

  it("the gatekeeper refuses surgical pathology ordered alone and charges nothing; with the biopsy in the same order it charges both", async () => {
    const session = DiagnosticSession.create({ caseFile: breastLump, knowledge, settings: {} });
    await session.start();
    const alone = await session.decide(order(["surgical_pathology"]));
    const refusal = alone.values.reveals.at(-1)!.reveal;
    expect(refusal.kind).toBe("refusal");
    expect(refusal.text).toMatch(/tissue specimen.*breast biopsy/);
    expect(alone.values.ledger.entries.some((e) => e.kind === "test")).toBe(false);

    const both = await session.decide(order(["breast_biopsy", "surgical_pathology"]));
    const charged = both.values.ledger.entries.filter((e) => e.kind === "test").map((e) => [e.id, e.usd]);
    expect(charged).toEqual([
      ["breast_biopsy", price("breast_biopsy")],
      ["surgical_pathology", price("surgical_pathology")],
    ]);
    expect(both.values.reveals.at(-1)!.reveal.text).toMatch(/Leaf-like/);
  });

  it("a biopsy in an earlier round lets surgical pathology go ahead later", async () => {
    const session = start();
    await session.start();
    await session.decide(order(["breast_biopsy"]));
    const later = await session.decide(order(["surgical_pathology"]));
    expect(later.values.reveals.at(-1)!.reveal.kind).not.toBe("refusal");
    expect(later.values.ledger.entries.filter((e) => e.kind === "test").map((e) => [e.round, e.id])).toEqual([
      [1, "breast_biopsy"],
      [2, "surgical_pathology"],
    ]);
  });
});

describe("the panel never orders a tissue analysis without its biopsy", () => {
  const scope = { complaint: "other" as const, setting: "clinic" as const, age: 45, sex: "female" as const };
  const ranked = (ordered: string[]) =>
    rankProbes(kb, catalog, scope, { breast_lump: true }, { asked: new Set(), ordered: new Set(ordered), questionCostUsd: 0 }).flatMap((r) => (r.probe.kind === "test" ? [r.probe.testId] : []));

  it("the engine ranks the breast biopsy, not surgical pathology, until a biopsy is done", () => {
    expect(ranked([])).toContain("breast_biopsy");
    expect(ranked([])).not.toContain("surgical_pathology");
    expect(ranked(["breast_biopsy"])).toContain("surgical_pathology");
  });

  it("playing a blistering patient, direct immunofluorescence comes with or after the skin biopsy that yields its specimen, and nothing is refused", async () => {
    const blisters = constructedCase({
      complaint: "rash",
      presentation: { age: 50, sex: "female", setting: "clinic", chief_complaint: "Flaccid blisters on the forearm", narrative: "Flaccid blisters on the forearm for three days.", kb: [{ id: "flaccid_blisters" }] },
      findings: [{ id: "mouth", kind: "history", topic: "mouth ulcers", text: "Painful ulcers on the buccal and gingival mucosa.", kb: [{ id: "oral_ulcers" }] }],
      tests: {
        // A superficial biopsy that settles nothing, so the panel wants the immunofluorescence of its specimen.
        skin_biopsy: { text: "Superficial sample: a blister roof only, the split cannot be placed.", abnormal: true, kb: [] },
        direct_immunofluorescence: { text: "Intercellular IgG in the epidermis.", abnormal: true, kb: [{ id: "intercellular_igg_on_dif" }] },
      },
      diagnosis: { name: "Pemphigus vulgaris", kb_id: "pemphigus_vulgaris" },
      key_tests: ["skin_biopsy", "direct_immunofluorescence"],
    });
    const result = (await runBatch([{ file: "c.yaml", case: blisters }], knowledge, { settings: {} })).results[0]!;
    const round = (id: string) => result.ledger.entries.find((e) => e.id === id)?.round;
    expect(round("direct_immunofluorescence")).toBeDefined();
    expect(round("skin_biopsy")).toBeLessThanOrEqual(round("direct_immunofluorescence")!);
    expect(result.reveals.filter((r) => r.reveal.kind === "refusal")).toEqual([]);
  });
});
