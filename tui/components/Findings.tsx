import { Box, Text } from "ink";
import type { Reveal } from "../../core/reveal.js";
import { useDisplay } from "../hooks/useDisplay.js";
import { RevealLine } from "./RevealLine.js";

export interface FindingsProps {
  /** The round the findings answer. */
  round: number;
  reveals: readonly Reveal[];
  /** Rows the section may take below its title. */
  rows: number;
}

/** The newest findings, highlighted; abnormal ones first when they do not all fit. */
export function Findings({ round, reveals, rows }: FindingsProps) {
  const { theme } = useDisplay();
  if (reveals.length === 0 || rows <= 0) return null;
  const shown = reveals.length <= rows ? reveals : [...reveals].sort((a, b) => Number(b.abnormal) - Number(a.abnormal)).slice(0, rows);
  const hidden = reveals.length - shown.length;
  return (
    <Box flexDirection="column">
      <Text bold color={theme.newest} wrap="truncate-end">
        {`New findings (round ${round})${hidden ? ` · ${hidden} more in the log once the next round is answered` : ""}`}
      </Text>
      {shown.map((r, i) => (
        <RevealLine key={i} reveal={r} newest oneRow />
      ))}
    </Box>
  );
}
