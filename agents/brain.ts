import type { ChairOptions, ChairOutput, RoundDebate } from "./chair.js";
import { chairOffline } from "./chair.js";
import type { CostStewardOutput } from "./cost-steward.js";
import { costStewardOffline } from "./cost-steward.js";
import type { Usage } from "./debate.js";
import type { DiagnosisGuess } from "../core/action.js";
import type { HypothesisOutput } from "./hypothesis.js";
import { type TreatmentPlan, planOffline } from "./plan.js";
import { hypothesisOffline } from "./hypothesis.js";
import type { SkepticOutput } from "./skeptic.js";
import { skepticOffline } from "./skeptic.js";
import type { TestChooserOutput } from "./test-chooser.js";
import { testChooserOffline } from "./test-chooser.js";
import type { Knowledge, PanelView } from "./view.js";

/** A role's answer, with who gave it: the graph records both in the debate. */
export interface RoleResult<T> {
  output: T;
  brain: string;
  fallback?: string;
  usage?: Usage;
}

/** One function per panel role. Offline and model-backed brains are interchangeable here. */
export interface PanelBrains {
  hypothesis(view: PanelView): Promise<RoleResult<HypothesisOutput>>;
  testChooser(view: PanelView, hypothesis: HypothesisOutput): Promise<RoleResult<TestChooserOutput>>;
  skeptic(view: PanelView, hypothesis: HypothesisOutput): Promise<RoleResult<SkepticOutput>>;
  costSteward(view: PanelView, chooser: TestChooserOutput): Promise<RoleResult<CostStewardOutput>>;
  chair(view: PanelView, debate: RoundDebate): Promise<RoleResult<ChairOutput>>;
  /** The initial plan for the diagnosis the panel named (written by the chair's brain). */
  plan(view: PanelView, diagnosis: DiagnosisGuess): Promise<RoleResult<TreatmentPlan>>;
}

const offline = <T>(output: T): Promise<RoleResult<T>> => Promise.resolve({ output, brain: "offline" });

/** The embedded default: every role on the deterministic engine. */
export function offlineBrains(knowledge: Knowledge, chairOptions: ChairOptions = {}): PanelBrains {
  return {
    hypothesis: (view) => offline(hypothesisOffline(view, knowledge)),
    testChooser: (view, h) => offline(testChooserOffline(view, h, knowledge)),
    skeptic: (view, h) => offline(skepticOffline(view, h, knowledge)),
    costSteward: (view, c) => offline(costStewardOffline(view, c, knowledge)),
    chair: (view, d) => offline(chairOffline(view, d, knowledge, chairOptions)),
    plan: (view, dx) => offline(planOffline(dx, knowledge)),
  };
}
