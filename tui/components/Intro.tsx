import { Box, Text } from "ink";
import type { Case } from "../../core/case.js";
import { complaintLabel } from "../../core/complaint.js";
import { NOTICE } from "../../reports/transcript.js";
import { useDisplay } from "../hooks/useDisplay.js";

/** The presentation, printed once at the top of a session (the case's title stays hidden). */
export function Intro({ caseFile, width }: { caseFile: Case; width: number }) {
  const { theme } = useDisplay();
  const p = caseFile.presentation;
  return (
    <Box flexDirection="column" width={width} marginBottom={1}>
      <Text bold color={theme.accent}>{`dxsim · case ${caseFile.id} · ${complaintLabel(caseFile.complaint)} · ${caseFile.difficulty}`}</Text>
      <Text color={theme.muted}>{NOTICE}</Text>
      <Text>
        <Text bold>{`${p.age}-year-old ${p.sex}, ${p.setting === "emergency" ? "emergency department" : "clinic"}. `}</Text>
        <Text>{`Chief complaint: ${p.chief_complaint}.`}</Text>
      </Text>
      <Text>{p.narrative}</Text>
    </Box>
  );
}
