import { z } from "zod";
import { SourceSchema, isEstimate } from "./source.js";
import type { FileProblem } from "./data-file.js";

/**
 * Guideline-sourced initial management of one knowledge-base disease: what the offline panel
 * proposes once it has named the disease. Every element carries a source (the entry's unless it
 * names its own); management is never an estimate.
 */
export const ManagementElementSchema = z.object({
  text: z.string().min(3),
  /** Other words for the same act ("appendectomy" for "appendicectomy"). */
  synonyms: z.array(z.string().min(2)).default([]),
  source: SourceSchema.optional(),
});
export type ManagementElement = z.infer<typeof ManagementElementSchema>;

export const DiseaseManagementSchema = z.object({
  disease: z.string().regex(/^[a-z0-9_]+$/),
  /** The guideline the entry follows: authors, society, year, title or journal. */
  source: SourceSchema,
  first_line: z.array(ManagementElementSchema).min(1),
  disposition: ManagementElementSchema,
  monitor: z.array(ManagementElementSchema).default([]),
  avoid: z.array(ManagementElementSchema).default([]),
});
export type DiseaseManagement = z.infer<typeof DiseaseManagementSchema>;

export const ManagementFileSchema = z.object({ management: z.array(DiseaseManagementSchema).min(1) });

/** Every element of an entry with the section it sits in and its effective source. */
export function managementElements(m: DiseaseManagement): { section: "first_line" | "disposition" | "monitor" | "avoid"; element: ManagementElement; source: string }[] {
  const sourced = (section: "first_line" | "disposition" | "monitor" | "avoid") => (element: ManagementElement) => ({ section, element, source: element.source ?? m.source });
  return [
    ...m.first_line.map(sourced("first_line")),
    sourced("disposition")(m.disposition),
    ...m.monitor.map(sourced("monitor")),
    ...m.avoid.map(sourced("avoid")),
  ];
}

/**
 * Problems the schema cannot see: an entry for a disease the knowledge base lacks, two entries
 * for one disease, a source that is an estimate (management must follow a guideline).
 */
export function checkManagement(
  entries: readonly { entry: DiseaseManagement; file: string; index: number }[],
  diseaseIds: ReadonlySet<string>,
): FileProblem[] {
  const problems: FileProblem[] = [];
  const seen = new Set<string>();
  for (const { entry, file, index } of entries) {
    const at = `management[${index}]`;
    if (!diseaseIds.has(entry.disease)) problems.push({ file, field: `${at}.disease`, message: `unknown disease "${entry.disease}"` });
    if (seen.has(entry.disease)) problems.push({ file, field: `${at}.disease`, message: `"${entry.disease}" has management twice` });
    seen.add(entry.disease);
    for (const { section, source } of managementElements(entry)) {
      if (isEstimate(source)) problems.push({ file, field: `${at}.${section}`, message: `"${entry.disease}": management must cite a guideline, not an estimate` });
    }
  }
  return problems;
}
