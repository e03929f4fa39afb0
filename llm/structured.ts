import { type BaseMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import { z } from "zod";
import type { Usage } from "../agents/debate.js";
import type { Prompt } from "../agents/prompt.js";
import type { LlmPlan, ModelBrain } from "./config.js";
import { type Fault, classifyFault, describeFault, nextDelay } from "./faults.js";
import type { ChatModel } from "./provider.js";
import { redactDeep, safeMessage } from "./secrets.js";
import type { CallSite, Exchange, Transport } from "./transport.js";

/** One role's question to a model: the prompt, and the schema its answer must fit. */
export interface StructuredRequest<S extends z.ZodType> {
  site: CallSite;
  brain: ModelBrain;
  schema: S;
  /** The schema's name as the model sees it (letters, digits, '_'). */
  schemaName: string;
  prompt: Prompt;
}

/** How a call ended: a valid answer, or the reason to fall back; tokens spent either way. */
export type CallOutcome<T> = { ok: true; output: T; usage: Usage; requests: number } | { ok: false; reason: string; usage: Usage; requests: number };

export interface CallerDeps {
  plan: LlmPlan;
  transport: Transport;
  model: (brain: ModelBrain, fetch: typeof globalThis.fetch) => ChatModel;
  /** Waiting between tries; injectable so tests of backoff run at once. */
  sleep?: (ms: number) => Promise<void>;
}

export type StructuredCaller = <S extends z.ZodType>(request: StructuredRequest<S>) => Promise<CallOutcome<z.infer<S>>>;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Room for a bad reply quoted back in the repair request. */
const REPAIR_QUOTE_CHARS = 4000;

/**
 * Calls a model for a schema-shaped answer. Timeouts, 429 (after its Retry-After) and 5xx are
 * retried with exponential backoff within the plan's bounds; an answer that does not fit the
 * schema gets one repair request quoting the validation errors. Anything else, or running out
 * of tries, ends the call with a reason (secrets removed) for the caller to fall back on.
 */
export function structuredCaller({ plan, transport, model, sleep = wait }: CallerDeps): StructuredCaller {
  // A replay has its replies already; waiting would only slow it down.
  const pause = transport.mode === "replay" ? async () => {} : sleep;
  return async ({ site, brain, schema, schemaName, prompt }) => {
    const usage: Usage = { inputTokens: 0, outputTokens: 0 };
    const base: BaseMessage[] = [new SystemMessage(prompt.system), new HumanMessage(prompt.user)];
    let messages = base;
    let requests = 0;
    let tries = 0;
    let waitedMs = 0;
    let repaired = false;
    const jsonSchema = modelSchema(schema);
    for (;;) {
      requests++;
      tries++;
      const exchange: Exchange = {};
      let problem: string;
      try {
        const runnable = model(brain, transport.fetchFor(site, exchange)).withStructuredOutput(jsonSchema, {
          name: schemaName,
          method: brain.method,
          includeRaw: true,
          // Non-strict: OpenAI's strict mode forbids optional fields, which the role schemas have;
          // the zod schema below is the check that counts.
          strict: false,
        });
        const { raw, parsed } = (await runnable.invoke(messages)) as { raw: BaseMessage; parsed: unknown };
        add(usage, usageOf(raw) ?? usageOfBody(exchange.body));
        const candidate = parsed ?? parseJson(replyText(raw));
        const checked = schema.safeParse(candidate);
        // A model may echo a key it saw; its reply enters the session (and every file) without it.
        if (checked.success) return { ok: true, output: redactDeep(checked.data as z.infer<typeof schema>), usage, requests };
        problem = candidate === undefined ? "the reply held no JSON object" : issuesOf(checked.error);
        messages = repairMessages(base, replyText(raw), problem);
      } catch (error) {
        if (transport.divergence) throw transport.divergence;
        if (exchange.status !== undefined && exchange.status >= 200 && exchange.status < 300) {
          // The server answered but the client could not parse it: malformed output, not a fault.
          add(usage, usageOfBody(exchange.body));
          problem = `the reply could not be read (${safeMessage(error).split("\n")[0]!.slice(0, 160)})`;
          messages = repairMessages(base, contentOfBody(exchange.body), problem);
        } else {
          const fault: Fault = classifyFault(error);
          const delay = nextDelay(plan.retry, fault, tries, waitedMs);
          if (delay === undefined) return { ok: false, reason: `${describeFault(fault)}${tries > 1 ? ` after ${tries} tries` : ""}`, usage, requests };
          await pause(delay);
          waitedMs += delay;
          continue;
        }
      }
      if (repaired) return { ok: false, reason: `malformed output after one repair: ${problem}`, usage, requests };
      repaired = true;
      tries = 0;
    }
  };
}

function repairMessages(base: BaseMessage[], previous: string, problem: string): BaseMessage[] {
  const quoted = previous.length > REPAIR_QUOTE_CHARS ? `${previous.slice(0, REPAIR_QUOTE_CHARS)}…` : previous;
  return [
    ...base,
    new HumanMessage(
      `Your previous reply did not fit the required schema: ${problem}.\n` +
        (quoted ? `It was:\n${quoted}\n` : "") +
        "Reply again with one JSON object that fits the schema exactly, and nothing else.",
    ),
  ];
}

const schemaCache = new WeakMap<z.ZodType, Record<string, unknown>>();

/**
 * The JSON schema the model is shown: what it may write (zod's input side, so defaulted fields
 * are optional), with `anyOf` for unions, the form OpenAI and local servers accept.
 */
export function modelSchema(schema: z.ZodType): Record<string, unknown> {
  let cached = schemaCache.get(schema);
  if (!cached) {
    const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
    cached = anyOfForOneOf(json) as Record<string, unknown>;
    schemaCache.set(schema, cached);
  }
  return cached;
}

function anyOfForOneOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(anyOfForOneOf);
  if (!node || typeof node !== "object") return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k === "oneOf" ? "anyOf" : k, anyOfForOneOf(v)]));
}

