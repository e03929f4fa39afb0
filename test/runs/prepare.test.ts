import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadCases } from "../../core/case-loader.js";
import { prepareBatch } from "../../runs/prepare.js";
import { bundled } from "../graph/helpers.js";

const { knowledge, cases } = bundled();
const fixture = (name: string) => loadCases([join("test", "fixtures", "bad-cases", name)]).cases;

describe("prepareBatch, what dxsim run plays", () => {
  it("leaves out a case naming a test or knowledge-base id that does not exist, with the reasons, and keeps the others in order", () => {
    const good = [...cases.values()].slice(0, 2).map((c) => ({ file: `${c.id}.yaml`, case: c }));
    const bad = fixture("unknown-test.yaml");
    expect(bad).toHaveLength(1);
    const { runnable, broken, coverage } = prepareBatch([good[0]!, ...bad, good[1]!], knowledge);
    expect(runnable.map((c) => c.case.id)).toEqual(good.map((c) => c.case.id));
    expect(broken.length).toBeGreaterThan(0);
    expect(new Set(broken.map((p) => `${p.file} ${p.kind}`))).toEqual(new Set([`${bad[0]!.file} unknown-test`, `${bad[0]!.file} unknown-kb-id`]));
    expect(broken.some((p) => p.message.includes("magic_scan"))).toBe(true);
    expect([...coverage.keys()]).toEqual(good.map((c) => c.case.id));
  });

  it("codes the facts a case states only in words, and says how much of it the offline brain reads", () => {
    const [plain] = [...cases.values()].map((c) => ({ file: `${c.id}.yaml`, case: { ...c, findings: c.findings.map((f) => ({ ...f, kb: [] })) } }));
    const { runnable, coverage } = prepareBatch([plain!], knowledge);
    const coded = runnable[0]!.case.findings.filter((f) => f.kb.length > 0);
    expect(coded.length).toBeGreaterThan(0);
    expect(coverage.get(plain!.case.id)).toBeDefined();
  });
});
