import { useState } from "react";
import { Box, Text } from "ink";
import { useDisplay } from "../hooks/useDisplay.js";
import { useKeymap } from "../hooks/useKeymap.js";

export interface TextPromptProps {
  label: string;
  initial?: string;
  hint?: string;
  /** A reason the text cannot be sent, or null when it can; without it, at least two characters are asked for. */
  validate?: (text: string) => string | null;
  onSubmit: (text: string) => void;
  onCancel: () => void;
  onInterrupt: () => void;
}

/** One line of free text: Enter sends it, Esc goes back. */
export function TextPrompt({ label, initial = "", hint, validate, onSubmit, onCancel, onInterrupt }: TextPromptProps) {
  const { theme } = useDisplay();
  const [text, setText] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  useKeymap("text", {
    onText: (typed) => {
      setText((t) => t + typed);
      setProblem(null);
    },
    onCommand: (command) => {
      if (command === "interrupt") onInterrupt();
      else if (command === "cancel") onCancel();
      else if (command === "deleteChar") setText((t) => t.slice(0, -1));
      else if (command === "submit") {
        const trimmed = text.trim();
        // A validator has the last word: a one-digit answer (a round) may be all it needs.
        const reason = validate ? validate(trimmed) : trimmed.length < 2 ? "Type at least two characters." : null;
        if (reason) setProblem(reason);
        else onSubmit(trimmed);
      }
    },
  });
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-start">
        <Text bold color={theme.accent}>{`${label} `}</Text>
        <Text>{text}</Text>
        <Text inverse> </Text>
      </Text>
      {problem ? <Text color={theme.alert}>{problem}</Text> : hint ? <Text color={theme.muted}>{hint}</Text> : null}
    </Box>
  );
}
