import { type BaseCheckpointSaver, END, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import type { PanelBrains } from "../agents/brain.js";
import type { Knowledge } from "../agents/view.js";
import { installLeanRunContext } from "./lean-context.js";
import { gatekeeperNode, judgeNode, panelNodes, reviewNode, routingDebate } from "./nodes.js";
import { planNode, planReviewNode } from "./plan.js";
import type { CaseOracle } from "./oracle.js";
import type { PanelVariant } from "../core/settings.js";
import { SessionState } from "./state.js";

export interface GraphParts {
  knowledge: Knowledge;
  brains: PanelBrains;
  oracle: CaseOracle;
  variant: PanelVariant;
  /** Where steps are saved; false for none at all (a headless run, see headless.ts). */
  checkpointer?: BaseCheckpointSaver | false;
}

/** Which roles speak in a variant; the chair always decides. */
export function rolesOf(variant: PanelVariant): { skeptic: boolean; steward: boolean } {
  switch (variant) {
    case "single":
      return { skeptic: false, steward: false };
    case "no-skeptic":
      return { skeptic: false, steward: true };
    case "no-steward":
      return { skeptic: true, steward: false };
    default:
      return { skeptic: true, steward: true };
  }
}

/**
 * One round: hypothesis → (test chooser ∥ skeptic) → cost steward → [more debate turns] →
 * chair → physician review → gatekeeper → next round, until a diagnosis: then the panel's plan,
 * the physician's review of it, and the judge.
 */
export function buildSessionGraph({ knowledge, brains, oracle, variant, checkpointer }: GraphParts) {
  installLeanRunContext();
  const panel = panelNodes(brains, knowledge);
  const roles = rolesOf(variant);
  // Roles a variant leaves out are not in its graph at all (LangGraph refuses unreachable nodes).
  // The round's last debater routes to another turn or to the chair as it speaks; a superstep
  // costs LangGraph about as much as a role's reasoning, so no node is spent on bookkeeping alone.
  const last = roles.steward ? "costSteward" : roles.skeptic ? "debateEnd" : "testChooser";
  const debater = (name: typeof last, node: (typeof panel)[typeof last]) =>
    [name === last ? routingDebate(node) : node, name === last ? { ends: ["hypothesis", "chair"] } : {}] as const;
  const graph = new StateGraph(SessionState)
    .addNode("hypothesis", panel.hypothesis)
    .addNode("testChooser", ...debater("testChooser", panel.testChooser))
    .addNode("chair", panel.chair)
    .addNode("review", reviewNode(knowledge), { ends: ["proposePlan", "gatekeeper"] })
    .addNode("gatekeeper", gatekeeperNode(oracle))
    .addNode("proposePlan", planNode(brains))
    .addNode("planReview", planReviewNode())
    .addNode("judge", judgeNode(oracle))
    .addEdge(START, "hypothesis")
    .addEdge("hypothesis", "testChooser");
  if (roles.skeptic) {
    // The skeptic reads the same differential as the test chooser, so they run in parallel.
    graph.addNode("skeptic", panel.skeptic).addEdge("hypothesis", "skeptic" as never);
  }
  const debaters = (roles.skeptic ? ["testChooser", "skeptic"] : ["testChooser"]) as never[];
  if (roles.steward) graph.addNode("costSteward", ...debater("costSteward", panel.costSteward)).addEdge(debaters as never, "costSteward" as never);
  else if (roles.skeptic) graph.addNode("debateEnd", ...debater("debateEnd", panel.debateEnd)).addEdge(debaters as never, "debateEnd" as never);
  graph
    .addEdge("chair", "review")
    .addEdge("proposePlan", "planReview")
    .addEdge("planReview", "judge")
    .addEdge("gatekeeper", "hypothesis")
    .addEdge("judge", END);
  return graph.compile({ checkpointer: checkpointer === false ? false : (checkpointer ?? new MemorySaver()) });
}

export type SessionGraph = ReturnType<typeof buildSessionGraph>;
