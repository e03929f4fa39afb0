import { Box, Text } from "ink";
import { type TreatmentPlan, describePlan, parsePlanText } from "../../agents/plan.js";
import type { PlanDecision } from "../../graph/plan.js";
import { useDisplay } from "../hooks/useDisplay.js";
import { TextPrompt } from "./TextPrompt.js";

/** The panel's plan as the physician reviews it: its four parts and the guidelines it follows. */
export function PlanPanel({ plan, width }: { plan: TreatmentPlan; width: number }) {
  const { theme } = useDisplay();
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.accent}>{`The panel's plan for ${plan.diagnosis}`}</Text>
      {describePlan(plan).map((line) => (
        <Text key={line} wrap="wrap">{`  ${line}`}</Text>
      ))}
      {plan.sources.length ? <Text color={theme.muted} wrap="wrap">{`  Sources: ${plan.sources.join(" | ")}`}</Text> : null}
      <Text wrap="wrap">{plan.argument}</Text>
    </Box>
  );
}

/** One line a plan can be typed on, and read back from (parsePlanText). */
export const planAsText = (plan: TreatmentPlan): string =>
  `first line: ${plan.firstLine.join("; ")} | disposition: ${plan.disposition} | monitor: ${plan.monitor.join("; ")} | avoid: ${plan.avoid.join("; ")}`;

export interface PlanPromptProps {
  kind: "edit" | "replace";
  plan: TreatmentPlan;
  /** A learner writes their plan blind: the prompt names the diagnosis, not the panel's plan. */
  learner?: boolean;
  decide: (decision: PlanDecision) => void;
  onClose: () => void;
  onExit: () => void;
}

/** The physician's own version of the plan: the panel's to change, or an empty line to write. */
export function PlanPrompt({ kind, plan, learner = false, decide, onClose, onExit }: PlanPromptProps) {
  return (
    <TextPrompt
      label={learner ? `Your initial plan for ${plan.diagnosis}:` : kind === "edit" ? "Edit the plan:" : "Your plan:"}
      initial={kind === "edit" ? planAsText(plan) : "first line: "}
      hint="Parts: first line: … | disposition: … | monitor: … | avoid: … (items split by ';'). Enter saves, Esc goes back."
      validate={(text) => (parsePlanText(plan.diagnosis, text).firstLine.length || parsePlanText(plan.diagnosis, text).disposition ? null : "Write at least a first-line treatment or a disposition.")}
      onSubmit={(text) => decide({ kind, plan: parsePlanText(plan.diagnosis, text) })}
      onCancel={onClose}
      onInterrupt={onExit}
    />
  );
}
