import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../core/catalog-loader.js";
import { normaliseOrder, type OrderResolution, OrderResolutionSchema, resolveOrder, splitOrders } from "../../core/orders.js";

const catalog = loadCatalog();
const order = (text: string, extra?: Parameters<typeof resolveOrder>[2]) => resolveOrder(catalog, text, extra);
const ids = (r: OrderResolution): string[] =>
  r.kind === "match" ? [r.test.id] : r.kind === "ambiguous" ? r.candidates.map((c) => c.id) : r.closest.map((c) => c.id);

describe("normalising an order", () => {
  it("drops case, punctuation and the words of the request", () => {
    expect(normaliseOrder("Please order a CBC, STAT!")).toBe("cbc");
    expect(normaliseOrder("CT scan of the head")).toBe("ct head");
    expect(normaliseOrder("U&E")).toBe("u e");
  });

  it("brings spellings, plurals and abbreviations of a word to one form", () => {
    expect(normaliseOrder("Haemoglobin A1c")).toBe("hemoglobin a1c");
    expect(normaliseOrder("chest X-rays")).toBe("chest xray");
    expect(normaliseOrder("u/s abdo")).toBe("ultrasound abdomen");
    expect(normaliseOrder("CT head w/o contrast")).toBe("ct head noncontrast");
    expect(normaliseOrder("blood cultures")).toBe("blood culture");
  });

  it("drops laterality and bedside words that do not change the test", () => {
    expect(normaliseOrder("portable X-ray of the left knee")).toBe("xray knee");
  });

  it("joins a short code to its number", () => {
    expect(normaliseOrder("CA-125")).toBe("ca125");
    expect(normaliseOrder("vitamin B 12")).toBe("vitamin b12");
    expect(normaliseOrder("troponin in 3 hours")).toBe("troponin 3 hour");
  });

  it("keeps a letter that is part of a test's name", () => {
    expect(normaliseOrder("a hep A screen")).toBe("hep a screen");
    expect(normaliseOrder("group A strep antigen")).toBe("group a strep antigen");
  });
});

