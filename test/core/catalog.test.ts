import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TestCategorySchema } from "../../core/catalog.js";
import { loadCatalog } from "../../core/catalog-loader.js";
import { DataFileError } from "../../core/data-file.js";
import { resolveOrder } from "../../core/orders.js";
import { packageRoot } from "../../core/paths.js";

/** The ids the knowledge base and the cases may use (the shared list every part of dxsim relies on). */
const SHARED_IDS = `cbc bmp cmp hepatic_panel troponin bnp d_dimer lactate lipase crp esr procalcitonin tsh free_t4 hba1c
  glucose urinalysis urine_hcg serum_hcg pt_inr ptt abg magnesium calcium ck uric_acid ferritin iron_studies b12
  reticulocytes haptoglobin ldh ana rheumatoid_factor anti_ccp anca complement hiv hepatitis_panel monospot rapid_strep
  influenza_test covid_pcr lyme_serology urine_drug_screen ammonia cortisol csf_analysis synovial_fluid_analysis
  peripheral_smear malaria_smear quantiferon blood_culture urine_culture sputum_culture stool_culture c_diff
  h_pylori_stool gonorrhea_chlamydia_naat ecg echo_tte echo_tee holter stress_test coronary_angiography tilt_table
  spirometry eeg nerve_conduction cxr ct_head cta_head_neck mri_brain ct_chest ctpa ct_abdomen_pelvis ct_kub us_abdomen
  us_ruq us_pelvis us_transvaginal us_renal leg_venous_doppler carotid_doppler xray_abdomen xray_joint
  xray_lumbar_spine mri_lumbar_spine hida_scan vq_scan egd colonoscopy bronchoscopy lumbar_puncture arthrocentesis
  paracentesis thoracentesis skin_biopsy temporal_artery_biopsy lymph_node_biopsy bone_marrow_biopsy
  surgical_pathology`.split(/\s+/);

/** CMS 2025 prices quoted in the project brief, to catch a formula or rounding slip. */
const CHECKED_PRICES: Record<string, [string, number]> = {
  cbc: ["85025", 7.77],
  cmp: ["80053", 10.56],
  troponin: ["84484", 12.47],
  bnp: ["83880", 39.26],
  cxr: ["71046", 32.67],
  ct_head: ["70450", 105.13],
  ct_abdomen_pelvis: ["74177", 297.26],
  echo_tte: ["93306", 187.93],
};

const catalog = loadCatalog();

describe("the bundled catalog", () => {
  it("holds every shared test id, and more than 80 tests", () => {
    expect(SHARED_IDS).toHaveLength(102);
    expect(catalog.tests.length).toBeGreaterThanOrEqual(80);
    expect(SHARED_IDS.filter((id) => !catalog.byId.has(id))).toEqual([]);
  });

  it("has tests in every category", () => {
    const present = new Set(catalog.tests.map((t) => t.category));
    expect(TestCategorySchema.options.filter((c) => !present.has(c))).toEqual([]);
  });

  it("prices every test above zero and says where the price comes from", () => {
    for (const t of catalog.tests) {
      expect(t.price_usd, t.id).toBeGreaterThan(0);
      expect(t.price_source, t.id).toMatch(/^(CMS (CLFS|PFS) 2025|estimate)/);
      expect(Math.abs(t.price_usd * 100 - Math.round(t.price_usd * 100)), `${t.id} in whole cents`).toBeLessThan(1e-6);
    }
  });

  it("matches the CMS 2025 prices quoted for the common tests", () => {
    for (const [id, [code, usd]] of Object.entries(CHECKED_PRICES)) {
      expect(catalog.byId.get(id), id).toMatchObject({ code, price_usd: usd });
    }
  });

  it("prices a test of several codes as the sum of the parts its source lists", () => {
    const parts = (source: string) => [...source.matchAll(/\$(\d+\.\d\d)/g)].map((m) => Math.round(Number(m[1]) * 100));
    for (const t of catalog.tests) {
      const times = Number(/\$\d+\.\d\d x (\d+)\b/.exec(t.price_source)?.[1] ?? 1);
      expect(parts(t.price_source).reduce((a, b) => a + b, 0) * times, t.id).toBe(Math.round(t.price_usd * 100));
    }
    expect(catalog.byId.get("csf_analysis")).toMatchObject({ code: "89051+84157+82945", price_usd: 13.53 });
    expect(catalog.byId.get("complement")).toMatchObject({ code: "86160 x2", price_usd: 24 });
  });

  it("prices physician-fee-schedule services as non-facility RVU x 32.3465, rounded to cents", () => {
    const pfs = catalog.tests.filter((t) => t.price_source.startsWith("CMS PFS"));
    expect(pfs.length).toBeGreaterThan(30);
    for (const t of pfs) {
      const rvus = [...t.price_source.matchAll(/(\d+\.\d\d) RVU/g)].map((m) => Number(m[1]));
      const expected = rvus.reduce((sum, rvu) => sum + Math.round(rvu * 32.3465 * 100), 0);
      expect(Math.round(t.price_usd * 100), t.id).toBe(expected);
    }
  });

  it("gives every test a normal result with a value or a finding in words", () => {
    expect(catalog.byId.get("cbc")?.normal_result).toMatch(/hemoglobin 14\.0 g\/dL/);
    expect(catalog.byId.get("troponin")?.normal_result).toMatch(/ng\/L/);
    for (const t of catalog.tests) expect(t.normal_result.length, t.id).toBeGreaterThan(10);
  });

  it("orders each test by its id, its name and every synonym, and by no other test's", () => {
    const strays: string[] = [];
    for (const t of catalog.tests) {
      for (const phrase of [t.id, t.name, ...t.synonyms]) {
        const r = resolveOrder(catalog, phrase);
        if (r.kind !== "match" || r.test.id !== t.id) strays.push(`${t.id}: "${phrase}" -> ${JSON.stringify(r)}`);
      }
    }
    expect(strays).toEqual([]);
  });

  it("charges $300 a visit, citing SDBench", () => {
    expect(catalog.visitFeeUsd).toBe(300);
    expect(catalog.visitFeeSource).toMatch(/SDBench.*2506\.22405/);
  });

  it("takes a run's own visit fee over the file's, and marks it as such", () => {
    const cheap = loadCatalog(undefined, { visitFeeUsd: 150 });
    expect(cheap.visitFeeUsd).toBe(150);
    expect(cheap.visitFeeSource).toMatch(/^estimate: visit fee of \$150 set for this run/);
    expect(cheap.tests).toHaveLength(catalog.tests.length);
  });
});

