import { Box, Text } from "ink";
import type { Reveal } from "../../core/reveal.js";
import { revealText } from "../../reports/transcript.js";
import { useDisplay } from "../hooks/useDisplay.js";

export interface RevealLineProps {
  reveal: Reveal;
  /** Newest findings stand out; older ones, in the log, do not. */
  newest?: boolean;
  /** One row, cut to the width (the live frame), or wrapped in full (the log). */
  oneRow?: boolean;
  /** Wrapped lines start under the text, not under the mark. */
  hanging?: boolean;
}

/** A finding: abnormal results carry a "!" (and colour), refusals are dimmed. */
export function RevealLine({ reveal, newest = false, oneRow = false, hanging = false }: RevealLineProps) {
  const { theme } = useDisplay();
  const { line, values } = revealText(reveal);
  const mark = reveal.abnormal ? "! " : reveal.kind === "refusal" ? "× " : newest ? "▸ " : "· ";
  const markColour = reveal.abnormal ? theme.abnormal : newest ? theme.newest : theme.muted;
  const detail = values.length ? ` [${values.join("; ")}]` : "";
  const markText = (
    <Text color={markColour} bold={reveal.abnormal}>
      {mark}
    </Text>
  );
  if (hanging) {
    return (
      <Box>
        {markText}
        <Box flexShrink={1}>
          <Text>
            <Text color={reveal.kind === "refusal" ? theme.muted : reveal.abnormal ? theme.abnormal : undefined}>{line}</Text>
            <Text color={theme.muted}>{detail}</Text>
          </Text>
        </Box>
      </Box>
    );
  }
  return (
    <Text wrap={oneRow ? "truncate-end" : "wrap"}>
      {markText}
      <Text color={reveal.kind === "refusal" ? theme.muted : reveal.abnormal ? theme.abnormal : undefined} bold={newest && reveal.abnormal}>
        {line}
      </Text>
      <Text color={theme.muted}>{detail}</Text>
    </Text>
  );
}
