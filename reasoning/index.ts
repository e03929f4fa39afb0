// The offline diagnostic engine: pure, deterministic functions over a knowledge base.
export { REASONING_DEFAULTS } from "./defaults.js";
export { type Evidence, EvidenceSchema, findingsRevealedBy, type Scope, ScopeSchema } from "./scope.js";
export {
  type Differential,
  type DifferentialEntry,
  DifferentialEntrySchema,
  DifferentialSchema,
  posterior,
  unknownFindings,
} from "./differential.js";
export { entropy, expectedInformationGain } from "./information.js";
export {
  candidateProbes,
  pendingFindings,
  type Probe,
  type ProbeExclusions,
  ProbeSchema,
  probeId,
} from "./probes.js";
export {
  type ChoiceOptions,
  chooseProbes,
  probeOutlook,
  type RankedProbe,
  RankedProbeSchema,
  rankProbes,
  type RankingOptions,
} from "./choice.js";
export {
  abstentionText,
  type StopDecision,
  StopDecisionSchema,
  type StopInput,
  StopInputSchema,
  STOPPING_PARAMETERS,
  stopDecision,
} from "./stopping.js";
