import { z } from "zod";
import { ComplaintSchema, SettingSchema } from "./complaint.js";
import type { DiseaseManagement } from "./management.js";
import { SourceSchema } from "./source.js";
import type { CaseMix } from "./case-mix.js";
import type { Decisive, Eligibility, Harm, Specimen, TimeCritical } from "./clinical-rules.js";

const Probability = z.number().gt(0).lt(1);

/** A symptom, history item, sign or test result the engine reasons about. */
export const FindingDefSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  name: z.string().min(2),
  kind: z.enum(["symptom", "history", "sign", "test"]),
  /** How the panel asks about it (symptom, history, sign); tests are ordered instead. */
  question: z.string().optional(),
  /** Words a free-text question or a case item may use for it. */
  topics: z.array(z.string()).min(1),
  /** Catalog test ids whose result reveals it (kind "test"; signs may also list one). */
  tests: z.array(z.string()).default([]),
  /** DDXPlus evidence code this finding corresponds to (CC-BY 4.0, Fansi Tchango et al. 2022). */
  ddxplus: z.string().optional(),
  /** P(finding) in patients at large with the complaint: used for every disease that does not
   *  list the finding (a common finding is no evidence against them); defaults to the leak. */
  base_rate: Probability.optional(),
  base_rate_source: SourceSchema.optional(),
  /** A fact about the patient, not a feature of a disease (the age): "another diagnosis" takes
   *  its base rate, as often as patients with the complaint have it, not the candidates' mean. */
  of_patient: z.boolean().optional(),
});
export type FindingDef = z.infer<typeof FindingDefSchema>;

export const LikelihoodSchema = z.object({
  id: z.string(),
  /** P(finding present | disease). */
  p: Probability,
  source: SourceSchema,
});
export type Likelihood = z.infer<typeof LikelihoodSchema>;

export const DiseaseSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  name: z.string().min(2),
  icd10: z.string().regex(/^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/),
  synonyms: z.array(z.string()).default([]),
  presentations: z.array(ComplaintSchema).min(1),
  /** Relative frequency among patients with these complaints, per setting. */
  prior: z.object({ emergency: Probability, clinic: Probability, source: SourceSchema }),
  cant_miss: z.boolean(),
  findings: z.array(LikelihoodSchema).min(1),
});
export type Disease = z.infer<typeof DiseaseSchema>;

/** A test a guideline asks for in every patient with the complaint, whatever the leading diagnosis. */
export const StandardTestSchema = z.object({
  complaint: ComplaintSchema,
  /** Only in this setting; every setting when absent. */
  setting: SettingSchema.optional(),
  /** Catalog test id. */
  test: z.string(),
  source: SourceSchema,
});
export type StandardTest = z.infer<typeof StandardTestSchema>;

/** Questions a guideline asks of every patient with the complaint (its red flags), whatever the leading diagnosis. */
export const StandardQuestionsSchema = z.object({
  complaint: ComplaintSchema,
  /** Only in this setting; every setting when absent. */
  setting: SettingSchema.optional(),
  /** Knowledge-base finding ids, each with a question. */
  findings: z.array(z.string()).min(1),
  source: SourceSchema,
});
export type StandardQuestions = z.infer<typeof StandardQuestionsSchema>;

/**
 * Tests that wait for another in some patients: ionising imaging waits for a pregnancy test in a
 * woman who may be pregnant. Done once one of `needs` was ordered, or once a finding in
 * `settled_by` is known either way.
 */
export const PrerequisiteSchema = z.object({
  /** Catalog test ids that wait. */
  tests: z.array(z.string()).min(1),
  /** Catalog test ids, any one of which must come first; the first affordable is ordered. */
  needs: z.array(z.string()).min(1),
  sex: z.enum(["female", "male"]).optional(),
  min_age: z.number().int().min(0).max(120).optional(),
  max_age: z.number().int().min(0).max(120).optional(),
  settled_by: z.array(z.string()).default([]),
  reason: z.string().min(10),
  source: SourceSchema,
});
export type Prerequisite = z.infer<typeof PrerequisiteSchema>;

/**
 * The symptom a presenting complaint states (a cough complaint states a cough): the panel never
 * asks about it, and it is no evidence on top of the complaint, whose case-mix priors already
 * condition on it.
 */
export const ComplaintFindingSchema = z.object({
  complaint: ComplaintSchema,
  /** Knowledge-base finding id. */
  finding: z.string(),
  source: SourceSchema,
});
export type ComplaintFinding = z.infer<typeof ComplaintFindingSchema>;

