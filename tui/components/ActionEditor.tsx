import { useState } from "react";
import { Box, Text } from "ink";
import { type Action, MAX_QUESTIONS_PER_ROUND, MAX_TESTS_PER_ROUND } from "../../core/action.js";
import type { Knowledge } from "../../agents/view.js";
import type { SessionValues } from "../../graph/state.js";
import { asTypedOption, optionValue, testChoices } from "../choices.js";
import type { ExpectedGains } from "../expected-gain.js";
import { bits, clip } from "../format.js";
import { usdExact } from "../../output/money.js";
import { useDisplay } from "../hooks/useDisplay.js";
import { useKeymap } from "../hooks/useKeymap.js";
import { pricedAction } from "../priced-action.js";
import { SearchPrompt } from "./SearchPrompt.js";
import { TextPrompt } from "./TextPrompt.js";

export interface ActionEditorProps {
  /** The panel's proposal to start from; a proposed diagnosis starts an empty action. */
  proposal: Action;
  knowledge: Knowledge;
  values: SessionValues;
  gains: ExpectedGains;
  rows: number;
  width: number;
  onSubmit: (action: Action) => void;
  onCancel: () => void;
  onInterrupt: () => void;
}

type Item = { kind: "question" | "test"; key: string };

const itemsOf = (a: Action): Item[] =>
  a.kind === "ask" ? a.questions.map((q) => ({ kind: "question", key: q })) : a.kind === "order" ? a.tests.map((t) => ({ kind: "test", key: t })) : [];

const actionOf = (items: readonly Item[]): Action | null =>
  items.length === 0 ? null : items[0]!.kind === "question" ? { kind: "ask", questions: items.map((i) => i.key) } : { kind: "order", tests: items.map((i) => i.key) };

/** Edits an action: remove items, add a catalog test or a question. One round is one kind. */
export function ActionEditor({ proposal, knowledge, values, gains, rows, width, onSubmit, onCancel, onInterrupt }: ActionEditorProps) {
  const { theme } = useDisplay();
  const [items, setItems] = useState<Item[]>(() => itemsOf(proposal));
  const [cursor, setCursor] = useState(0);
  const [adding, setAdding] = useState<"test" | "question" | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const at = Math.min(cursor, Math.max(0, items.length - 1));

  const add = (item: Item) => {
    setAdding(null);
    const other = items.find((i) => i.kind !== item.kind);
    if (other) {
      setMessage(`A round asks questions or orders tests, not both: remove the ${other.kind === "question" ? "questions" : "tests"} first.`);
      return;
    }
    const max = item.kind === "question" ? MAX_QUESTIONS_PER_ROUND : MAX_TESTS_PER_ROUND;
    if (items.length >= max) {
      setMessage(`At most ${max} ${item.kind === "question" ? "questions" : "tests"} a round.`);
      return;
    }
    if (items.some((i) => i.key === item.key)) {
      setMessage("That is already in the action.");
      return;
    }
    setItems([...items, item]);
    setCursor(items.length);
    setMessage(null);
  };

  useKeymap(
    "edit",
    {
      onCommand: (command) => {
        setMessage(null);
        if (command === "interrupt") onInterrupt();
        else if (command === "cancel") onCancel();
        else if (command === "up") setCursor(Math.max(0, at - 1));
        else if (command === "down") setCursor(Math.min(items.length - 1, at + 1));
        else if (command === "remove" && items.length) setItems(items.filter((_, i) => i !== at));
        else if (command === "addTest") setAdding("test");
        else if (command === "addQuestion") setAdding("question");
        else if (command === "submit") {
          const action = actionOf(items);
          if (action) onSubmit(action);
          else setMessage("The action is empty: add a test (t) or a question (a), or Esc to go back.");
        }
      },
    },
    { isActive: adding === null },
  );

  if (adding === "test")
    return (
      <SearchPrompt
        label="Add a test:"
        search={testChoices(knowledge, values, gains)}
        asTyped={(q) => asTypedOption(q, "order")}
        rows={rows}
        width={width}
        onChoose={(o) => add({ kind: "test", key: optionValue(o).value })}
        onCancel={() => setAdding(null)}
        onInterrupt={onInterrupt}
      />
    );
  if (adding === "question")
    return <TextPrompt label="Add a question:" hint="Ask one specific thing (history or examination)." onSubmit={(q) => add({ kind: "question", key: q })} onCancel={() => setAdding(null)} onInterrupt={onInterrupt} />;

  const action = actionOf(items);
  const priced = action ? pricedAction(action, values, knowledge, gains) : null;
  const labelWidth = Math.max(16, width - 34);
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>{`Edit the action${priced ? ` · ${usdExact(priced.totalUsd)} this round` : ""}`}</Text>
      {priced?.lines.map((l, i) => (
        <Text key={l.key} wrap="truncate-end" inverse={i === at}>
          {`${i === at ? "› " : "  "}${clip(`${l.kind === "question" ? "Q: " : ""}${l.label}`, labelWidth).padEnd(labelWidth)}${(l.priceUsd === null ? "?" : usdExact(l.priceUsd)).padStart(9)}${(l.gainBits === null ? "" : bits(l.gainBits)).padStart(11)}`}
        </Text>
      ))}
      {items.length === 0 ? <Text color={theme.muted}>{"  (empty)"}</Text> : null}
      {message ? <Text color={theme.alert}>{message}</Text> : null}
    </Box>
  );
}
