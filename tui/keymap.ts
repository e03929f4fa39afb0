import type { Key } from "ink";

/**
 * Every key the console answers, in one table. The footer and the `?` help are generated from
 * it, and components ask it which command a keypress means: no component reads keys itself.
 */

/** Where the keyboard is: each screen or prompt has its own bindings. */
export type KeyMode =
  | "picker"
  | "review"
  | "plan"
  | "busy"
  | "final"
  | "edit"
  | "text"
  | "search"
  | "confirm"
  | "help";

export type KeyCommand =
  | "approve"
  | "edit"
  | "ask"
  | "order"
  | "diagnose"
  | "replacePlan"
  | "raiseBudget"
  | "undo"
  | "fork"
  | "step"
  | "expand"
  | "focusUp"
  | "focusDown"
  | "playOn"
  | "stopPlay"
  | "quit"
  | "help"
  | "write"
  | "up"
  | "down"
  | "submit"
  | "cancel"
  | "deleteChar"
  | "remove"
  | "addTest"
  | "addQuestion"
  | "yes"
  | "no"
  | "nextComplaint"
  | "previousComplaint"
  | "nextDifficulty"
  | "closeHelp"
  | "interrupt";

/** What the bindings may depend on besides the mode. */
export interface KeyContext {
  /** The review carries a budget alert: approving cannot go through until the physician acts. */
  budgetAlert: boolean;
  /** There is an earlier round (or a verdict) to go back from. */
  canUndo: boolean;
  /** The session is saved, so a new one can begin at one of its reviews; absent: it cannot. */
  canFork?: boolean;
}

export const NO_CONTEXT: KeyContext = { budgetAlert: false, canUndo: false };

interface KeySpec {
  /** How the key is written in the footer and help. */
  label: string;
  matches(input: string, key: Key): boolean;
}

export interface Binding {
  command: KeyCommand;
  keys: readonly KeySpec[];
  /** Short, for the footer. */
  hint: string;
  /** One line, for the help. */
  description: string;
  modes: readonly KeyMode[];
  /** Left out of the footer (still in the help): arrows and the like. */
  quiet?: boolean;
  /** How the footer writes the keys, when not from the keys themselves ("←/→" for a pair). */
  keysLabel?: string;
  when?: (context: KeyContext) => boolean;
}

const plainKey = (key: Key): boolean => !key.ctrl && !key.meta;
const char = (c: string, label = c): KeySpec => ({ label, matches: (input, key) => input === c && plainKey(key) });
const named = (label: string, test: (key: Key) => boolean): KeySpec => ({ label, matches: (_input, key) => test(key) });

const ENTER = named("Enter", (k) => k.return);
const ESC = named("Esc", (k) => k.escape);
const UP = named("↑", (k) => k.upArrow);
const DOWN = named("↓", (k) => k.downArrow);
const LEFT = named("←", (k) => k.leftArrow);
const RIGHT = named("→", (k) => k.rightArrow);
const TAB = named("Tab", (k) => k.tab && !k.shift);
const BACKSPACE = named("Backspace", (k) => k.backspace);
const DELETE = named("Del", (k) => k.delete);
const SPACE = char(" ", "space");
const CTRL_C: KeySpec = { label: "Ctrl-C", matches: (input, key) => key.ctrl && input === "c" };

const SESSION: readonly KeyMode[] = ["review", "plan", "busy", "final"];

