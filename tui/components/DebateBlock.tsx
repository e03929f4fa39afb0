import { Box, Text } from "ink";
import type { DebateMessage } from "../../agents/debate.js";
import { type PanelRole, ROLE_TITLES } from "../../agents/roles.js";
import { roleDetails, roleSummary } from "../../reports/transcript.js";
import { useDisplay } from "../hooks/useDisplay.js";

export interface DebateBlockProps {
  role: PanelRole;
  /** Null while the role has not spoken yet. */
  message: DebateMessage | null;
  /** The role is working on it now. */
  thinking: boolean;
  focused: boolean;
  /** Rows for the full reasoning; 0 shows the one-row summary. */
  expandedRows: number;
  names: ReadonlyMap<string, string>;
}

const TITLE_WIDTH = 21;
const INDENT = 2;

/** Rows a role's full reasoning takes when wrapped to a width. */
export const reasoningRows = (message: DebateMessage, names: ReadonlyMap<string, string>, width: number): number =>
  roleDetails(message, names).reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / Math.max(20, width - INDENT))), 0);

/** One role's turn in the debate, in its own colour: a summary row, or its full reasoning. */
export function DebateBlock({ role, message, thinking, focused, expandedRows, names }: DebateBlockProps) {
  const { theme } = useDisplay();
  const colour = theme.role[role];
  const marker = focused ? "▶ " : message ? "● " : "○ ";
  const title = ROLE_TITLES[role].padEnd(TITLE_WIDTH);
  if (!message) {
    return (
      <Text wrap="truncate-end" color={theme.muted}>
        {`${marker}${title}${thinking ? "thinking…" : "waiting"}`}
      </Text>
    );
  }
  const fallback = message.fallback ? " (offline fallback)" : "";
  if (expandedRows <= 0) {
    return (
      <Text wrap="truncate-end">
        <Text color={colour} bold={focused}>{`${marker}${title}`}</Text>
        <Text>{roleSummary(message, names)}</Text>
        <Text color={theme.muted}>{fallback}</Text>
      </Text>
    );
  }
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" color={colour} bold>
        {`${marker}${ROLE_TITLES[role]}${message.brain === "offline" ? "" : ` · ${message.brain}`}${fallback}`}
      </Text>
      <Box flexDirection="column" maxHeight={expandedRows} overflow="hidden" paddingLeft={INDENT}>
        {roleDetails(message, names).map((line, i) => (
          // Rows keep their height; the box cuts what does not fit at the bottom.
          <Box key={i} flexShrink={0}>
            <Text>{line}</Text>
          </Box>
        ))}
      </Box>
    </Box>
  );
}
