import { Box, Text } from "ink";
import type { Reveal } from "../../core/reveal.js";
import { findingsThatFit } from "../finding-rows.js";
import { useDisplay } from "../hooks/useDisplay.js";
import { RevealLine } from "./RevealLine.js";

export interface FindingsProps {
  /** The round the findings answer. */
  round: number;
  reveals: readonly Reveal[];
  /** Rows the section may take below its title. */
  rows: number;
  /** The column's width: findings wrap to it, each whole, rather than being cut to one row. */
  width: number;
}

/** The newest findings, highlighted and wrapped; abnormal ones first when they do not all fit. */
export function Findings({ round, reveals, rows, width }: FindingsProps) {
  const { theme } = useDisplay();
  if (reveals.length === 0 || rows <= 0) return null;
  const { shown, cut } = findingsThatFit(reveals, rows, width);
  const hidden = reveals.length - shown.length;
  const lines = shown.map((r, i) => <RevealLine key={i} reveal={r} newest />);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.newest} wrap="truncate-end">
        {`New findings (round ${round})${hidden ? ` · ${hidden} more in the log once the next round is answered` : ""}${cut ? " · cut to the screen: see the log" : ""}`}
      </Text>
      {cut ? (
        <Box flexDirection="column" height={rows} overflow="hidden">
          {lines}
        </Box>
      ) : (
        lines
      )}
    </Box>
  );
}