export const BINDINGS: readonly Binding[] = [
  // The session's review: the physician's controls.
  { command: "approve", keys: [ENTER], hint: "approve", description: "approve the panel's proposed action", modes: ["review"], when: (c) => !c.budgetAlert },
  { command: "raiseBudget", keys: [char("b")], hint: "raise budget", description: "raise the budget (over budget only)", modes: ["review"], when: (c) => c.budgetAlert },
  { command: "edit", keys: [char("e")], hint: "edit", description: "edit the action: remove items, add a catalog test or a question", modes: ["review"] },
  { command: "ask", keys: [char("a")], hint: "ask", description: "ask your own question instead (free text)", modes: ["review"] },
  { command: "order", keys: [char("o")], hint: "order", description: "order your own test instead (search the catalog, or free text)", modes: ["review"] },
  { command: "diagnose", keys: [char("d")], hint: "diagnose", description: "give the final diagnosis (pick from the differential or type)", modes: ["review"] },
  // The plan after the diagnosis: reviewed like any action.
  { command: "approve", keys: [ENTER], hint: "approve plan", description: "approve the panel's treatment plan", modes: ["plan"] },
  { command: "edit", keys: [char("e")], hint: "edit plan", description: "edit the plan (first line: … | disposition: … | monitor: … | avoid: …)", modes: ["plan"] },
  { command: "replacePlan", keys: [char("r")], hint: "own plan", description: "write your own plan instead", modes: ["plan"] },
  { command: "undo", keys: [char("u")], hint: "undo", description: "undo the last round (or the verdict)", modes: ["review", "final"], when: (c) => c.canUndo },
  { command: "fork", keys: [char("f")], hint: "fork", description: "fork: a new saved session from the review of a round you choose; this one stays as it is", modes: ["review", "final"], when: (c) => Boolean(c.canFork) },
  { command: "step", keys: [char("n"), SPACE], hint: "step", description: "step through the debate role by role, at teaching pace", modes: ["review", "busy"] },
  { command: "expand", keys: [char("x")], hint: "expand", description: "show a role's full reasoning, or fold it again", modes: ["review", "busy"] },
  { command: "focusUp", keys: [UP], hint: "previous role", description: "move to the previous role of the debate", modes: ["review", "busy"], quiet: true },
  { command: "focusDown", keys: [DOWN], hint: "next role", description: "move to the next role of the debate", modes: ["review", "busy"], quiet: true },
  { command: "playOn", keys: [char("p")], hint: "play on", description: "play on to the end, approving every proposal", modes: ["review"] },
  { command: "stopPlay", keys: [char("p"), ESC], hint: "stop", description: "stop playing on after this round", modes: ["busy"] },
  { command: "write", keys: [char("w")], hint: "write transcript", description: "write a Markdown transcript to the current folder", modes: ["final"] },
  { command: "quit", keys: [char("q")], hint: "quit", description: "quit (asks first; the session is saved)", modes: SESSION },
  { command: "help", keys: [char("?")], hint: "help", description: "show all keys", modes: [...SESSION, "picker"] },

  // The case picker: typing searches, so its commands use keys that do not type.
  { command: "up", keys: [UP], hint: "move", description: "move up the list", modes: ["picker", "edit", "search"], quiet: true },
  { command: "down", keys: [DOWN], hint: "move", description: "move down the list", modes: ["picker", "edit", "search"], quiet: true },
  { command: "previousComplaint", keys: [LEFT], hint: "complaint", description: "filter by the previous presenting complaint", modes: ["picker"], quiet: true },
  { command: "nextComplaint", keys: [RIGHT], keysLabel: "←/→", hint: "complaint", description: "filter by the next presenting complaint", modes: ["picker"] },
  { command: "nextDifficulty", keys: [TAB], hint: "difficulty", description: "filter by difficulty", modes: ["picker"] },

  // The action editor.
  { command: "remove", keys: [char("x"), DELETE, BACKSPACE], hint: "remove", description: "remove the selected item", modes: ["edit"] },
  { command: "addTest", keys: [char("t")], hint: "add test", description: "add a catalog test (search as you type)", modes: ["edit"] },
  { command: "addQuestion", keys: [char("a")], hint: "add question", description: "add a question (free text)", modes: ["edit"] },

  // Prompts.
  { command: "yes", keys: [char("y"), ENTER], hint: "yes", description: "confirm", modes: ["confirm"] },
  { command: "no", keys: [char("n"), ESC], hint: "no", description: "go back", modes: ["confirm"] },
  { command: "deleteChar", keys: [BACKSPACE, DELETE], hint: "delete", description: "delete the last character", modes: ["text", "search", "picker"], quiet: true },
  { command: "submit", keys: [ENTER], hint: "choose", description: "choose, or send what was typed", modes: ["picker", "edit", "text", "search"] },
  { command: "cancel", keys: [ESC], hint: "back", description: "go back (in the picker: clear the search, then quit)", modes: ["picker", "edit", "text", "search"] },
  { command: "closeHelp", keys: [ESC, char("?"), char("q")], hint: "close", description: "close the help", modes: ["help"] },

  { command: "interrupt", keys: [CTRL_C], hint: "quit now", description: "quit at once (the session is saved)", modes: ["picker", ...SESSION, "edit", "text", "search", "confirm", "help"], quiet: true },
];

