import { Box, Text } from "ink";
import type { DebateMessage } from "../../agents/debate.js";
import { type PanelRole, PanelRoleSchema } from "../../agents/roles.js";
import { rolesOf } from "../../graph/build.js";
import type { SessionSettings } from "../../core/settings.js";
import { useDisplay } from "../hooks/useDisplay.js";
import { DebateBlock } from "./DebateBlock.js";

export interface DebateProps {
  round: number;
  /** The roles of this panel, in speaking order. */
  roles: readonly PanelRole[];
  /** This round's messages; a role that spoke in several turns shows its latest. */
  messages: readonly DebateMessage[];
  /** The graph is working on this round. */
  running: boolean;
  /** Index (into roles) of the role in focus, if any. */
  focus: number | null;
  /** The role in focus shows its full reasoning. */
  expanded: boolean;
  /** Roles shown so far when stepping at teaching pace; all otherwise. */
  revealed: number;
  /** Rows for the whole debate below its title. */
  rows: number;
  names: ReadonlyMap<string, string>;
}

/** The roles a panel variant seats, in speaking order. */
export function seatedRoles(settings: Pick<SessionSettings, "variant">): PanelRole[] {
  const { skeptic, steward } = rolesOf(settings.variant);
  return PanelRoleSchema.options.filter((r) => (r === "skeptic" ? skeptic : r === "cost-steward" ? steward : true));
}

/** Roles that run side by side: both are at work when either is next. */
const PARALLEL: ReadonlySet<PanelRole> = new Set(["test-chooser", "skeptic"]);

export function Debate({ round, roles, messages, running, focus, expanded, revealed, rows, names }: DebateProps) {
  const { theme } = useDisplay();
  const latest = new Map(messages.map((m) => [m.role, m]));
  const next = roles.find((r) => !latest.has(r));
  const thinking = (r: PanelRole) => running && !latest.has(r) && (r === next || (next !== undefined && PARALLEL.has(r) && PARALLEL.has(next)));
  const shown = roles.slice(0, revealed);
  const hintRows = revealed < roles.length ? 1 : 0;
  const expandedRows = Math.max(1, rows - shown.length - hintRows);
  return (
    <Box flexDirection="column">
      <Text bold>{`Debate, round ${round}${revealed < roles.length ? ` · role ${revealed} of ${roles.length}` : ""}`}</Text>
      {shown.map((role, i) => (
        <DebateBlock
          key={role}
          role={role}
          message={latest.get(role) ?? null}
          thinking={thinking(role)}
          focused={focus === i}
          expandedRows={expanded && focus === i ? expandedRows : 0}
          names={names}
        />
      ))}
      {revealed < roles.length ? <Text color={theme.muted}>{"  n or space: the next role"}</Text> : null}
    </Box>
  );
}
