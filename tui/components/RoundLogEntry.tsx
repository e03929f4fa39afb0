import { Box, Text } from "ink";
import { actionText } from "../../reports/transcript.js";
import { percent } from "../format.js";
import { usdExact } from "../../output/money.js";
import { useDisplay } from "../hooks/useDisplay.js";
import type { RoundRecord } from "../session-log.js";
import { RevealLine } from "./RevealLine.js";

/** A finished round, printed once above the live frame: the decision, its cost, its findings. */
export function RoundLogEntry({ record, names, width }: { record: RoundRecord; names: ReadonlyMap<string, string>; width: number }) {
  const { theme } = useDisplay();
  const d = record.decision;
  const who = d.decidedBy === "panel" ? "panel" : d.replaced ? "OVERRIDE" : "physician";
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold>{`Round ${record.round} `}</Text>
        <Text color={d.decidedBy === "panel" ? theme.role.chair : theme.newest} bold={d.decidedBy === "physician"}>{`[${who}] `}</Text>
        <Text>{actionText(d.action, names)}</Text>
        <Text color={theme.muted}>{` · ${usdExact(record.chargedUsd)}${record.leader ? ` · leader then: ${record.leader.name} ${percent(record.leader.p)}` : ""}${d.note ? ` · ${d.note}` : ""}`}</Text>
      </Text>
      {d.replaced ? <Text color={theme.muted} wrap="truncate-end">{`  (the panel proposed to ${actionText(d.replaced, names)})`}</Text> : null}
      {record.reveals.map((r, i) => (
        <Box key={i} paddingLeft={2}>
          <RevealLine reveal={r} />
        </Box>
      ))}
    </Box>
  );
}
