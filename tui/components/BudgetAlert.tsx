import { Box, Text } from "ink";
import { useDisplay } from "../hooks/useDisplay.js";

/** The review's budget alert: the action costs more than is left, and the physician must choose. */
export function BudgetAlert({ text, width }: { text: string; width: number }) {
  const { theme, screenReader } = useDisplay();
  const choices = "b raise the budget · e trim the action · d diagnose";
  if (screenReader) return <Text>{`Budget alert: ${text} Press b to raise the budget, e to trim the action, or d to diagnose.`}</Text>;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.alert} paddingX={1} width={width}>
      <Text color={theme.alert} bold wrap="truncate-end">{`OVER BUDGET  ${text}`}</Text>
      <Text wrap="truncate-end">{choices}</Text>
    </Box>
  );
}
