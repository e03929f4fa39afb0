import { Box, Text } from "ink";
import type { Reveal } from "../../core/reveal.js";
import { findingText } from "../finding-rows.js";
import { useDisplay } from "../hooks/useDisplay.js";

export interface RevealLineProps {
  reveal: Reveal;
  /** Newest findings stand out; older ones, in the log, do not. */
  newest?: boolean;
}

/**
 * A finding, wrapped in full with its lines under the text, not under the mark: abnormal results
 * carry a "!" (and colour), refusals are dimmed.
 */
export function RevealLine({ reveal, newest = false }: RevealLineProps) {
  const { theme } = useDisplay();
  const { line, detail } = findingText(reveal);
  const mark = reveal.abnormal ? "! " : reveal.kind === "refusal" ? "× " : newest ? "▸ " : "· ";
  const markColour = reveal.abnormal ? theme.abnormal : newest ? theme.newest : theme.muted;
  return (
    <Box>
      <Text color={markColour} bold={reveal.abnormal}>
        {mark}
      </Text>
      <Box flexShrink={1}>
        <Text>
          <Text color={reveal.kind === "refusal" ? theme.muted : reveal.abnormal ? theme.abnormal : undefined} bold={newest && reveal.abnormal}>
            {line}
          </Text>
          <Text color={theme.muted}>{detail}</Text>
        </Text>
      </Box>
    </Box>
  );
}
