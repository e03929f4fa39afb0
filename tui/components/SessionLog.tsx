import { Static, Text } from "ink";
import type { Case } from "../../core/case.js";
import type { FinalReport } from "../final-report.js";
import { useDisplay } from "../hooks/useDisplay.js";
import type { LogItem } from "../session-log.js";
import { FinalReportView } from "./FinalReportView.js";
import { Intro } from "./Intro.js";
import { RoundLogEntry } from "./RoundLogEntry.js";

export interface SessionLogProps {
  items: readonly LogItem[];
  caseFile: Case;
  names: ReadonlyMap<string, string>;
  report: FinalReport | null;
  width: number;
}

/** What is printed once above the live frame and never redrawn: no flicker, however long. */
export function SessionLog({ items, caseFile, names, report, width }: SessionLogProps) {
  const { theme } = useDisplay();
  return (
    <Static items={[...items]}>
      {(item: LogItem) => {
        switch (item.kind) {
          case "intro":
            return <Intro key={item.key} caseFile={caseFile} width={width} />;
          case "round":
            return <RoundLogEntry key={item.key} record={item.record} names={names} width={width} />;
          case "undone":
            return (
              <Text key={item.key} color={theme.newest}>
                {`↶ Undone: back to the review of round ${item.toRound}${item.verdict ? " (the verdict above is withdrawn)" : "; the rounds printed above from there on no longer hold"}.`}
              </Text>
            );
          case "final":
            return report ? <FinalReportView key={item.key} report={report} width={width} /> : <Text key={item.key}> </Text>;
          case "line":
            return <Text key={item.key}>{item.text}</Text>;
        }
      }}
    </Static>
  );
}