describe("loading a catalog folder", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const folder = (files: Record<string, string>): string => {
    dir = mkdtempSync(join(tmpdir(), "dxsim-catalog-"));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  const visit = "visit_fee_usd: 300\nsource: estimate for a test\n";
  const test = (id: string, price = "5") =>
    `  - id: ${id}\n    name: Test ${id}\n    category: lab\n    code: "00000"\n    price_usd: ${price}\n    price_source: estimate for a test\n    normal_result: Normal.\n`;
  const problemsOf = (load: () => unknown) => {
    try {
      load();
    } catch (e) {
      if (e instanceof DataFileError) return e.problems;
      throw e;
    }
    throw new Error("expected a DataFileError");
  };

  it("merges YAML and JSON files and indexes the tests by id", () => {
    const json = JSON.stringify({ tests: [{ id: "b", name: "Test b", category: "imaging", code: "00000", price_usd: 7, price_source: "estimate", normal_result: "Normal." }] });
    const loaded = loadCatalog(folder({ "visit.yaml": visit, "a.yaml": `tests:\n${test("a")}`, "b.json": json }));
    expect(loaded.tests.map((t) => t.id)).toEqual(["a", "b"]);
    expect(loaded.byId.get("b")?.category).toBe("imaging");
    expect(loaded.byId.get("a")?.synonyms).toEqual([]);
  });

  it("refuses a duplicate id, naming the file and field where it appears again", () => {
    const d = folder({ "visit.yaml": visit, "a.yaml": `tests:\n${test("x")}`, "b.yaml": `tests:\n${test("y")}${test("x")}` });
    expect(problemsOf(() => loadCatalog(d))).toEqual([
      { file: join(d, "b.yaml"), field: "tests[1].id", message: `duplicate test id "x" (first in ${join(d, "a.yaml")})` },
    ]);
  });

  it("reports a bad field with its file and line", () => {
    const d = folder({ "visit.yaml": visit, "labs.yaml": `tests:\n${test("a", "-3")}` });
    expect(problemsOf(() => loadCatalog(d))).toMatchObject([{ file: join(d, "labs.yaml"), line: 6, field: "tests[0].price_usd" }]);
  });

  it("needs the visit fee file", () => {
    const d = folder({ "labs.yaml": `tests:\n${test("a")}` });
    expect(problemsOf(() => loadCatalog(d))).toEqual([{ file: join(d, "visit.yaml"), message: "missing: the catalog needs the visit fee" }]);
  });
});

const cms = join(packageRoot, "../shared/data/cms");

describe.skipIf(!existsSync(cms))(`prices against the CMS files (skipped when ${cms} is absent)`, () => {
  /** Rows of a CSV file with quoted fields, from the header row that starts with `first`. */
  const rowsOf = (file: string, first: string): string[][] => {
    const rows = readFileSync(join(cms, file), "latin1")
      .split(/\r?\n/)
      .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, "")));
    return rows.slice(rows.findIndex((r) => r[0] === first) + 1);
  };
  it("prices every test from its codes: CLFS national limit, or PFS non-facility RVU x 32.3465", () => {
    // Read here, not at collection: a skipped describe still runs its body.
    const clfs = new Map(rowsOf("clfs_2025_q2.csv", "YEAR").filter((r) => r[2] === "").map((r) => [r[1]!, Number(r[5])]));
    const pfs = new Map(rowsOf("pfs_2025_rvu_jan.csv", "HCPCS").filter((r) => r[1] === "").map((r) => [r[0]!, Number(r[11])]));
    expect([clfs.get("85025"), pfs.get("71046")]).toEqual([7.77, 1.01]);
    for (const t of catalog.tests) {
      const [codes, times] = t.code.includes(" x") ? [[t.code.split(" x")[0]!], Number(t.code.split(" x")[1])] : [t.code.split("+"), 1];
      const fromClfs = codes.every((c) => clfs.has(c)) && t.price_source.startsWith("CMS CLFS");
      const cents = codes.reduce((sum, c) => sum + Math.round((fromClfs ? clfs.get(c)! : pfs.get(c)! * 32.3465) * 100), 0) * times;
      expect(cents, `${t.id} (${t.code})`).toBe(Math.round(t.price_usd * 100));
    }
  });
});
