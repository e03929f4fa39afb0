import { Text } from "ink";
import { useDisplay } from "../hooks/useDisplay.js";

export interface StatusLineProps {
  /** What the panel is doing ("the panel is debating round 2…"), if anything. */
  activity: string | null;
  notice: string | null;
  error: string | null;
}

/** One row: an error first, then a notice, then what the panel is doing. */
export function StatusLine({ activity, notice, error }: StatusLineProps) {
  const { theme } = useDisplay();
  if (error) return <Text color={theme.alert} wrap="truncate-end">{`Error: ${error}`}</Text>;
  if (notice) return <Text color={theme.newest} wrap="truncate-end">{notice}</Text>;
  if (activity) return <Text color={theme.muted} wrap="truncate-end">{activity}</Text>;
  return <Text> </Text>;
}
