import { existsSync } from "node:fs";
import { join } from "node:path";
import { CaseMixFileSchema } from "./case-mix.js";
import { DecisiveFileSchema, EligibilityFileSchema, HarmsFileSchema, SpecimensFileSchema, TimeCriticalFileSchema } from "./clinical-rules.js";
import { type FileProblem, readDataFile, dataFilesIn } from "./data-file.js";
import {
  DiseasesFileSchema,
  FindingGroupsFileSchema,
  FindingsFileSchema,
  KnowledgeMetaSchema,
  type Disease,
  type FindingDef,
  type KnowledgeBase,
  knowledgeBase,
} from "./knowledge.js";
import { type DiseaseManagement, ManagementFileSchema, checkManagement } from "./management.js";
import { knowledgeDir } from "./paths.js";
import { type CappedEstimate, capEstimates } from "./estimate-cap.js";
import { boilerplateReason } from "./source-quality.js";

/** A knowledge base that remembers which file each disease and finding came from. */
export interface LoadedKnowledge extends KnowledgeBase {
  readonly diseaseFiles: ReadonlyMap<Disease, string>;
  readonly findingsFile: string;
  /** Each management entry with its file and place in it, for validate's messages. */
  readonly managementEntries: readonly { entry: DiseaseManagement; file: string; index: number }[];
  /** Estimates whose stated p the loader capped (see estimate-cap.ts). */
  readonly capped: readonly CappedEstimate[];
}

/** The fewest diseases a presentation needs for a differential worth reasoning over. */
export const MIN_DISEASES_PER_PRESENTATION = 3;

/**
 * Reads meta.yaml, findings.yaml and every diseases/*.yaml under `dir`. Schema errors throw a
 * DataFileError with file, line and field; cross-references are left to checkKnowledge so a
 * validator can report them all at once.
 */
export function loadKnowledge(dir: string = knowledgeDir): LoadedKnowledge {
  const meta = readDataFile(join(dir, "meta.yaml"), KnowledgeMetaSchema);
  const findingsFile = join(dir, "findings.yaml");
  const { findings } = readDataFile(findingsFile, FindingsFileSchema);
  const stated: Disease[] = [];
  const files: string[] = [];
  for (const file of dataFilesIn(join(dir, "diseases"))) {
    for (const disease of readDataFile(file, DiseasesFileSchema).diseases) {
      stated.push(disease);
      files.push(file);
    }
  }
  // Estimates are capped here, once, so every part of the engine sees the same numbers.
  const { diseases, capped } = capEstimates(stated, new Map(findings.map((f) => [f.id, f])), meta.leak);
  const groupsFile = join(dir, "finding-groups.yaml");
  const findingGroups = existsSync(groupsFile) ? readDataFile(groupsFile, FindingGroupsFileSchema).groups : [];
  // Management is optional: a knowledge base without it still diagnoses, its plans say so.
  const managementDir = join(dir, "management");
  const managementEntries = existsSync(managementDir)
    ? dataFilesIn(managementDir).flatMap((file) => readDataFile(file, ManagementFileSchema).management.map((entry, index) => ({ entry, file, index })))
    : [];
  const management = managementEntries.map((m) => m.entry);
  // The clinical-rule files are optional: a knowledge base without them has no such rules.
  const optional = <T>(name: string, read: (file: string) => T): T | undefined => {
    const file = join(dir, name);
    return existsSync(file) ? read(file) : undefined;
  };
  const eligibility = optional("eligibility.yaml", (f) => readDataFile(f, EligibilityFileSchema).eligibility) ?? [];
  const harms = optional("harms.yaml", (f) => readDataFile(f, HarmsFileSchema).harms) ?? [];
  const specimens = optional("specimens.yaml", (f) => readDataFile(f, SpecimensFileSchema).specimens) ?? [];
  const decisive = optional("decisive.yaml", (f) => readDataFile(f, DecisiveFileSchema).decisive) ?? [];
  const timeCritical = optional("time-critical.yaml", (f) => readDataFile(f, TimeCriticalFileSchema).time_critical) ?? [];
  const caseMix = optional("case-mix.yaml", (f) => readDataFile(f, CaseMixFileSchema).case_mix) ?? [];
  return {
    ...knowledgeBase(diseases, findings, { leak: meta.leak, otherPrior: meta.other_prior, standardTests: meta.standard_tests, standardQuestions: meta.standard_questions, complaintFindings: meta.complaint_findings, prerequisites: meta.prerequisites, management, eligibility, harms, specimens, timeCritical, findingGroups, decisive, caseMix }),
    diseaseFiles: new Map(diseases.map((d, i) => [d, files[i]!])),
    findingsFile,
    managementEntries,
    capped,
  };
}


