import { Box, Text } from "ink";
import { type FinalReport, oracleRatio } from "../final-report.js";
import { clip } from "../format.js";
import { usdExact } from "../../output/money.js";
import { useDisplay } from "../hooks/useDisplay.js";

/** The end of the session: the verdict, the truth, the money, the path, the teaching points. */
export function FinalReportView({ report, width }: { report: FinalReport; width: number }) {
  const { theme } = useDisplay();
  const v = report.verdict;
  const ratio = oracleRatio(report);
  const labelWidth = Math.min(40, Math.max(16, width - 24));
  return (
    <Box flexDirection="column" width={width} marginTop={1}>
      <Text bold color={v.correct ? theme.good : theme.alert}>{`Verdict ${v.score}/5 · ${v.correct ? "correct" : "not correct"}`}</Text>
      <Text>{v.reason}</Text>
      <Text>
        <Text>{"Your diagnosis: "}</Text>
        <Text bold>{report.diagnosis.guess.name}</Text>
        <Text color={theme.muted}>{` (${report.diagnosis.decidedBy === "panel" ? "the panel's, approved" : "yours"}, round ${report.diagnosis.round}${report.diagnosis.forced ? `, forced by the ${report.diagnosis.forced === "budget" ? "budget" : "round limit"}` : ""})`}</Text>
      </Text>
      <Text>
        <Text>{"True diagnosis: "}</Text>
        <Text bold>{`${report.truth.name}${report.truth.icd10 ? ` (${report.truth.icd10})` : ""}`}</Text>
      </Text>
      <Text color={theme.muted}>{`Case: ${report.title}`}</Text>

      <Text bold>{"\nCost"}</Text>
      {report.costs.map((c, i) => (
        <Text key={i} wrap="truncate-end">{`  ${clip(c.label, labelWidth).padEnd(labelWidth)} round ${String(c.round).padStart(2)} ${usdExact(c.usd).padStart(10)}`}</Text>
      ))}
      <Text bold wrap="truncate-end">{`  ${"Total".padEnd(labelWidth)}          ${usdExact(report.totalUsd).padStart(10)}`}</Text>
      <Box paddingLeft={2}>
        <Text>{`${report.visits === 0 ? "No" : report.visits} visit${report.visits === 1 ? "" : "s"}; budget ${usdExact(report.budgetUsd)}. Oracle cost ${usdExact(report.oracleCostUsd)} (the case's minimal confirmatory tests)${ratio === null ? "" : `: this session cost ${ratio.toFixed(1)}× that`}.`}</Text>
      </Box>

      <Text bold>{"\nPath"}</Text>
      {report.path.map((s) => (
        <Box key={s.round}>
          <Text>{`  ${String(s.round).padStart(2)}  `}</Text>
          <Text color={s.decidedBy === "panel" ? theme.role.chair : theme.newest} bold={s.override}>
            {s.decidedBy === "panel" ? "panel     " : s.override ? "OVERRIDE  " : "physician "}
          </Text>
          <Box flexShrink={1}>
            <Text>
              <Text>{s.text}</Text>
              <Text color={theme.muted}>{`${s.replaced ? ` (instead of: ${s.replaced})` : ""}${s.forced ? ` (forced: ${s.forced})` : ""}${s.note ? ` (${s.note})` : ""}`}</Text>
            </Text>
          </Box>
        </Box>
      ))}

      {report.treatment.length ? <Text bold>{"\nTreatment"}</Text> : null}
      {report.treatment.map((line, i) => (
        <Text key={`t${i}`} wrap="wrap">{`  ${line}`}</Text>
      ))}

      {report.teachingPoints.length ? <Text bold>{"\nTeaching points"}</Text> : null}
      {report.teachingPoints.map((t, i) => (
        <Box key={i} paddingLeft={2}>
          <Text>{"• "}</Text>
          <Box flexShrink={1}>
            <Text>{t}</Text>
          </Box>
        </Box>
      ))}
    </Box>
  );
}
