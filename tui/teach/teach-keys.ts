import { BINDINGS, type Binding, type HelpSection, type KeyCommand, type KeyContext, type KeyHint, type KeyMode, keysLabel } from "../keymap.js";

/**
 * Learner mode's keys. They are the console's bindings, taken from the keymap (one table for
 * every key), at the stage of a round where learner mode answers them; where a key means
 * something else here (Enter carries out the learner's own decision), its words are learner
 * mode's own.
 */

/** Where a learner is in a round. */
export type TeachStage = "decide" | "compare" | "busy" | "final";

interface TeachKey {
  command: KeyCommand;
  hint?: string;
  description?: string;
}

interface StageKeys {
  title: string;
  /** The keymap mode whose bindings the stage reads. */
  mode: KeyMode;
  keys: readonly TeachKey[];
}

const ALWAYS: readonly TeachKey[] = [{ command: "quit" }, { command: "help" }, { command: "interrupt" }];

/** A teacher's "what if": the learner goes on in a new saved session from an earlier move. */
const FORK: TeachKey = { command: "fork", description: "fork: a new saved session from your move at a round you choose; this one stays as it is" };

const STAGES: Record<TeachStage, StageKeys> = {
  decide: {
    title: "Your move (the panel stays hidden)",
    mode: "review",
    keys: [
      { command: "ask", description: "ask the patient your own question (free text)" },
      { command: "order", description: "order a test (search the catalog, or free text)" },
      { command: "diagnose", description: "commit to a final diagnosis (search the knowledge base, or type)" },
      { command: "undo", description: "go back to the round before" },
      FORK,
      ...ALWAYS,
    ],
  },
  compare: {
    title: "Your decision beside the panel's",
    mode: "review",
    keys: [
      { command: "approve", hint: "carry out your decision", description: "carry out your decision (never the panel's)" },
      { command: "step" },
      { command: "expand" },
      { command: "focusUp" },
      { command: "focusDown" },
      { command: "undo", description: "go back to the round before, leaving this decision undone" },
      ...ALWAYS,
    ],
  },
  busy: { title: "While the panel works", mode: "busy", keys: ALWAYS },
  final: {
    title: "The debrief (the verdict stands: a retry is a new attempt)",
    mode: "final",
    keys: [
      { command: "write", hint: "write debrief", description: "write the debrief as Markdown to the current folder" },
      // No undo after the verdict: a retry is a new attempt (a fork, or the case again), counted.
      FORK,
      ...ALWAYS,
    ],
  },
};

const ORDER: readonly TeachStage[] = ["decide", "compare", "busy", "final"];

/** The keymap mode a stage's keys are read in. */
export const stageMode = (stage: TeachStage): KeyMode => STAGES[stage].mode;

/** Whether learner mode answers a command at this stage (the console may mean more by the key). */
export const answers = (stage: TeachStage, command: KeyCommand): boolean => STAGES[stage].keys.some((k) => k.command === command);

/** The console's bindings of a stage's commands, each with learner mode's words. */
function stageBindings(stage: TeachStage): { binding: Binding; key: TeachKey }[] {
  const { mode, keys } = STAGES[stage];
  return keys.flatMap((key) => BINDINGS.filter((b) => b.command === key.command && b.modes.includes(mode)).map((binding) => ({ binding, key })));
}

/** The footer at a stage: the keys that work now, help last. */
export function teachHints(stage: TeachStage, context: KeyContext): KeyHint[] {
  const active = stageBindings(stage).filter(({ binding }) => !binding.quiet && (!binding.when || binding.when(context)));
  const help = active.filter(({ binding }) => binding.command === "help");
  return [...active.filter(({ binding }) => binding.command !== "help"), ...help].map(({ binding, key }) => ({ keys: keysLabel(binding), hint: key.hint ?? binding.hint }));
}

/** The help: every stage's keys, the current stage first; the fork only for a session that can be forked. */
export function teachHelp(current: TeachStage, { canFork = false }: Pick<KeyContext, "canFork"> = {}): HelpSection[] {
  return [current, ...ORDER.filter((s) => s !== current)].map((stage) => ({
    title: STAGES[stage].title,
    rows: stageBindings(stage)
      .filter(({ binding }) => canFork || binding.command !== "fork")
      .map(({ binding, key }) => ({ keys: keysLabel(binding), description: key.description ?? binding.description })),
  }));
}
