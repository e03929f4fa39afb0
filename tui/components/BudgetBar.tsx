import { Text } from "ink";
import { useDisplay } from "../hooks/useDisplay.js";
import { meter } from "../format.js";
import { usd } from "../../output/money.js";

export interface BudgetBarProps {
  spentUsd: number;
  budgetUsd: number;
  width: number;
}

/** Spent and left, with a meter that turns amber then red as the money runs low. */
export function BudgetBar({ spentUsd, budgetUsd, width }: BudgetBarProps) {
  const { theme, screenReader } = useDisplay();
  const left = Math.max(0, budgetUsd - spentUsd);
  const words = `${usd(spentUsd)} spent · ${usd(left)} left of ${usd(budgetUsd)}`;
  if (screenReader) return <Text>{`Budget: ${usd(spentUsd)} spent, ${usd(left)} left of ${usd(budgetUsd)}.`}</Text>;
  const cells = Math.max(8, Math.min(30, width - words.length - 10));
  const { filled, empty } = meter(budgetUsd > 0 ? left / budgetUsd : 0, cells);
  const colour = theme.budget(budgetUsd > 0 ? left / budgetUsd : 0);
  return (
    <Text wrap="truncate-end">
      <Text>Budget </Text>
      <Text color={colour}>{filled}</Text>
      <Text color={theme.muted}>{empty}</Text>
      <Text color={colour}>{` ${words}`}</Text>
    </Text>
  );
}
