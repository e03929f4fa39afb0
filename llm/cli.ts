import { basename } from "node:path";
import { type Command, Option } from "commander";
import type { Case } from "../core/case.js";
import type { Knowledge } from "../agents/view.js";
import { referencePlan } from "../graph/session.js";
import type { PanelVariant } from "../core/settings.js";
import { type SessionBrains, type BrainOptions, type LlmRuntime, createBrains, llmRuntime } from "./brains.js";
import { BrainKindSchema, LlmConfigError, findConfigFile, readConfigFile, resolveLlmConfig, usesModels } from "./config.js";
import { Recorder, Replayer, readRecording } from "./recording.js";
import { liveTransport, recordingTransport, replayTransport } from "./transport.js";

/** The brain flags `dxsim run` and `dxsim play` share. */
export interface LlmCliFlags {
  brain?: string;
  config?: string;
  record?: string;
  replay?: string;
}

/** Adds --brain, --config, --record and --replay to a command. */
export function addBrainOptions(command: Command): Command {
  return command
    .addOption(new Option("--brain <brain>", "brain of every role the config file does not pin (env DXSIM_BRAIN)").choices(BrainKindSchema.options))
    .option("--config <file>", "brain settings (YAML or JSON); ./dxsim.config.yaml when present")
    .option("--record <file>", "write every model request and reply to a JSON Lines file")
    .option("--replay <file>", "replay a recording: the same session, no network");
}

/**
 * The model runtime the flags ask for, or undefined when every role stays offline. Settings
 * are checked here, before any call: a LlmConfigError names what to set.
 */
export function llmRuntimeFromCli(flags: LlmCliFlags, env: Readonly<Record<string, string | undefined>> = process.env): LlmRuntime | undefined {
  if (flags.replay) {
    if (flags.record || flags.brain || flags.config) throw new LlmConfigError(["--replay takes its brains from the recording: drop --brain, --config and --record"]);
    const { header, calls } = readRecording(flags.replay);
    return llmRuntime({ plan: header.plan, credentials: {}, transport: replayTransport(new Replayer(calls)) });
  }
  const file = findConfigFile(flags.config);
  const { plan, credentials } = resolveLlmConfig(readConfigFile(file), env, flags.brain ? { brain: flags.brain } : {}, file ? basename(file) : "dxsim.config.yaml");
  if (!usesModels(plan) && !flags.record) return undefined;
  const transport = flags.record ? recordingTransport(new Recorder(flags.record, plan)) : liveTransport();
  return llmRuntime({ plan, credentials, transport });
}

/** Per case (and run) of a batch: fresh brains and a fresh token meter, on the one runtime. */
export const brainsForCases =
  (runtime: LlmRuntime, knowledge: Knowledge, variant: PanelVariant = "full") =>
  (caseFile: Case, run = 0): SessionBrains => {
    const plan = referencePlan(caseFile, variant, knowledge);
    return createBrains(runtime, knowledge, caseFile, { scope: `${caseFile.id}#${run}`, ...(plan ? { chairOptions: { referencePlan: plan } } : {}) });
  };

const runtimes = new WeakMap<LlmCliFlags, LlmRuntime | undefined>();

/**
 * The brains of one interactive session from the command line (the play command): undefined
 * when every role is offline, so the session keeps its defaults. The runtime (and a recording)
 * is made once per flags object.
 */
export function brainsFromCli(flags: LlmCliFlags, knowledge: Knowledge, caseFile: Case, options: BrainOptions & { variant?: PanelVariant } = {}): SessionBrains | undefined {
  if (!runtimes.has(flags)) runtimes.set(flags, llmRuntimeFromCli(flags));
  const runtime = runtimes.get(flags);
  if (!runtime) return undefined;
  const plan = options.variant ? referencePlan(caseFile, options.variant, knowledge) : undefined;
  return createBrains(runtime, knowledge, caseFile, { ...options, ...(plan ? { chairOptions: { referencePlan: plan } } : {}) });
}
