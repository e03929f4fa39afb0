import { useEffect, useRef, useState } from "react";
import { useInput } from "ink";
import { type KeyCommand, type KeyContext, type KeyMode, type KeyPart, NO_CONTEXT, keyParts } from "../keymap.js";

export interface KeymapHandlers {
  /** Called with the command a keypress means in this mode. */
  onCommand: (command: KeyCommand) => void;
  /** Called with text typed in a mode that takes text (search, prompts, the picker). */
  onText?: (text: string) => void;
}

/**
 * Routes keypresses through the keymap: the one place keys become commands. Only the active
 * mode's hook listens, so a prompt on top of the session gets the keys, not the session.
 *
 * An input that means several things (text and the Enter after it, a held key) is handled one
 * part per render: the first at once, each further one after the state the one before it set
 * has been rendered, so an Enter sends the text typed before it, not the text before that.
 */
export function useKeymap(mode: KeyMode, { onCommand, onText }: KeymapHandlers, options: { isActive?: boolean; context?: KeyContext } = {}): void {
  const [queued, setQueued] = useState<readonly KeyPart[]>([]);
  // The queue as of the last input, read at once: a new input waits behind parts still queued.
  const waiting = useRef(0);
  const handle = (part: KeyPart) => (part.kind === "command" ? onCommand(part.command) : onText?.(part.text));

  useEffect(() => {
    const [next, ...rest] = queued;
    if (!next) return;
    waiting.current = rest.length;
    setQueued(rest);
    handle(next);
  }, [queued]);

  useInput(
    (input, key) => {
      const parts = keyParts(mode, input, key, options.context ?? NO_CONTEXT, onText !== undefined);
      const now = waiting.current > 0 ? [] : parts.slice(0, 1);
      const later = parts.slice(now.length);
      now.forEach(handle);
      if (later.length === 0) return;
      waiting.current += later.length;
      setQueued((q) => [...q, ...later]);
    },
    { isActive: options.isActive ?? true },
  );
}
