import { TextPrompt } from "./TextPrompt.js";

export interface ForkPromptProps {
  /** The round the prompt suggests: the review on screen, or the last round after the verdict. */
  round: number;
  /** The newest round with a review to fork from. */
  lastRound: number;
  onFork: (round: number) => void;
  onCancel: () => void;
  onInterrupt: () => void;
}

/** Why a typed round cannot be forked at, or null when it can. */
export function forkRoundProblem(text: string, lastRound: number): string | null {
  const round = /^\d+$/.test(text) ? Number(text) : NaN;
  if (round >= 1 && round <= lastRound) return null;
  const rounds = lastRound === 1 ? "only round 1 has a review, so type 1" : `type a round from 1 to ${lastRound}`;
  return text === "" ? `No round typed: ${rounds}.` : `"${text}" is not a round here: ${rounds}.`;
}

/** Asks which round's review a fork begins at. */
export function ForkPrompt({ round, lastRound, onFork, onCancel, onInterrupt }: ForkPromptProps) {
  return (
    <TextPrompt
      label="Fork at the review of round:"
      initial={String(round)}
      hint={`Rounds 1 to ${lastRound}. The fork is a new saved session; this one stays as it is. Enter forks, Esc goes back.`}
      validate={(text) => forkRoundProblem(text, lastRound)}
      onSubmit={(text) => onFork(Number(text))}
      onCancel={onCancel}
      onInterrupt={onInterrupt}
    />
  );
}
