import { Box, Text } from "ink";
import { NOTICE } from "../../reports/transcript.js";
import { useDisplay } from "../hooks/useDisplay.js";
import { type KeyContext, type KeyHint, type KeyMode, footerHints } from "../keymap.js";

export interface FooterProps {
  mode: KeyMode;
  context?: KeyContext;
  width: number;
}

/** The keys that work now, from the keymap, and the notice that this is not a medical device. */
export function Footer({ mode, context, width }: FooterProps) {
  return <KeyHints hints={footerHints(mode, context)} width={width} />;
}

/** A footer of given keys (learner mode words some keys its own way), and the notice. */
export function KeyHints({ hints, width }: { hints: readonly KeyHint[]; width: number }) {
  const { theme, screenReader } = useDisplay();
  if (screenReader) return <Text>{`Keys: ${hints.map((h) => `${h.keys} ${h.hint}`).join(", ")}.`}</Text>;
  return (
    <Box flexDirection="column" width={width}>
      <Box flexWrap="wrap" columnGap={GAP}>
        {hints.map((h) => (
          <Text key={h.hint}>
            <Text bold color={theme.accent}>
              {h.keys}
            </Text>
            <Text>{` ${h.hint}`}</Text>
          </Text>
        ))}
      </Box>
      <Text color={theme.muted} wrap="truncate-end">
        {NOTICE}
      </Text>
    </Box>
  );
}

const GAP = 2;

/** Rows the footer takes at a width: the hints, wrapped between hints, and the notice. */
export function footerRows(mode: KeyMode, context: KeyContext | undefined, width: number): number {
  return hintRows(footerHints(mode, context), width);
}

/** Rows a footer of these keys takes at a width. */
export function hintRows(hints: readonly KeyHint[], width: number): number {
  let rows = 1;
  let used = 0;
  for (const h of hints) {
    const cells = h.keys.length + 1 + h.hint.length;
    if (used > 0 && used + GAP + cells > width) {
      rows += 1;
      used = 0;
    }
    used += (used > 0 ? GAP : 0) + cells;
  }
  return rows + 1;
}
