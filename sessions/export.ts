import { z } from "zod";
import type { Case } from "../core/case.js";
import type { Catalog } from "../core/catalog.js";
import { oracleCost } from "../core/ledger.js";
import type { SessionValues } from "../graph/state.js";
import { LearnerResultSchema } from "../reports/load.js";
import { renderTranscript, transcriptBlocks } from "../reports/transcript.js";
import { caseResult } from "../runs/result.js";
import { transcriptPage } from "./html.js";
import { jsonText } from "../output/safe-text.js";
import { type SessionRecord, SessionModeSchema } from "./store.js";

export const ExportFormatSchema = z.enum(["md", "json", "html"]);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

/**
 * A finished session as one JSON record: the results-file record (`dxsim report` reads it as a
 * learner's export), plus which session it was, why it was played and where it was forked from.
 * The gatekeeper log inside says which replies were synthetic.
 */
export const SessionExportSchema = LearnerResultSchema.extend({
  session: z.string(),
  mode: SessionModeSchema,
  forkedFrom: z.object({ session: z.string(), round: z.number().int() }).optional(),
});
export type SessionExport = z.infer<typeof SessionExportSchema>;

export interface ExportSource {
  record: SessionRecord;
  caseFile: Case;
  values: SessionValues;
}

export class UnfinishedSessionError extends Error {}

const oracleCostOf = (caseFile: Case, catalog: Catalog): number => oracleCost(caseFile.key_tests, catalog, caseFile.case_tests);

/** `learner` names whose session it is; by default the learner saved with it (`dxsim teach --learner`). */
export function sessionExport({ record, caseFile, values }: ExportSource, catalog: Catalog, learner: string | null = record.learner): SessionExport {
  if (!values.verdict) {
    throw new UnfinishedSessionError(`session ${record.id} has no verdict yet, so it has no results record: finish it with \`dxsim resume ${record.id}\`, or export it as md or html`);
  }
  const result = caseResult(caseFile, values, { ...(record.caseFile ? { file: record.caseFile } : {}), run: 0, oracleCostUsd: oracleCostOf(caseFile, catalog) });
  return {
    ...result,
    ...(learner ? { learner } : {}),
    session: record.id,
    mode: record.mode,
    ...(record.parent ? { forkedFrom: { session: record.parent.id, round: record.parent.round } } : {}),
  };
}

/** The session's audit trail in a format: a Markdown transcript, the JSON record, or an HTML page. */
export function renderExport(format: ExportFormat, source: ExportSource, catalog: Catalog, options: { learner?: string } = {}): string {
  if (format === "json") return `${jsonText(sessionExport(source, catalog, options.learner), 2)}\n`;
  const { id, parent } = source.record;
  const sessionName = parent ? `${id}, forked from ${parent.id} at the review of round ${parent.round}` : id;
  const shown = { sessionName, oracleCostUsd: oracleCostOf(source.caseFile, catalog) };
  if (format === "md") return renderTranscript(source.caseFile, source.values, { format: "markdown", ...shown });
  return transcriptPage(transcriptBlocks(source.caseFile, source.values, { format: "markdown", ...shown }), `dxsim session ${id}`);
}