describe("resolving a free-text order", () => {
  it("knows the full blood count under all its names", () => {
    for (const text of ["cbc", "CBC", "full blood count", "FBC", "complete blood count with differential", "cbc w/ diff", "a CBC please"]) {
      expect(order(text), text).toEqual({ kind: "match", test: { id: "cbc", name: "Complete blood count with differential" } });
    }
  });

  it("matches whatever the word order", () => {
    for (const text of ["head ct", "ct head", "CT of the head", "non-contrast CT brain", "cat scan head"]) expect(ids(order(text)), text).toEqual(["ct_head"]);
    expect(ids(order("x-ray of the chest"))).toEqual(["cxr"]);
    expect(ids(order("abdominal ultrasound"))).toEqual(["us_abdomen"]);
  });

  it("takes a catalog id as written", () => {
    expect(ids(order("ct_abdomen_pelvis"))).toEqual(["ct_abdomen_pelvis"]);
    expect(ids(order("PT_INR"))).toEqual(["pt_inr"]);
  });

  it("forgives a typing slip and extra words that name no other test", () => {
    expect(ids(order("troponn"))).toEqual(["troponin"]);
    expect(ids(order("urinalsyis"))).toEqual(["urinalysis"]);
    expect(ids(order("serum lipase level"))).toEqual(["lipase"]);
    expect(ids(order("repeat troponin in 3 hours"))).toEqual(["troponin"]);
  });

  it("calls a bare modality ambiguous and lists the tests it could be", () => {
    const ct = order("ct");
    expect(ct.kind).toBe("ambiguous");
    expect(ids(ct)).toEqual(expect.arrayContaining(["ct_head", "ct_chest", "ct_abdomen_pelvis"]));
    expect(ids(ct).every((id) => id.startsWith("ct"))).toBe(true);
    expect(order("mri").kind).toBe("ambiguous");
    expect(ids(order("hcg"))).toEqual(["urine_hcg", "serum_hcg"]);
  });

  it("never picks one of two tests written together", () => {
    expect(order("cbc cmp")).toMatchObject({ kind: "ambiguous" });
    expect(ids(order("cbc cmp")).sort()).toEqual(["cbc", "cmp"]);
    expect(ids(order("ct abdomen and pelvis and lipase"))).toEqual(["ct_abdomen_pelvis", "lipase"]);
  });

  it("refuses a vague request rather than guess", () => {
    expect(order("blood test").kind).toBe("ambiguous");
    expect(order("urine").kind).toBe("ambiguous");
    expect(order("labs").kind).toBe("unknown");
  });

  it("does not turn a different kind of study into the nearest catalog test", () => {
    expect(order("ct coronary angiography").kind).not.toBe("match");
    expect(order("sleep diary").kind).not.toBe("match");
    expect(order("CA 19-9").kind).not.toBe("match");
  });

  it("holds the order and the test to the same specimen", () => {
    expect(order("wbc in stool").kind).not.toBe("match");
    expect(order("gram stain").kind).not.toBe("match");
    expect(ids(order("gram stain"))).toEqual(expect.arrayContaining(["sputum_culture", "csf_culture"]));
    expect(ids(order("sputum gram stain"))).toEqual(["sputum_culture"]);
    expect(ids(order("CSF glucose"))).toEqual(["csf_analysis"]);
  });

  it("says a test is unknown and offers the three closest", () => {
    const unicorn = order("unicorn scan");
    expect(unicorn.kind).toBe("unknown");
    expect(ids(unicorn)).toHaveLength(3);
    expect(ids(unicorn)).toContain("bone_scan");
    expect(order("please")).toEqual({ kind: "unknown", closest: [] });
  });

  it("matches a case's own tests, by name, synonym or slip", () => {
    const extra = [{ id: "tensilon", name: "Edrophonium test", synonyms: ["tensilon test"] }];
    expect(ids(order("edrophonium test", extra))).toEqual(["tensilon"]);
    expect(ids(order("Tensilon", extra))).toEqual(["tensilon"]);
    expect(ids(order("edrophonim", extra))).toEqual(["tensilon"]);
    expect(order("tensilon").kind).toBe("unknown");
  });

  it("offers a case test named like a catalog test beside it, and prefers neither", () => {
    const twin = [{ id: "achr_case", name: "Acetylcholine receptor antibodies", synonyms: [] }];
    expect(order("acetylcholine receptor antibodies", twin)).toEqual({
      kind: "ambiguous",
      candidates: [
        { id: "achr_antibody", name: "Acetylcholine receptor antibodies" },
        { id: "achr_case", name: "Acetylcholine receptor antibodies" },
      ],
    });
  });

  it("returns plain data its schema accepts", () => {
    for (const text of ["cbc", "ct", "unicorn scan"]) expect(OrderResolutionSchema.parse(order(text))).toEqual(order(text));
  });
});

describe("splitting a line of orders", () => {
  it("cuts at commas, semicolons, plus signs and 'and'", () => {
    expect(splitOrders(catalog, "cbc, cmp and troponin")).toEqual(["cbc", "cmp", "troponin"]);
    expect(splitOrders(catalog, "ECG; CXR + lipase\nurinalysis")).toEqual(["ECG", "CXR", "lipase", "urinalysis"]);
  });

  it("keeps 'and' inside a test's own name", () => {
    expect(splitOrders(catalog, "CT abdomen and pelvis and lipase")).toEqual(["CT abdomen and pelvis", "lipase"]);
    expect(splitOrders(catalog, "thick and thin films, blood cultures")).toEqual(["thick and thin films", "blood cultures"]);
    expect(splitOrders(catalog, "C3 & C4")).toEqual(["C3 and C4"]);
  });

  it("drops pieces with nothing to order", () => {
    expect(splitOrders(catalog, "cbc, please, , and lactate")).toEqual(["cbc", "lactate"]);
  });
});
