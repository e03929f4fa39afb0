import { useEffect, useState } from "react";

/** How far the physician has stepped through this round's debate, and which role is open. */
export interface TeachingPace {
  /** Stepping through the debate role by role. */
  stepping: boolean;
  /** Roles shown so far (all of them unless stepping). */
  revealed: number;
  /** The role in focus (an index into the panel's roles), if any. */
  focus: number | null;
  /** The role in focus shows its full reasoning. */
  expanded: boolean;
}

export interface TeachingControls {
  /** The next role, at teaching pace; after the last one, the whole debate again. */
  step(): void;
  /** Opens or folds the focused role's full reasoning (the last role shown by default). */
  expand(): void;
  focusUp(): void;
  focusDown(): void;
}

/** The debate's teaching pace, started afresh each round. */
export function useTeachingPace(roleCount: number, round: number): [TeachingPace, TeachingControls] {
  const all: TeachingPace = { stepping: false, revealed: roleCount, focus: null, expanded: false };
  const [pace, setPace] = useState<TeachingPace>(all);
  useEffect(() => setPace({ stepping: false, revealed: roleCount, focus: null, expanded: false }), [round, roleCount]);
  return [
    pace,
    {
      step: () =>
        setPace((p) =>
          !p.stepping
            ? { stepping: true, revealed: 1, focus: 0, expanded: true }
            : p.revealed < roleCount
              ? { stepping: true, revealed: p.revealed + 1, focus: p.revealed, expanded: true }
              : { stepping: false, revealed: roleCount, focus: null, expanded: false },
        ),
      expand: () => setPace((p) => (p.focus === null ? { ...p, focus: p.revealed - 1, expanded: true } : { ...p, expanded: !p.expanded })),
      focusUp: () => setPace((p) => ({ ...p, focus: Math.max(0, (p.focus ?? p.revealed) - 1) })),
      focusDown: () => setPace((p) => ({ ...p, focus: Math.min(p.revealed - 1, (p.focus ?? -1) + 1) })),
    },
  ];
}
