import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { parseDocument } from "yaml";
import { type Case } from "../../core/case.js";
import { loadCases } from "../../core/case-loader.js";
import { formatProblem } from "../../core/data-file.js";
import { autoCode, coverageLine, type Coverage } from "../../coding/auto.js";
import { codeCase } from "../../coding/coder.js";
import { type FactCoding, type FactRef, linksOf } from "../../coding/facts.js";
import { loadBundledKnowledge } from "../knowledge.js";

interface CodedCase {
  id: string;
  file: string;
  coverage: Coverage;
  facts: (FactCoding & { authorCoded: boolean })[];
}

export function registerCode(program: Command): void {
  program
    .command("code")
    .description("propose knowledge-base finding codes for the plain text of cases, each with the phrase it came from")
    .argument("<paths...>", "case files or folders")
    .option("--write", "add the codes to facts that have none, keeping the file's comments and order")
    .option("--json", "print everything as one JSON object")
    .action((paths: string[], flags: { write?: boolean; json?: boolean }) => {
      process.exitCode = code(paths, flags);
    });
}

function code(paths: string[], flags: { write?: boolean; json?: boolean }): number {
  const { cases, problems } = loadCases(paths);
  for (const p of problems) process.stderr.write(`error: ${formatProblem(p)}\n`);
  const { kb } = loadBundledKnowledge();
  const coded: CodedCase[] = cases.map(({ file, case: c }) => ({
    id: c.id,
    file,
    coverage: autoCode(c, kb).coverage,
    facts: codeCase(c, kb).map((f) => ({ ...f, authorCoded: linksOf(c, f.fact).length > 0 })),
  }));
  if (flags.write) for (const [i, { file, case: c }] of cases.entries()) writeCodes(file, c, coded[i]!.facts);
  if (flags.json) process.stdout.write(`${JSON.stringify({ cases: coded, written: Boolean(flags.write) })}\n`);
  else process.stdout.write(coded.map((c) => formatCoded(c, Boolean(flags.write))).join("\n"));
  return problems.length > 0 || cases.length === 0 ? 1 : 0;
}

function formatCoded(c: CodedCase, written: boolean): string {
  const lines = [`${c.id} (${c.file})`];
  for (const fact of c.facts) {
    const note = fact.authorCoded ? " [already coded by the author: kept]" : written && fact.codes.length > 0 ? " [written]" : "";
    lines.push(`  ${fact.label}${note}`);
    for (const code of fact.codes) lines.push(`    ${code.present ? "+" : "-"} ${code.id}  by ${code.by}: "${code.phrase}"`);
    for (const left of fact.uncoded) lines.push(`    ? uncoded: "${left}"`);
  }
  lines.push(`  ${coverageLine(c.id, c.coverage)}`);
  return `${lines.join("\n")}\n`;
}

const yamlPath = (c: Case, fact: FactRef): (string | number)[] =>
  fact.part === "presentation" ? ["presentation", "kb"] : fact.part === "finding" ? ["findings", c.findings.findIndex((f) => f.id === fact.id), "kb"] : ["tests", fact.id, "kb"];

/** Adds the codes to the facts that have none, through the yaml Document API so comments and key order stay. */
function writeCodes(file: string, c: Case, facts: readonly (FactCoding & { authorCoded: boolean })[]): void {
  const doc = parseDocument(readFileSync(file, "utf8"));
  let changed = false;
  for (const fact of facts) {
    if (fact.authorCoded || fact.codes.length === 0) continue;
    const links = fact.codes.map((code) => (code.present ? { id: code.id } : { id: code.id, present: false }));
    const node = doc.createNode(links, { flow: true });
    doc.setIn(yamlPath(c, fact.fact), node);
    changed = true;
  }
  // No re-wrapping: lines the author wrote on one line stay on one line.
  if (changed) writeFileSync(file, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
}