/** The command a keypress means in a mode, if any. */
export function commandFor(mode: KeyMode, input: string, key: Key, context: KeyContext = NO_CONTEXT): KeyCommand | undefined {
  const binding = BINDINGS.find(
    (b) => b.modes.includes(mode) && (!b.when || b.when(context)) && b.keys.some((k) => k.matches(input, key)),
  );
  return binding?.command;
}

export interface KeyHint {
  keys: string;
  hint: string;
}

export const keysLabel = (b: Binding): string => b.keysLabel ?? b.keys.map((k) => k.label).join("/");

/** The footer: the keys that work now, in table order, with help last. */
export function footerHints(mode: KeyMode, context: KeyContext = NO_CONTEXT): KeyHint[] {
  const active = BINDINGS.filter((b) => b.modes.includes(mode) && !b.quiet && (!b.when || b.when(context)));
  return [...active.filter((b) => b.command !== "help"), ...active.filter((b) => b.command === "help")].map((b) => ({ keys: keysLabel(b), hint: b.hint }));
}

export interface HelpSection {
  title: string;
  rows: { keys: string; description: string }[];
}

const HELP_SECTIONS: readonly { title: string; mode: KeyMode }[] = [
  { title: "At a review", mode: "review" },
  { title: "Reviewing the treatment plan", mode: "plan" },
  { title: "While the panel works", mode: "busy" },
  { title: "After the verdict", mode: "final" },
  { title: "Editing an action", mode: "edit" },
  { title: "Searching (tests, diagnoses)", mode: "search" },
  { title: "Choosing a case", mode: "picker" },
];

/** The full help, one section per screen, every binding with its description. */
export function helpSections(): HelpSection[] {
  return HELP_SECTIONS.map(({ title, mode }) => ({
    title,
    rows: BINDINGS.filter((b) => b.modes.includes(mode)).map((b) => ({ keys: keysLabel(b), description: b.description })),
  }));
}

/** Printable text a keypress types into a text field (nothing for control keys). */
export function typedText(input: string, key: Key): string {
  if (key.ctrl || key.meta || key.return || key.escape || key.tab || key.backspace || key.delete) return "";
  // Pasted text arrives as one input; keep its printable characters only.
  return [...input].filter((c) => c >= " " && c !== "\u007f").join("");
}

/** One thing an input means: a command, or text typed into a field. */
export type KeyPart = { kind: "command"; command: KeyCommand } | { kind: "text"; text: string };

const LINE_BREAK = /(\r\n|\r|\n)/;

/**
 * What one input means, in order. A terminal hands over everything that arrived since the last
 * read as one input, so pasted text, or keys typed faster than they are read (tmux, a slow
 * link), can bring several keys at once: text and the Enter after it ("1⏎" in the fork prompt),
 * or a held key. Each part is meant to be handled after the one before it has taken effect.
 */
export function keyParts(mode: KeyMode, input: string, key: Key, context: KeyContext, takesText: boolean): KeyPart[] {
  const command = commandFor(mode, input, key, context);
  if (command) return [{ kind: "command", command }];
  if (takesText) {
    return input.split(LINE_BREAK).flatMap((part): KeyPart[] => {
      const meant = LINE_BREAK.test(part) ? commandFor(mode, "", { ...key, return: true }, context) : undefined;
      if (meant) return [{ kind: "command", command: meant }];
      const text = typedText(part, key);
      return text ? [{ kind: "text", text }] : [];
    });
  }
  // A held key: one command for each.
  if (input.length < 2) return [];
  return [...input].flatMap((c): KeyPart[] => {
    const each = commandFor(mode, c, key, context);
    return each ? [{ kind: "command", command: each }] : [];
  });
}