const add = (total: Usage, more: Usage | undefined) => {
  if (!more) return;
  total.inputTokens += more.inputTokens;
  total.outputTokens += more.outputTokens;
};

function usageOf(raw: BaseMessage): Usage | undefined {
  const meta = (raw as { usage_metadata?: { input_tokens?: number; output_tokens?: number } }).usage_metadata;
  if (!meta || (meta.input_tokens === undefined && meta.output_tokens === undefined)) return undefined;
  return { inputTokens: meta.input_tokens ?? 0, outputTokens: meta.output_tokens ?? 0 };
}

/** Usage straight from a chat-completions body, for replies the client could not turn into a message. */
function usageOfBody(body: string | undefined): Usage | undefined {
  const usage = (parseJson(body ?? "") as { usage?: { prompt_tokens?: number; completion_tokens?: number } } | undefined)?.usage;
  return usage ? { inputTokens: usage.prompt_tokens ?? 0, outputTokens: usage.completion_tokens ?? 0 } : undefined;
}

function contentOfBody(body: string | undefined): string {
  const message = (parseJson(body ?? "") as { choices?: { message?: { content?: string; tool_calls?: { function?: { arguments?: string } }[] } }[] } | undefined)?.choices?.[0]?.message;
  return message?.tool_calls?.[0]?.function?.arguments ?? message?.content ?? "";
}

/** The text of a reply: the forced tool call's arguments, or the message content. */
function replyText(raw: BaseMessage): string {
  const m = raw as { tool_calls?: { args?: unknown }[]; invalid_tool_calls?: { args?: string }[]; content: unknown };
  if (m.tool_calls?.[0]?.args !== undefined) return JSON.stringify(m.tool_calls[0].args);
  if (m.invalid_tool_calls?.[0]?.args) return m.invalid_tool_calls[0].args;
  return typeof m.content === "string" ? m.content : JSON.stringify(m.content);
}

function parseJson(text: string): unknown {
  // Some local models wrap the object in a markdown fence.
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text);
  try {
    return JSON.parse(fenced ? fenced[1]! : text);
  } catch {
    return undefined;
  }
}

function issuesOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 4)
    .map((i) => `${i.path.length ? i.path.join(".") : "(top)"}: ${i.message}`)
    .join("; ");
}