export const KnowledgeMetaSchema = z.object({
  /** P(finding | disease) for a finding the disease does not list. */
  leak: Probability,
  leak_source: SourceSchema,
  /** Prior mass for "another diagnosis, outside the knowledge base". */
  other_prior: Probability,
  other_prior_source: SourceSchema,
  standard_tests: z.array(StandardTestSchema).default([]),
  standard_questions: z.array(StandardQuestionsSchema).default([]),
  complaint_findings: z.array(ComplaintFindingSchema).default([]),
  prerequisites: z.array(PrerequisiteSchema).default([]),
});

/** Findings that are not independent given the disease: counted with a discount (reasoning/finding-groups.ts). */
export const FindingGroupSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  findings: z.array(z.string()).min(2),
  /** 0: the group counts as its average member; 1: as independent findings. */
  independence: z.number().min(0).max(1),
  source: SourceSchema,
});
export type FindingGroup = z.infer<typeof FindingGroupSchema>;
export const FindingGroupsFileSchema = z.object({ groups: z.array(FindingGroupSchema) });

export const FindingsFileSchema = z.object({ findings: z.array(FindingDefSchema).min(1) });
export const DiseasesFileSchema = z.object({ diseases: z.array(DiseaseSchema).min(1) });

export interface KnowledgeBase {
  readonly diseases: readonly Disease[];
  readonly findings: readonly FindingDef[];
  readonly diseaseById: ReadonlyMap<string, Disease>;
  readonly findingById: ReadonlyMap<string, FindingDef>;
  readonly leak: number;
  readonly otherPrior: number;
  readonly standardTests: readonly StandardTest[];
  /** Red-flag questions due for every patient with a complaint (meta.yaml). */
  readonly standardQuestions: readonly StandardQuestions[];
  /** The symptom each complaint states (meta.yaml). */
  readonly complaintFindings: readonly ComplaintFinding[];
  /** Tests that wait for another in some patients (meta.yaml). */
  readonly prerequisites: readonly Prerequisite[];
  /** Guideline-sourced initial management, by disease id (scenarios/knowledge/management). */
  readonly management: ReadonlyMap<string, DiseaseManagement>;
  /** Who can have a disease at all (eligibility.yaml). */
  readonly eligibility: readonly Eligibility[];
  /** Tests contraindicated while a diagnosis is live (harms.yaml). */
  readonly harms: readonly Harm[];
  /** Specimen analyses and the procedures that yield them (specimens.yaml). */
  readonly specimens: readonly Specimen[];
  /** Tests that go first while a time-critical diagnosis is live (time-critical.yaml). */
  readonly timeCritical: readonly TimeCritical[];
  readonly findingGroups: readonly FindingGroup[];
  /** Findings that settle a diagnosis (decisive.yaml). */
  readonly decisive: readonly Decisive[];
  /** Published final-diagnosis shares per complaint, setting, age band and sex (case-mix.yaml). */
  readonly caseMix: readonly CaseMix[];
}

/** A knowledge base over its diseases and findings, indexed by id. */
export const knowledgeBase = (
  diseases: readonly Disease[],
  findings: readonly FindingDef[],
  meta: Pick<KnowledgeBase, "leak" | "otherPrior"> & Partial<Pick<KnowledgeBase, "standardTests" | "standardQuestions" | "complaintFindings" | "prerequisites" | "eligibility" | "harms" | "specimens" | "timeCritical" | "findingGroups" | "decisive" | "caseMix">> & { management?: readonly DiseaseManagement[] },
): KnowledgeBase => ({
  diseases,
  findings,
  diseaseById: new Map(diseases.map((d) => [d.id, d])),
  findingById: new Map(findings.map((f) => [f.id, f])),
  leak: meta.leak,
  otherPrior: meta.otherPrior,
  standardTests: meta.standardTests ?? [],
  standardQuestions: meta.standardQuestions ?? [],
  complaintFindings: meta.complaintFindings ?? [],
  prerequisites: meta.prerequisites ?? [],
  management: new Map((meta.management ?? []).map((m) => [m.disease, m])),
  eligibility: meta.eligibility ?? [],
  harms: meta.harms ?? [],
  specimens: meta.specimens ?? [],
  timeCritical: meta.timeCritical ?? [],
  findingGroups: meta.findingGroups ?? [],
  decisive: meta.decisive ?? [],
  caseMix: meta.caseMix ?? [],
});

export const OTHER_DIAGNOSIS = "other";
