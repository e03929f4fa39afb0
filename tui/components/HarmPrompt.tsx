import { Box, Text } from "ink";
import { useDisplay } from "../hooks/useDisplay.js";
import { useKeymap } from "../hooks/useKeymap.js";

export interface HarmPromptProps {
  /** One line per contraindicated test: the harm and its source. */
  warnings: readonly string[];
  onOrder: () => void;
  onBack: () => void;
  /** Ctrl-C leaves the console, as everywhere; it never carries the order out. */
  onInterrupt: () => void;
}

/** Stops a harmful order before it is carried out: the harm in full, then a second confirm. */
export function HarmPrompt({ warnings, onOrder, onBack, onInterrupt }: HarmPromptProps) {
  const { theme } = useDisplay();
  useKeymap("confirm", { onCommand: (c) => (c === "yes" ? onOrder() : c === "no" ? onBack() : c === "interrupt" ? onInterrupt() : undefined) });
  return (
    <Box flexDirection="column">
      {warnings.map((w) => (
        <Text key={w} bold color={theme.alert} wrap="wrap">
          {`HARM WARNING: ${w}`}
        </Text>
      ))}
      <Text wrap="truncate-end">
        <Text bold color={theme.newest}>{"Order it anyway? "}</Text>
        <Text>{"y/Enter order it · n/Esc go back"}</Text>
      </Text>
    </Box>
  );
}
