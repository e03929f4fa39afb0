import { Text } from "ink";
import { useDisplay } from "../hooks/useDisplay.js";
import { useKeymap } from "../hooks/useKeymap.js";

export interface ConfirmPromptProps {
  question: string;
  onYes: () => void;
  onNo: () => void;
}

/** A yes/no question on one row: y or Enter, n or Esc. */
export function ConfirmPrompt({ question, onYes, onNo }: ConfirmPromptProps) {
  const { theme } = useDisplay();
  useKeymap("confirm", { onCommand: (c) => (c === "yes" || c === "interrupt" ? onYes() : c === "no" ? onNo() : undefined) });
  return (
    <Text wrap="truncate-end">
      <Text bold color={theme.newest}>{`${question} `}</Text>
      <Text>{"y/Enter yes · n/Esc no"}</Text>
    </Text>
  );
}
