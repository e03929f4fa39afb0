import { Box, Text } from "ink";
import type { DifferentialRow } from "../differential-change.js";
import { bar, clip, percent, points } from "../format.js";
import { useDisplay } from "../hooks/useDisplay.js";

export interface DifferentialBarsProps {
  round: number;
  rows: readonly DifferentialRow[];
  /** Rows the bars may take below the title. */
  maxRows: number;
  width: number;
}

/** The differential as bars, each with its probability and its move since the last round. */
export function DifferentialBars({ round, rows, maxRows, width }: DifferentialBarsProps) {
  const { theme, screenReader } = useDisplay();
  if (rows.length === 0 || maxRows <= 0) return null;
  const shown = rows.length <= maxRows ? rows : rows.slice(0, Math.max(1, maxRows - 1));
  const nameWidth = Math.min(34, Math.max(16, Math.floor(width * 0.38)));
  const barWidth = Math.min(30, Math.max(6, width - nameWidth - 18));
  return (
    <Box flexDirection="column">
      <Text bold>{`Differential, round ${round}`}</Text>
      {shown.map((r) => {
        const move =
          r.change === "new" ? "new" : r.change === "up" ? `▲${points(r.delta)}` : r.change === "down" ? `▼${points(r.delta)}` : r.change === "same" ? "=" : "";
        const moveColour = r.change === "up" || r.change === "new" ? theme.up : r.change === "down" ? theme.down : theme.muted;
        if (screenReader) {
          return <Text key={r.id}>{`${r.name} ${percent(r.p)}${move ? ` (${r.change === "new" ? "new" : r.change === "same" ? "no change" : `${r.change} ${points(r.delta)} points`})` : ""}`}</Text>;
        }
        const { filled, empty } = bar(r.p, barWidth);
        return (
          <Text key={r.id} wrap="truncate-end">
            <Text>{clip(r.name, nameWidth).padEnd(nameWidth)} </Text>
            <Text color={theme.bar}>{filled}</Text>
            <Text>{empty}</Text>
            <Text>{` ${percent(r.p).padStart(5)} `}</Text>
            <Text color={moveColour}>{move}</Text>
          </Text>
        );
      })}
      {rows.length > shown.length ? <Text color={theme.muted}>{`  … ${rows.length - shown.length} more below ${percent(shown.at(-1)!.p)}`}</Text> : null}
    </Box>
  );
}
