import { useInput } from "ink";
import { type KeyCommand, type KeyContext, type KeyMode, NO_CONTEXT, commandFor, typedText } from "../keymap.js";

export interface KeymapHandlers {
  /** Called with the command a keypress means in this mode. */
  onCommand: (command: KeyCommand) => void;
  /** Called with text typed in a mode that takes text (search, prompts, the picker). */
  onText?: (text: string) => void;
}

/**
 * Routes keypresses through the keymap: the one place keys become commands. Only the active
 * mode's hook listens, so a prompt on top of the session gets the keys, not the session.
 */
export function useKeymap(mode: KeyMode, { onCommand, onText }: KeymapHandlers, options: { isActive?: boolean; context?: KeyContext } = {}): void {
  useInput(
    (input, key) => {
      const context = options.context ?? NO_CONTEXT;
      const command = commandFor(mode, input, key, context);
      if (command) {
        onCommand(command);
        return;
      }
      if (onText) {
        const text = typedText(input, key);
        if (text) onText(text);
        return;
      }
      // Keys pressed faster than they are read (a held key) arrive as one input: one command each.
      if (input.length > 1) {
        for (const c of input) {
          const each = commandFor(mode, c, key, context);
          if (each) onCommand(each);
        }
      }
    },
    { isActive: options.isActive ?? true },
  );
}
