import { jsonText } from "../output/safe-text.js";
import { createHash } from "node:crypto";
import { appendFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { BrainRoleSchema, type BrainRole } from "../agents/roles.js";
import { LlmPlanSchema, type LlmPlan } from "./config.js";
import { redactSecrets } from "./secrets.js";
import { FILE_LIMITS, TextFileError, parseJsonWithinLimits, readTextFile } from "../core/file-limits.js";

/**
 * A session's model traffic as JSON Lines: a header with the brain plan (no secrets), then one
 * line per HTTP request in the order they were sent. Replaying feeds the same replies back with
 * no network, so the session comes out identical.
 */
export const RecordingHeaderSchema = z.object({
  dxsim: z.literal("llm-recording"),
  version: z.literal(1),
  plan: LlmPlanSchema,
});
export type RecordingHeader = z.infer<typeof RecordingHeaderSchema>;

export const RecordedRequestSchema = z.object({
  model: z.string(),
  /** The structured-output schema the request asked for (response format or forced tool). */
  schema: z.string().optional(),
  messages: z.array(z.object({ role: z.string(), content: z.unknown() })),
  /** sha256 of the request path and body: what replay matches on. */
  hash: z.string(),
});
export type RecordedRequest = z.infer<typeof RecordedRequestSchema>;

export const RecordedReplySchema = z.union([
  z.object({ status: z.number().int(), headers: z.record(z.string(), z.string()), body: z.string() }),
  /** No HTTP reply: the request timed out or the connection failed. */
  z.object({ failure: z.enum(["timeout", "network"]), detail: z.string() }),
]);
export type RecordedReply = z.infer<typeof RecordedReplySchema>;

export const RecordedCallSchema = z.object({
  /** 1-based position in the recording. */
  index: z.number().int().positive(),
  /** The case (and run) the call belongs to, so concurrent cases replay apart. */
  scope: z.string(),
  role: BrainRoleSchema,
  request: RecordedRequestSchema,
  reply: RecordedReplySchema,
});
export type RecordedCall = z.infer<typeof RecordedCallSchema>;

/** Reply headers worth keeping: they change what the client does next. */
export const KEPT_REPLY_HEADERS = ["content-type", "retry-after", "retry-after-ms"] as const;

/** What a request asked, read from its body; the hash covers the path and the whole body. */
export function describeRequest(path: string, body: string): RecordedRequest {
  let parsed: { model?: unknown; messages?: unknown; response_format?: { json_schema?: { name?: unknown } }; tools?: { function?: { name?: unknown } }[] } = {};
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    // A body that is not JSON is still hashed and recorded; it has no fields to show.
  }
  const schema = parsed.response_format?.json_schema?.name ?? parsed.tools?.[0]?.function?.name;
  const messages = Array.isArray(parsed.messages)
    ? parsed.messages.map((m: { role?: unknown; content?: unknown }) => ({ role: String(m?.role ?? ""), content: m?.content ?? "" }))
    : [];
  return {
    model: typeof parsed.model === "string" ? parsed.model : "",
    ...(typeof schema === "string" ? { schema } : {}),
    messages,
    hash: createHash("sha256").update(path).update("\n").update(body).digest("hex"),
  };
}

/** Appends calls to a recording file as they happen, so a crash leaves what was sent. */
export class Recorder {
  private index = 0;

  constructor(
    readonly file: string,
    plan: LlmPlan,
  ) {
    const header: RecordingHeader = { dxsim: "llm-recording", version: 1, plan };
    // A base URL may carry credentials (https://user:key@host); the recording keeps none.
    writeFileSync(file, `${redactSecrets(jsonText(header))}\n`);
  }

  record(scope: string, role: BrainRole, request: RecordedRequest, reply: RecordedReply): void {
    const call: RecordedCall = { index: ++this.index, scope, role, request, reply };
    // Replies can echo part of a rejected key; the recording keeps none.
    appendFileSync(this.file, `${redactSecrets(jsonText(call))}\n`);
  }
}

/** A replayed session asked for something its recording does not hold. */
export class ReplayDivergenceError extends Error {
  constructor(
    readonly callIndex: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = "ReplayDivergenceError";
  }
}

export class RecordingFileError extends Error {
  override name = "RecordingFileError";
}

/** Reads a recording: its header and calls, each line checked. */
export function readRecording(file: string): { header: RecordingHeader; calls: RecordedCall[] } {
  let text: string;
  try {
    text = readTextFile(file, FILE_LIMITS.linesFileBytes);
  } catch (e) {
    if (e instanceof TextFileError) throw new RecordingFileError(e.message);
    throw e;
  }
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const parseLine = <S extends z.ZodType>(n: number, schema: S): z.infer<S> => {
    let json: unknown;
    try {
      json = parseJsonWithinLimits(lines[n]!);
    } catch (e) {
      throw new RecordingFileError(`${file}:${n + 1}: not a JSON line (${(e as Error).message})`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RecordingFileError(`${file}:${n + 1}: not a dxsim recording line (${issue?.path.length ? `${issue.path.join(".")}: ` : ""}${issue?.message ?? "invalid"})`);
    }
    return parsed.data;
  };
  if (lines.length === 0) throw new RecordingFileError(`${file}: empty, not a dxsim recording`);
  const header = parseLine(0, RecordingHeaderSchema);
  const calls = lines.slice(1).map((_, i) => parseLine(i + 1, RecordedCallSchema));
  return { header, calls };
}

/**
 * Hands recorded replies back in the order they were recorded, per case and role (roles that
 * ran concurrently may have interleaved differently), checking each request against its
 * recording. A request that does not match names the recorded call it should have been.
 */
export class Replayer {
  private readonly used = new Set<number>();

  constructor(readonly calls: readonly RecordedCall[]) {}

  take(scope: string, role: BrainRole, request: RecordedRequest): RecordedCall {
    const pending = this.calls.filter((c) => c.scope === scope && c.role === role && !this.used.has(c.index));
    const match = pending.find((c) => c.request.hash === request.hash);
    if (match) {
      this.used.add(match.index);
      return match;
    }
    const expected = pending[0];
    if (!expected) {
      throw new ReplayDivergenceError(undefined, `replay diverged: ${role} (${scope}) made a call after its last recorded one (call ${this.calls.length + 1} of a ${this.calls.length}-call recording)`);
    }
    throw new ReplayDivergenceError(expected.index, `replay diverged at call ${expected.index} (${role}, ${scope}): ${difference(expected.request, request)}`);
  }

  /** Recorded calls the replay never asked for. */
  unused(): RecordedCall[] {
    return this.calls.filter((c) => !this.used.has(c.index));
  }
}

function difference(recorded: RecordedRequest, now: RecordedRequest): string {
  if (recorded.model !== now.model) return `the model was "${recorded.model}", now "${now.model}"`;
  if (recorded.schema !== now.schema) return `the schema was "${recorded.schema ?? "none"}", now "${now.schema ?? "none"}"`;
  const n = Math.max(recorded.messages.length, now.messages.length);
  for (let i = 0; i < n; i++) {
    if (JSON.stringify(recorded.messages[i]) !== JSON.stringify(now.messages[i])) {
      return `message ${i + 1} (${now.messages[i]?.role ?? recorded.messages[i]?.role}) differs from the recording`;
    }
  }
  return "the request settings differ from the recording";
}
