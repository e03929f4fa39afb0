import { z } from "zod";
import { SourceSchema } from "./source.js";

export const TestCategorySchema = z.enum([
  "lab",
  "microbiology",
  "imaging",
  "cardiac",
  "endoscopy",
  "pathology",
  "procedure",
  "bedside",
]);
export type TestCategory = z.infer<typeof TestCategorySchema>;

export const CatalogTestSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/, "lower-case letters, digits and '_'"),
  /** Display name in the team's own words (CPT descriptors are AMA copyright). */
  name: z.string().min(2),
  /** Other ways a physician may write the order; matched case- and punctuation-insensitively. */
  synonyms: z.array(z.string()).default([]),
  category: TestCategorySchema,
  /** HCPCS / CPT code the price was taken from. */
  code: z.string().min(4),
  price_usd: z.number().nonnegative(),
  price_source: SourceSchema,
  /** Returned when the test is ordered for a case that does not list it. */
  normal_result: z.string().min(2),
});
export type CatalogTest = z.infer<typeof CatalogTestSchema>;

export const CatalogFileSchema = z.object({ tests: z.array(CatalogTestSchema).min(1) });

export const VisitFeeFileSchema = z.object({
  visit_fee_usd: z.number().nonnegative(),
  source: SourceSchema,
});

export interface Catalog {
  readonly tests: readonly CatalogTest[];
  readonly byId: ReadonlyMap<string, CatalogTest>;
  readonly visitFeeUsd: number;
  readonly visitFeeSource: string;
}
