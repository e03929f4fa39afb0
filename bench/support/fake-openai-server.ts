import { type IncomingHttpHeaders, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small OpenAI-compatible chat-completions server for tests: real HTTP on 127.0.0.1, port 0.
 * It serves both URL shapes dxsim uses: OpenAI's /v1/chat/completions (Bearer key) and Azure's
 * /openai/deployments/{deployment}/chat/completions?api-version=… (api-key header).
 * Replies are scripted per request, and faults can be injected: delay, 429 with Retry-After,
 * 5xx, malformed JSON, and a reply that never comes.
 */

export interface ChatMessage {
  role: string;
  content: string;
}

/** One request as the server received it. */
export interface ReceivedRequest {
  shape: "openai" | "azure";
  path: string;
  deployment?: string;
  apiVersion?: string;
  headers: IncomingHttpHeaders;
  body: {
    model?: string;
    messages: ChatMessage[];
    response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
    tools?: { type: string; function: { name: string; parameters: unknown } }[];
    tool_choice?: unknown;
  };
  /** The schema the request asked for: response_format's name, or the forced tool's. */
  schema: string | undefined;
  /** Text of all messages, for scripts that answer by content. */
  text: string;
  /** Raw bytes as received, to check what leaves the machine. */
  raw: string;
}

export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

export type ScriptedReply =
  /** A structured answer: as message content (response_format) or a tool call (tools), whichever was asked. */
  | { output: unknown; usage?: TokenUsage; delayMs?: number }
  | { status: number; retryAfter?: string; body?: unknown; delayMs?: number }
  /** A 200 whose content is not the JSON asked for. */
  | { malformed: string; usage?: TokenUsage; delayMs?: number }
  /** Never replies: the client's timeout must fire. */
  | { hang: true };

export type Script = (request: ReceivedRequest, index: number) => ScriptedReply | Promise<ScriptedReply>;

export interface FakeOpenAIServer {
  /** http://127.0.0.1:PORT/v1, for OPENAI_BASE_URL. */
  baseURL: string;
  /** http://127.0.0.1:PORT, for AZURE_OPENAI_ENDPOINT. */
  origin: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export const DEFAULT_USAGE: TokenUsage = { prompt_tokens: 120, completion_tokens: 30 };

const AZURE_PATH = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;

export interface FakeServerOptions {
  /**
   * Report usage as a real server roughly would (about 4 characters a token, the whole request
   * in, the reply out) for replies that give none, instead of DEFAULT_USAGE.
   */
  estimateUsage?: boolean;
}

/** Tokens as a rough character count: about 4 characters of English a token. */
const roughTokens = (text: string): number => Math.ceil(text.length / 4);

export async function startFakeOpenAI(script: Script, options: FakeServerOptions = {}): Promise<FakeOpenAIServer> {
  const requests: ReceivedRequest[] = [];
  let serial = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const azure = AZURE_PATH.exec(url.pathname);
      if (req.method !== "POST" || (!azure && url.pathname !== "/v1/chat/completions")) return send(res, 404, { error: { message: `no route ${url.pathname}` } });
      const raw = Buffer.concat(chunks).toString("utf8");
      const body = JSON.parse(raw) as ReceivedRequest["body"];
      const received: ReceivedRequest = {
        shape: azure ? "azure" : "openai",
        path: url.pathname,
        ...(azure ? { deployment: decodeURIComponent(azure[1]!), apiVersion: url.searchParams.get("api-version") ?? "" } : {}),
        headers: req.headers,
        body,
        schema: body.response_format?.json_schema?.name ?? body.tools?.[0]?.function.name,
        text: body.messages.map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content))).join("\n"),
        raw,
      };
      requests.push(received);
      const index = serial++;
      void Promise.resolve(script(received, index)).then(async (reply) => {
        if ("hang" in reply) return;
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        if (res.destroyed) return;
        if ("status" in reply) {
          const headers: Record<string, string> = reply.retryAfter !== undefined ? { "retry-after": reply.retryAfter } : {};
          return send(res, reply.status, reply.body ?? { error: { message: `scripted ${reply.status}`, type: "server_error" } }, headers);
        }
        const content = "malformed" in reply ? reply.malformed : JSON.stringify(reply.output);
        const usage = reply.usage ?? (options.estimateUsage ? { prompt_tokens: roughTokens(raw), completion_tokens: roughTokens(content) } : DEFAULT_USAGE);
        send(res, 200, completion(received, content, usage, index));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseURL: `${origin}/v1`,
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function completion(req: ReceivedRequest, content: string, usage: TokenUsage, index: number) {
  const viaTool = !req.body.response_format && req.body.tools?.length;
  const message = viaTool
    ? { role: "assistant", content: null, tool_calls: [{ id: `call_${index}`, type: "function", function: { name: req.schema, arguments: content } }] }
    : { role: "assistant", content };
  return {
    id: `chatcmpl-${index}`,
    object: "chat.completion",
    created: 1_700_000_000,
    model: req.body.model ?? req.deployment ?? "fake",
    choices: [{ index: 0, message, finish_reason: viaTool ? "tool_calls" : "stop" }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}
