import type { Knowledge } from "../agents/view.js";
import type { Case } from "../core/case.js";
import { createOracle } from "../graph/oracle.js";
import type { SessionOptions } from "../graph/session.js";
import type { PanelVariant } from "../core/settings.js";
import type { BrainChoice, BrainsFor } from "../sessions/store.js";

/** The panel's brains (and the oracle's) for a case; nothing for the offline defaults. */
export type BrainsFactory = (
  caseFile: Case,
  knowledge: Knowledge,
  options: BrainChoice & { variant: PanelVariant },
) => Promise<Pick<SessionOptions, "brains" | "oracle">>;

/** Model brains are loaded only when asked for, so the offline console starts fast. */
export const brainsFromFlags: BrainsFactory = async (caseFile, knowledge, { brain, config, variant }) => {
  if (!brain || brain === "offline") return {};
  const { brainsFromCli } = await import("../llm/cli.js");
  const made = brainsFromCli({ brain, ...(config ? { config } : {}) }, knowledge, caseFile, { variant });
  if (!made) return {};
  const gatekeeper = made.gatekeeper ? { gatekeeper: made.gatekeeper } : {};
  const judge = made.judge ? { judge: made.judge } : {};
  return { brains: made.panel, oracle: createOracle(caseFile, knowledge, { ...gatekeeper, ...judge }) };
};

/**
 * The brains a saved session was started with, made again from the brain it names and the
 * settings and keys in the environment now.
 */
export const brainsFromChoice =
  (knowledge: Knowledge): BrainsFor =>
  (caseFile, record) =>
    brainsFromFlags(caseFile, knowledge, { ...record.brain, variant: record.settings.variant });
