import { Box, Text } from "ink";
import type { ReviewRequest } from "../../graph/state.js";
import { bits, clip } from "../format.js";
import { usdExact } from "../../output/money.js";
import { useDisplay } from "../hooks/useDisplay.js";
import type { ActionLine, PricedAction } from "../priced-action.js";

export interface ProposalPanelProps {
  review: ReviewRequest;
  priced: PricedAction;
  /** The leading hypothesis' probability, shown beside a proposed diagnosis. */
  leaderP: number | null;
  maxRows: number;
  width: number;
}

/** Expected bits per $100: the value of an item for its price. */
const valuePer100 = (l: ActionLine): string => (l.gainBits === null || l.priceUsd === null ? "" : l.priceUsd === 0 ? "free" : `${((l.gainBits / l.priceUsd) * 100).toFixed(2)} bits/$100`);

/** The chair's proposal, each item with its price and expected information gain. */
export function ProposalPanel({ review, priced, leaderP, maxRows, width }: ProposalPanelProps) {
  const { theme, screenReader } = useDisplay();
  const { action } = priced;
  const forced = review.forced ? ` (forced: ${review.forced === "budget" ? "the budget is spent" : "the last round"})` : "";
  // The physician's own action that passed the budget stays on screen as what b would carry out.
  const title = review.physicianOwn ? "Your action, over budget" : "Proposal";
  if (action.kind === "diagnose") {
    return (
      <Box flexDirection="column">
        <Text bold color={theme.role.chair}>{`${title}: diagnose${forced}`}</Text>
        <Text wrap="truncate-end">{`  ${action.diagnosis.name}${leaderP !== null ? ` (${Math.round(leaderP * 100)}%)` : ""}${action.diagnosis.icd10 ? `, ICD-10 ${action.diagnosis.icd10}` : ""}`}</Text>
      </Box>
    );
  }
  const kind = action.kind === "ask" ? "ask" : "order";
  const lines = priced.lines.length <= maxRows ? priced.lines : priced.lines.slice(0, Math.max(1, maxRows - 1));
  // As wide as the longest label, within what the price and gain columns leave.
  const labelWidth = Math.min(Math.max(0, ...lines.map((l) => l.label.length)), Math.max(16, width - 44));
  return (
    <Box flexDirection="column">
      <Text bold color={theme.role.chair}>{`${title}: ${kind} · ${usdExact(priced.totalUsd)} this round${forced}`}</Text>
      {lines.map((l) =>
        screenReader ? (
          <Text key={l.key}>{`${l.label}: ${l.priceUsd === null ? "priced when resolved" : usdExact(l.priceUsd)}${l.gainBits === null ? "" : `, ${bits(l.gainBits)}`}${l.cheaper ? `, cheaper: ${l.cheaper.name} ${usdExact(l.cheaper.priceUsd)}` : ""}`}</Text>
        ) : (
          <Text key={l.key} wrap="truncate-end">
            <Text>{`  ${clip(l.label, labelWidth).padEnd(labelWidth)}`}</Text>
            <Text>{(l.priceUsd === null ? "?" : usdExact(l.priceUsd)).padStart(9)}</Text>
            <Text color={theme.accent}>{(l.gainBits === null ? "" : bits(l.gainBits)).padStart(11)}</Text>
            <Text color={theme.muted}>{`  ${valuePer100(l)}`}</Text>
            <Text color={theme.muted}>{l.cheaper ? `  cheaper: ${l.cheaper.name} ${usdExact(l.cheaper.priceUsd)}` : ""}</Text>
          </Text>
        ),
      )}
      {lines.length < priced.lines.length ? <Text color={theme.muted}>{`  … and ${priced.lines.length - lines.length} more`}</Text> : null}
    </Box>
  );
}