/**
 * Cross-reference problems the schemas cannot see: duplicate ids, likelihoods naming unknown
 * findings, findings revealed by tests the catalog lacks, presentations too thin to reason on.
 */
export function checkKnowledge(kb: KnowledgeBase | LoadedKnowledge, catalogTestIds: ReadonlySet<string>): FileProblem[] {
  const diseaseFile = (d: Disease): string => ("diseaseFiles" in kb ? kb.diseaseFiles.get(d) : undefined) ?? "diseases";
  const findingsFile = "findingsFile" in kb ? kb.findingsFile : "findings.yaml";
  const problems: FileProblem[] = [];

  const seenFindings = new Set<string>();
  kb.findings.forEach((f: FindingDef, i) => {
    if (seenFindings.has(f.id)) {
      problems.push({ file: findingsFile, field: `findings[${i}].id`, message: `duplicate finding id "${f.id}"` });
    }
    seenFindings.add(f.id);
    f.tests.forEach((t, j) => {
      if (!catalogTestIds.has(t)) {
        problems.push({ file: findingsFile, field: `findings[${i}].tests[${j}]`, message: `"${f.id}" names unknown catalog test "${t}"` });
      }
    });
    if (f.kind === "test" && f.tests.length === 0) {
      problems.push({ file: findingsFile, field: `findings[${i}].tests`, message: `test finding "${f.id}" names no catalog test that reveals it` });
    }
    if (f.kind !== "test" && !f.question) {
      problems.push({ file: findingsFile, field: `findings[${i}].question`, message: `"${f.id}" needs a question the panel can ask` });
    }
  });

  const seenDiseases = new Set<string>();
  const indexInFile = new Map<string, number>();
  const byPresentation = new Map<string, number>();
  for (const d of kb.diseases) {
    const file = diseaseFile(d);
    const i = indexInFile.get(file) ?? 0;
    indexInFile.set(file, i + 1);
    if (seenDiseases.has(d.id)) {
      problems.push({ file, field: `diseases[${i}].id`, message: `duplicate disease id "${d.id}"` });
    }
    seenDiseases.add(d.id);
    const listed = new Set<string>();
    d.findings.forEach((l, j) => {
      if (!kb.findingById.has(l.id)) {
        problems.push({ file, field: `diseases[${i}].findings[${j}].id`, message: `"${d.id}" names unknown finding "${l.id}"` });
      }
      if (listed.has(l.id)) {
        problems.push({ file, field: `diseases[${i}].findings[${j}].id`, message: `"${d.id}" lists finding "${l.id}" twice` });
      }
      listed.add(l.id);
      const weak = boilerplateReason(l.source);
      if (weak) problems.push({ file, field: `diseases[${i}].findings[${j}].source`, message: `"${d.id}" / "${l.id}": ${weak}` });
    });
    const weakPrior = boilerplateReason(d.prior.source);
    if (weakPrior) problems.push({ file, field: `diseases[${i}].prior.source`, message: `"${d.id}": ${weakPrior}` });
    for (const p of d.presentations) byPresentation.set(p, (byPresentation.get(p) ?? 0) + 1);
  }
  kb.findingGroups.forEach((g, i) => {
    g.findings.forEach((id, j) => {
      if (!kb.findingById.has(id)) {
        problems.push({ file: "finding-groups.yaml", field: `groups[${i}].findings[${j}]`, message: `group "${g.id}" names unknown finding "${id}"` });
      }
    });
    const weak = boilerplateReason(g.source);
    if (weak) problems.push({ file: "finding-groups.yaml", field: `groups[${i}].source`, message: `group "${g.id}": ${weak}` });
  });
  kb.standardTests.forEach((t, i) => {
    if (!catalogTestIds.has(t.test)) {
      problems.push({ file: "meta.yaml", field: `standard_tests[${i}].test`, message: `unknown catalog test "${t.test}"` });
    }
  });
  kb.standardQuestions.forEach((q, i) => {
    q.findings.forEach((id, j) => {
      if (!kb.findingById.get(id)?.question) {
        problems.push({ file: "meta.yaml", field: `standard_questions[${i}].findings[${j}]`, message: `"${id}" is not a knowledge-base finding with a question` });
      }
    });
  });
  kb.complaintFindings.forEach((c, i) => {
    if (!kb.findingById.get(c.finding)?.question) {
      problems.push({ file: "meta.yaml", field: `complaint_findings[${i}].finding`, message: `"${c.finding}" is not a knowledge-base finding with a question` });
    }
  });
  kb.prerequisites.forEach((r, i) => {
    [...r.tests, ...r.needs].forEach((id) => {
      if (!catalogTestIds.has(id)) problems.push({ file: "meta.yaml", field: `prerequisites[${i}]`, message: `unknown catalog test "${id}"` });
    });
    r.settled_by.forEach((id) => {
      if (!kb.findingById.has(id)) problems.push({ file: "meta.yaml", field: `prerequisites[${i}].settled_by`, message: `unknown finding "${id}"` });
    });
  });
  if ("managementEntries" in kb) problems.push(...checkManagement(kb.managementEntries, seenDiseases));
  problems.push(...checkClinicalRules(kb, catalogTestIds));
  for (const [presentation, count] of byPresentation) {
    if (count < MIN_DISEASES_PER_PRESENTATION) {
      problems.push({
        file: "diseases",
        field: "presentations",
        message: `presentation "${presentation}" has ${count} disease(s); at least ${MIN_DISEASES_PER_PRESENTATION} are needed`,
      });
    }
  }
  return problems;
}

