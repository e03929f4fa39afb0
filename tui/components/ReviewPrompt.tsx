import type { Knowledge } from "../../agents/view.js";
import type { PhysicianDecision } from "../../graph/decision.js";
import type { ReviewRequest, SessionValues } from "../../graph/state.js";
import { asTypedOption, optionValue, testChoices } from "../choices.js";
import { type ExpectedGains, expectedGains } from "../expected-gain.js";
import { ActionEditor } from "./ActionEditor.js";
import { ConfirmPrompt } from "./ConfirmPrompt.js";
import { DiagnosePrompt } from "./DiagnosePrompt.js";
import { SearchPrompt } from "./SearchPrompt.js";
import { TextPrompt } from "./TextPrompt.js";

/** The prompts a review can open; quitting is asked at any time. */
export type PromptKind = "edit" | "ask" | "order" | "diagnose" | "raise" | "quit";

export interface ReviewPromptProps {
  kind: PromptKind;
  /** Null while the panel works and after the verdict: only quitting can be asked then. */
  review: ReviewRequest | null;
  values: SessionValues;
  knowledge: Knowledge;
  /** The engine's expected gains, shown beside tests; null hides them (learner mode, before deciding). */
  gains: ExpectedGains | null;
  /** What the proposal adds to the bill, to suggest a budget that pays for it. */
  proposalUsd: number;
  spentUsd: number;
  sessionName: string;
  /** Learner mode: a diagnosis comes with the learner's confidence. */
  confidenceRequired?: boolean;
  rows: number;
  width: number;
  decide: (decision: PhysicianDecision) => void;
  onClose: () => void;
  onExit: () => void;
}

/** The physician's answer to a review, when it is more than a key: an edit, a question, a test, a diagnosis, a budget. */
export function ReviewPrompt({ kind, review, values, knowledge, gains, proposalUsd, spentUsd, sessionName, confidenceRequired = false, rows, width, decide, onClose, onExit }: ReviewPromptProps) {
  if (kind === "quit") return <ConfirmPrompt question={`Quit? The session is saved as ${sessionName}.`} onYes={onExit} onNo={onClose} />;
  if (!review) return null;
  const common = { onCancel: onClose, onInterrupt: onExit };
  switch (kind) {
    case "edit":
      return (
        <ActionEditor
          proposal={review.proposal}
          knowledge={knowledge}
          values={values}
          gains={gains ?? expectedGains(values, knowledge)}
          rows={rows}
          width={width}
          // A proposed diagnosis has nothing to edit: the physician's action replaces it.
          onSubmit={(action) => decide({ kind: review.proposal.kind === "diagnose" ? "replace" : "edit", action })}
          {...common}
        />
      );
    case "ask":
      return (
        <TextPrompt
          label="Your question:"
          hint="Ask one specific thing (history or examination). Enter asks, Esc goes back."
          onSubmit={(q) => decide({ kind: "replace", action: { kind: "ask", questions: [q] } })}
          {...common}
        />
      );
    case "order":
      return (
        <SearchPrompt
          label="Order a test:"
          search={testChoices(knowledge, values, gains)}
          asTyped={(q) => asTypedOption(q, "order")}
          rows={rows}
          width={width}
          onChoose={(o) => decide({ kind: "replace", action: { kind: "order", tests: [optionValue(o).value] } })}
          {...common}
        />
      );
    case "diagnose":
      return (
        <DiagnosePrompt
          values={values}
          knowledge={knowledge}
          confidenceRequired={confidenceRequired}
          rows={rows}
          width={width}
          onDiagnose={(diagnosis) => decide({ kind: "diagnose", diagnosis })}
          onCancel={onClose}
          onInterrupt={onExit}
        />
      );
    case "raise": {
      const needed = spentUsd + proposalUsd;
      const budget = values.settings.budgetUsd;
      return (
        <TextPrompt
          label="New budget in USD:"
          initial={String(Math.ceil(needed / 100) * 100)}
          hint={`Spent ${Math.round(spentUsd)}; this action needs ${Math.ceil(needed)} in all.`}
          validate={(t) => (/^\d+(\.\d+)?$/.test(t) && Number(t) > budget ? null : `Type a number above the budget now, ${budget}.`)}
          onSubmit={(t) => decide({ kind: "raise-budget", budgetUsd: Number(t) })}
          {...common}
        />
      );
    }
  }
}
