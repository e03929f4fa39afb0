import { join } from "node:path";
import { z } from "zod";
import { readDataFile } from "../core/data-file.js";
import type { KnowledgeBase } from "../core/knowledge.js";
import { packageRoot } from "../core/paths.js";
import type { Code } from "./facts.js";

const AgeFindingsSchema = z.object({
  source: z.string().min(10),
  licence: z.string().min(2),
  ages: z.array(z.object({ finding: z.string(), min_age: z.number().int().min(0).max(120) })),
});
type AgeRule = z.infer<typeof AgeFindingsSchema>["ages"][number];

let rules: readonly AgeRule[] | undefined;
const ageRules = (): readonly AgeRule[] => (rules ??= readDataFile(join(packageRoot, "coding/age-findings.yaml"), AgeFindingsSchema).ages);

/** The findings the patient's age settles (coding/age-findings.yaml), present at or above each bound, absent below it. */
export const ageCodes = (age: number | undefined, kb: KnowledgeBase): Code[] =>
  age === undefined
    ? []
    : ageRules()
        .filter((r) => kb.findingById.has(r.finding))
        .map((r) => ({ id: r.finding, present: age >= r.min_age, phrase: `aged ${age}`, by: "age" }));