/** Cross-references of the clinical-rule files: every disease, finding and test they name exists. */
function checkClinicalRules(kb: KnowledgeBase, catalogTestIds: ReadonlySet<string>): FileProblem[] {
  const problems: FileProblem[] = [];
  const disease = (file: string, field: string, id: string) => {
    if (!kb.diseaseById.has(id)) problems.push({ file, field, message: `unknown disease "${id}"` });
  };
  const finding = (file: string, field: string, id: string) => {
    if (!kb.findingById.has(id)) problems.push({ file, field, message: `unknown finding "${id}"` });
  };
  const test = (file: string, field: string, id: string) => {
    if (!catalogTestIds.has(id)) problems.push({ file, field, message: `unknown catalog test "${id}"` });
  };
  kb.eligibility.forEach((e, i) => {
    disease("eligibility.yaml", `eligibility[${i}].disease`, e.disease);
    if (e.min_age !== undefined && e.max_age !== undefined && e.min_age > e.max_age) {
      problems.push({ file: "eligibility.yaml", field: `eligibility[${i}]`, message: `min_age ${e.min_age} is above max_age ${e.max_age}` });
    }
  });
  kb.harms.forEach((h, i) => {
    test("harms.yaml", `harms[${i}].test`, h.test);
    h.diseases.forEach((d, j) => disease("harms.yaml", `harms[${i}].diseases[${j}]`, d));
    h.findings.forEach((f, j) => finding("harms.yaml", `harms[${i}].findings[${j}]`, f));
    h.unless_done.forEach((t, j) => test("harms.yaml", `harms[${i}].unless_done[${j}]`, t));
  });
  kb.decisive.forEach((d, i) => {
    finding("decisive.yaml", `decisive[${i}].finding`, d.finding);
    disease("decisive.yaml", `decisive[${i}].disease`, d.disease);
  });
  kb.timeCritical.forEach((t, i) => {
    disease("time-critical.yaml", `time_critical[${i}].disease`, t.disease);
    test("time-critical.yaml", `time_critical[${i}].test`, t.test);
  });
  kb.specimens.forEach((s, i) => {
    test("specimens.yaml", `specimens[${i}].analysis`, s.analysis);
    s.procedures.forEach((t, j) => test("specimens.yaml", `specimens[${i}].procedures[${j}]`, t));
  });
  kb.caseMix.forEach((t, i) => {
    t.strata.forEach((s, j) =>
      s.shares.forEach((share, k) =>
        share.diseases.forEach((id, m) => {
          const field = `case_mix[${i}].strata[${j}].shares[${k}].diseases[${m}]`;
          const d = kb.diseaseById.get(id);
          if (!d) problems.push({ file: "case-mix.yaml", field, message: `unknown disease "${id}"` });
          else if (!d.presentations.includes(t.complaint)) {
            problems.push({ file: "case-mix.yaml", field, message: `"${id}" does not list presentation "${t.complaint}", so its share would never be used` });
          }
        }),
      ),
    );
  });
  return problems;
}
