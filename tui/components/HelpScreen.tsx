import { Box, Text } from "ink";
import { NOTICE } from "../../reports/transcript.js";
import { useDisplay } from "../hooks/useDisplay.js";
import { useKeymap } from "../hooks/useKeymap.js";
import { type HelpSection, type KeyMode, helpSections } from "../keymap.js";

export interface HelpScreenProps {
  /** The screen the help was opened from: its keys come first. */
  from: KeyMode;
  /** Other keys than the console's, in the order given (learner mode's, its current stage first). */
  sections?: readonly HelpSection[];
  rows: number;
  onClose: () => void;
  onInterrupt: () => void;
}

const TITLES: Partial<Record<KeyMode, string>> = { review: "At a review", busy: "While the panel works", final: "After the verdict", picker: "Choosing a case" };

/** The console's keys, the screen's own first. */
function consoleSections(from: KeyMode): HelpSection[] {
  const sections = helpSections();
  const first = TITLES[from];
  return [...sections.filter((s) => s.title === first), ...sections.filter((s) => s.title !== first)];
}

/** Every key, generated from the keymap, the current screen's first. */
export function HelpScreen({ from, sections: given, rows, onClose, onInterrupt }: HelpScreenProps) {
  const { theme } = useDisplay();
  useKeymap("help", { onCommand: (c) => (c === "interrupt" ? onInterrupt() : c === "closeHelp" ? onClose() : undefined) });
  const ordered = given ?? consoleSections(from);
  const keyWidth = Math.max(...ordered.flatMap((s) => s.rows.map((r) => r.keys.length))) + 2;
  return (
    <Box flexDirection="column" maxHeight={Math.max(4, rows)} overflow="hidden">
      <Box flexShrink={0} flexDirection="column">
        <Text bold color={theme.accent}>{"Keys  (Esc, ? or q closes the help)"}</Text>
        <Text color={theme.muted}>{NOTICE}</Text>
      </Box>
      {ordered.map((s) => (
        <Box key={s.title} flexDirection="column" marginTop={1} flexShrink={0}>
          <Text bold>{s.title}</Text>
          {s.rows.map((r) => (
            <Text key={`${s.title}-${r.keys}-${r.description}`} wrap="truncate-end">
              <Text color={theme.accent}>{`  ${r.keys.padEnd(keyWidth)}`}</Text>
              <Text>{r.description}</Text>
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}
