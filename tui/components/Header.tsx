import { Box, Text } from "ink";
import { useDisplay } from "../hooks/useDisplay.js";
import { BudgetBar } from "./BudgetBar.js";

export interface HeaderProps {
  /** The chief complaint: the case's title may name the diagnosis, so it waits for the end. */
  title: string;
  caseId: string;
  round: number;
  spentUsd: number;
  budgetUsd: number;
  width: number;
}

export function Header({ title, caseId, round, spentUsd, budgetUsd, width }: HeaderProps) {
  const { theme, screenReader } = useDisplay();
  if (screenReader) {
    return <Text>{`${title}. Round ${round}. Case ${caseId}.`}</Text>;
  }
  return (
    <Box flexDirection="column" width={width}>
      <Box justifyContent="space-between">
        <Text wrap="truncate-end">
          <Text bold color={theme.accent}>
            {title}
          </Text>
          <Text>{`  ·  round ${round}`}</Text>
        </Text>
        <Text color={theme.muted}>{` case ${caseId}`}</Text>
      </Box>
      <BudgetBar spentUsd={spentUsd} budgetUsd={budgetUsd} width={width} />
    </Box>
  );
}
