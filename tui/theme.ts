import type { PanelRole } from "../agents/roles.js";

/** The colours the console uses, by meaning. Undefined means "no colour": text stays plain. */
export interface Theme {
  readonly color: boolean;
  readonly role: Readonly<Record<PanelRole, string | undefined>>;
  readonly accent: string | undefined;
  readonly abnormal: string | undefined;
  readonly newest: string | undefined;
  readonly up: string | undefined;
  readonly down: string | undefined;
  readonly muted: string | undefined;
  readonly alert: string | undefined;
  readonly good: string | undefined;
  readonly bar: string | undefined;
  /** Budget bar colour by how much of the budget is left. */
  budget(leftShare: number): string | undefined;
}

const ROLE_COLOURS: Record<PanelRole, string> = {
  hypothesis: "cyan",
  "test-chooser": "green",
  skeptic: "magenta",
  "cost-steward": "yellow",
  chair: "blueBright",
};

/** Below these shares of the budget left, the bar turns amber, then red. */
export const BUDGET_LOW = 0.4;
export const BUDGET_CRITICAL = 0.15;

const coloured: Theme = {
  color: true,
  role: ROLE_COLOURS,
  accent: "cyan",
  abnormal: "red",
  newest: "yellowBright",
  up: "green",
  down: "red",
  muted: "gray",
  alert: "red",
  good: "green",
  bar: "cyan",
  budget: (left) => (left <= BUDGET_CRITICAL ? "red" : left <= BUDGET_LOW ? "yellow" : "green"),
};

const plain: Theme = {
  color: false,
  role: { hypothesis: undefined, "test-chooser": undefined, skeptic: undefined, "cost-steward": undefined, chair: undefined },
  accent: undefined,
  abnormal: undefined,
  newest: undefined,
  up: undefined,
  down: undefined,
  muted: undefined,
  alert: undefined,
  good: undefined,
  bar: undefined,
  budget: () => undefined,
};

/** NO_COLOR (https://no-color.org): any non-empty value turns colour off. */
export const themeFor = (env: Readonly<Record<string, string | undefined>>): Theme =>
  env.NO_COLOR !== undefined && env.NO_COLOR !== "" ? plain : coloured;
