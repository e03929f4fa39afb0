import { useState } from "react";
import { useDisplay } from "./useDisplay.js";

/** A screen's fork key: the prompt for the round, the fork being written, why it failed. */
export interface Fork {
  /** Whether the session can be forked at all (saved sessions only). */
  canFork: boolean;
  /** The prompt asking for the round is open. */
  asking: boolean;
  /** The prompt is open or a fork is being written: the screen's own keys wait. */
  holdsKeys: boolean;
  /** What the status line says while a fork is being written. */
  activity: string | null;
  /** Why the last fork failed, until the next key. */
  failure: string | null;
  /** Opens the prompt for the round (the `f` key). */
  ask: () => void;
  /** The prompt's answer: forks at that round; on success the caller swaps to the fork. */
  forkAt: (round: number) => void;
  /** The prompt's Esc. */
  cancel: () => void;
  clearFailure: () => void;
}

/**
 * The fork key of a session screen (the console's and learner mode's). `fork` writes the fork
 * and swaps the screen to it, so this screen only ever sees the failure; `onStart` clears what
 * the screen said before, and `announce` reads the failure out in the screen-reader layout.
 */
export function useFork(fork: ((round: number) => Promise<void>) | undefined, on: { onStart: () => void; announce: (line: string) => void }): Fork {
  const { screenReader } = useDisplay();
  const [asking, setAsking] = useState(false);
  /** The round a fork is being made at, while the store writes it. */
  const [forking, setForking] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const forkAt = (round: number) => {
    if (!fork) return;
    setAsking(false);
    setForking(round);
    on.onStart();
    fork(round).catch((e: unknown) => {
      const said = `The session could not be forked: ${e instanceof Error ? e.message : String(e)}`;
      setForking(null);
      setFailure(said);
      if (screenReader) on.announce(`Error: ${said}`);
    });
  };

  return {
    canFork: fork !== undefined,
    asking,
    holdsKeys: asking || forking !== null,
    activity: forking === null ? null : `Forking at the review of round ${forking}…`,
    failure,
    ask: () => {
      if (fork) setAsking(true);
    },
    forkAt,
    cancel: () => setAsking(false),
    clearFailure: () => setFailure(null),
  };
}
