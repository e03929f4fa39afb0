import { useState } from "react";
import { Box, Text } from "ink";
import type { SearchOption } from "../choices.js";
import { clip } from "../format.js";
import { useDisplay } from "../hooks/useDisplay.js";
import { useKeymap } from "../hooks/useKeymap.js";

export interface SearchPromptProps {
  label: string;
  /** The options matching what was typed, best first. */
  search: (query: string) => SearchOption[];
  /** The last option: use the text as typed (free text), or null when that is not allowed. */
  asTyped?: (query: string) => SearchOption | null;
  rows: number;
  width: number;
  onChoose: (option: SearchOption) => void;
  onCancel: () => void;
  onInterrupt: () => void;
}

/** Incremental search: type to narrow, ↑/↓ to pick, Enter to choose. */
export function SearchPrompt({ label, search, asTyped, rows, width, onChoose, onCancel, onInterrupt }: SearchPromptProps) {
  const { theme, screenReader } = useDisplay();
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState(0);
  const matches = search(query);
  const typed = query.trim().length >= 2 ? (asTyped?.(query.trim()) ?? null) : null;
  const listRows = Math.max(1, rows - 2);
  const options = [...matches.slice(0, typed ? listRows - 1 : listRows), ...(typed ? [typed] : [])];
  const at = Math.min(selected, Math.max(0, options.length - 1));
  useKeymap("search", {
    onText: (t) => {
      setQuery((q) => q + t);
      setSelected(0);
    },
    onCommand: (command) => {
      if (command === "interrupt") onInterrupt();
      else if (command === "cancel") onCancel();
      else if (command === "deleteChar") {
        setQuery((q) => q.slice(0, -1));
        setSelected(0);
      } else if (command === "up") setSelected(Math.max(0, at - 1));
      else if (command === "down") setSelected(Math.min(options.length - 1, at + 1));
      else if (command === "submit" && options[at]) onChoose(options[at]);
    },
  });
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-start">
        <Text bold color={theme.accent}>{`${label} `}</Text>
        <Text>{query}</Text>
        <Text inverse> </Text>
      </Text>
      {options.length === 0 ? <Text color={theme.muted}>{"  no match yet: keep typing"}</Text> : null}
      {options.map((o, i) => (
        <Text key={o.key} wrap="truncate-end" inverse={i === at && !screenReader}>
          <Text>{`${i === at ? "› " : "  "}${clip(o.label, Math.max(12, width - 30))}`}</Text>
          <Text color={i === at ? undefined : theme.muted}>{o.detail ? `  ${o.detail}` : ""}</Text>
          {screenReader && i === at ? <Text>{" (selected)"}</Text> : null}
        </Text>
      ))}
    </Box>
  );
}
