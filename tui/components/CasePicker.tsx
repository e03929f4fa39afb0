import { useState } from "react";
import { Box, Text } from "ink";
import { complaintLabel } from "../../core/complaint.js";
import { type CaseCard, type CaseFilter, DIFFICULTIES, NO_FILTER, complaintsOf, cycle, filterCards, patientLine } from "../case-cards.js";
import { clip } from "../format.js";
import { useDisplay } from "../hooks/useDisplay.js";
import { useKeymap } from "../hooks/useKeymap.js";
import { Footer } from "./Footer.js";

export interface CasePickerProps {
  cards: readonly CaseCard[];
  rows: number;
  width: number;
  onChoose: (caseId: string) => void;
  onQuit: () => void;
  onHelp: () => void;
}

/** Rows the picker keeps for its title, filters, column heads and footer. */
const CHROME_ROWS = 8;

/** Chooses a case by what the patient presents with; nothing here names a diagnosis. */
export function CasePicker({ cards, rows, width, onChoose, onQuit, onHelp }: CasePickerProps) {
  const { theme, screenReader } = useDisplay();
  const [filter, setFilter] = useState<CaseFilter>(NO_FILTER);
  const [selected, setSelected] = useState(0);
  const complaints = complaintsOf(cards);
  const shown = filterCards(cards, filter);
  const at = Math.min(selected, Math.max(0, shown.length - 1));
  const refilter = (next: CaseFilter) => {
    setFilter(next);
    setSelected(0);
  };
  useKeymap("picker", {
    onText: (t) => refilter({ ...filter, search: filter.search + t }),
    onCommand: (command) => {
      if (command === "interrupt") onQuit();
      else if (command === "help") onHelp();
      else if (command === "up") setSelected(Math.max(0, at - 1));
      else if (command === "down") setSelected(Math.min(shown.length - 1, at + 1));
      else if (command === "nextComplaint") refilter({ ...filter, complaint: cycle(complaints, filter.complaint, 1) });
      else if (command === "previousComplaint") refilter({ ...filter, complaint: cycle(complaints, filter.complaint, -1) });
      else if (command === "nextDifficulty") refilter({ ...filter, difficulty: cycle(DIFFICULTIES, filter.difficulty, 1) });
      else if (command === "deleteChar") refilter({ ...filter, search: filter.search.slice(0, -1) });
      else if (command === "cancel") {
        if (filter.search || filter.complaint || filter.difficulty) refilter(NO_FILTER);
        else onQuit();
      } else if (command === "submit" && shown[at]) onChoose(shown[at].id);
    },
  });

  const listRows = Math.max(3, rows - CHROME_ROWS);
  const start = Math.min(Math.max(0, at - listRows + 1), Math.max(0, shown.length - listRows));
  const visible = shown.slice(start, start + listRows);
  const complaintText = filter.complaint ? complaintLabel(filter.complaint) : "all";
  const complaintWidth = Math.max(10, ...cards.map((c) => complaintLabel(c.complaint).length)) + 2;
  const chiefWidth = Math.max(12, width - 37 - complaintWidth);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.accent}>
        {"dxsim · choose a case"}
      </Text>
      <Text wrap="truncate-end">
        <Text>{"Complaint "}</Text>
        <Text bold>{`${screenReader ? "" : "◂ "}${complaintText}${screenReader ? "" : " ▸"}`}</Text>
        <Text>{"   Difficulty "}</Text>
        <Text bold>{filter.difficulty ?? "all"}</Text>
        <Text>{"   Search "}</Text>
        <Text>{filter.search}</Text>
        {screenReader ? null : <Text inverse> </Text>}
      </Text>
      <Text color={theme.muted} wrap="truncate-end">{`  ${"case".padEnd(8)}${"complaint".padEnd(complaintWidth)}${"level".padEnd(10)}${"patient".padEnd(17)}chief complaint`}</Text>
      {visible.length === 0 ? <Text color={theme.muted}>{"  No case matches: Esc clears the filters."}</Text> : null}
      {visible.map((card) => {
        const current = card.id === shown[at]?.id;
        const row = `${current ? "› " : "  "}${card.id.padEnd(8)}${complaintLabel(card.complaint).padEnd(complaintWidth)}${card.difficulty.padEnd(10)}${patientLine(card).padEnd(17)}${clip(card.chiefComplaint, chiefWidth)}`;
        return (
          <Text key={card.id} wrap="truncate-end" inverse={current && !screenReader}>
            {screenReader && current ? `${row} (selected)` : row}
          </Text>
        );
      })}
      <Text color={theme.muted}>{`${shown.length} of ${cards.length} cases · type to search · ←/→ complaint · Tab difficulty`}</Text>
      <Footer mode="picker" width={width} />
    </Box>
  );
}
