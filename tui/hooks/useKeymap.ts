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
  // Parts of an input not handled yet, oldest first; a render is asked for while any wait.
  const queue = useRef<KeyPart[]>([]);
  const [turn, nextTurn] = useState(0);
  const handle = (part: KeyPart) => (part.kind === "command" ? onCommand(part.command) : onText?.(part.text));

  // One queued part per render, with this render's handlers: they hold what the part before it set.
  useEffect(() => {
    const next = queue.current.shift();
    if (!next) return;
    handle(next);
    if (queue.current.length > 0) nextTurn((t) => t + 1);
  }, [turn]);

  useInput(
    (input, key) => {
      const parts = keyParts(mode, input, key, options.context ?? NO_CONTEXT, onText !== undefined);
      // A new input waits behind parts still queued.
      const now = queue.current.length > 0 ? undefined : parts.shift();
      if (now) handle(now);
      if (parts.length === 0) return;
      queue.current.push(...parts);
      nextTurn((t) => t + 1);
    },
    { isActive: options.isActive ?? true },
  );
}
