import type { PhysicianDecision } from "../../graph/decision.js";
import type { PlanDecision } from "../../graph/plan.js";
import type { UpdateListener } from "../../graph/session.js";
import type { SessionUpdate } from "../../graph/state.js";
import type { ReportRecord } from "../../reports/load.js";
import type { PublicSession } from "../../server/public-view.js";
import type { CaseCard, WorkshopRow } from "../../server/service.js";

/** A request the server answered with a refusal, or could not be sent. */
export class RemoteError extends Error {}

/** Who the client signs in as: a learner (with the join code) or the instructor (with the token). */
export type Credentials = { learner: string; joinCode: string } | { instructorToken: string };

/** Credentials from flags and the environment; null with the reason when neither is there. */
export function credentialsFrom(learner: string | undefined, env: Readonly<Record<string, string | undefined>>): Credentials | { missing: string } {
  if (learner) {
    const joinCode = env.DXSIM_JOIN_CODE;
    return joinCode ? { learner, joinCode } : { missing: "set DXSIM_JOIN_CODE to the workshop's join code (your instructor has it)" };
  }
  const instructorToken = env.DXSIM_INSTRUCTOR_TOKEN;
  return instructorToken ? { instructorToken } : { missing: "give --learner NAME (with DXSIM_JOIN_CODE set), or set DXSIM_INSTRUCTOR_TOKEN" };
}

/**
 * The console's line to a `dxsim serve`: JSON over HTTP, the token in a header (never in a
 * URL). It only ever receives what the server shares with a learner.
 */
export class WorkshopClient {
  private constructor(
    readonly base: URL,
    private readonly token: string,
  ) {}

  static async signIn(server: string, credentials: Credentials): Promise<WorkshopClient> {
    let base: URL;
    try {
      base = new URL(server.endsWith("/") ? server : `${server}/`);
    } catch {
      throw new RemoteError(`"${server}" is not a server URL (expected e.g. http://127.0.0.1:8787)`);
    }
    if ("instructorToken" in credentials) return new WorkshopClient(base, credentials.instructorToken);
    const joined = (await request(base, "join", { method: "POST", body: { code: credentials.joinCode, learner: credentials.learner } })) as { token: string };
    return new WorkshopClient(base, joined.token);
  }

  cases = (): Promise<CaseCard[]> => this.call("cases") as Promise<CaseCard[]>;
  sessions = (): Promise<WorkshopRow[]> => this.call("sessions") as Promise<WorkshopRow[]>;
  status = (): Promise<WorkshopRow[]> => this.call("workshop/status") as Promise<WorkshopRow[]>;
  results = (): Promise<ReportRecord[]> => this.call("workshop/results") as Promise<ReportRecord[]>;
  create = (caseId: string, learner?: string): Promise<PublicSession> => this.call("sessions", { caseId, ...(learner ? { learner } : {}) }) as Promise<PublicSession>;
  session = (id: string): Promise<PublicSession> => this.call(`sessions/${encodeURIComponent(id)}`) as Promise<PublicSession>;
  decide = (id: string, decision: PhysicianDecision): Promise<PublicSession> => this.call(`sessions/${encodeURIComponent(id)}/decision`, { decision }) as Promise<PublicSession>;
  undo = (id: string, onUpdate?: UpdateListener): Promise<PublicSession> => this.stream(`sessions/${encodeURIComponent(id)}/undo`, {}, onUpdate);
  /** A decision, with each role's update passed to `onUpdate` as the server streams it. */
  decideStreaming = (id: string, decision: PhysicianDecision, onUpdate?: UpdateListener): Promise<PublicSession> =>
    this.stream(`sessions/${encodeURIComponent(id)}/decision`, { decision }, onUpdate);
  /** The answer to the panel's treatment plan, streamed as a decision is. */
  decidePlan = (id: string, decision: PlanDecision, onUpdate?: UpdateListener): Promise<PublicSession> => this.stream(`sessions/${encodeURIComponent(id)}/plan`, { decision }, onUpdate);
  /** The learner-mode debrief of a judged session (the server plays the panel's own run for it). */
  debrief = (id: string): Promise<unknown> => this.call(`sessions/${encodeURIComponent(id)}/debrief`);
  workshop = (): Promise<{ name: string; mode: "play" | "teach"; showPanel: boolean }> => this.call("workshop") as Promise<{ name: string; mode: "play" | "teach"; showPanel: boolean }>;
  transcript = (id: string, format: "text" | "markdown"): Promise<string> => this.call(`sessions/${encodeURIComponent(id)}/transcript?format=${format}`, undefined, "text") as Promise<string>;

  /** A POST answered with server-sent events: updates as they come, then the session (or an error). */
  private async stream(path: string, body: unknown, onUpdate?: UpdateListener): Promise<PublicSession> {
    const response = await send(this.base, path, { method: "POST", body, token: this.token, accept: "text/event-stream" });
    let session: PublicSession | undefined;
    for await (const event of serverSentEvents(response)) {
      const data = JSON.parse(event.data) as unknown;
      if (event.event === "update") {
        const { node, update } = data as { node: string; update: SessionUpdate };
        onUpdate?.(node, update);
      } else if (event.event === "session") session = data as PublicSession;
      else if (event.event === "error") throw new RemoteError(`the server at ${this.base.origin} refused: ${(data as { error: string }).error}`);
    }
    if (!session) throw new RemoteError(`the server at ${this.base.origin} closed the stream before the session's state came`);
    return session;
  }

  private call(path: string, body?: unknown, as: "json" | "text" = "json"): Promise<unknown> {
    return request(this.base, path, { method: body === undefined ? "GET" : "POST", body, token: this.token, as });
  }
}

async function request(base: URL, path: string, options: { method: "GET" | "POST"; body?: unknown; token?: string; as?: "json" | "text" }): Promise<unknown> {
  const response = await send(base, path, options);
  return options.as === "text" ? response.text() : response.json();
}

/** Sends a request; a refusal or an unreachable server becomes a RemoteError with the server's reason. */
async function send(base: URL, path: string, options: { method: "GET" | "POST"; body?: unknown; token?: string; accept?: string }): Promise<Response> {
  const url = new URL(path, base);
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method,
      headers: { ...(options.accept ? { accept: options.accept } : {}), ...(options.body !== undefined ? { "content-type": "application/json" } : {}), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch (e) {
    const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : e instanceof Error ? e.message : String(e);
    throw new RemoteError(`cannot reach the server at ${base.origin} (${cause})`);
  }
  if (!response.ok) {
    const text = await response.text();
    let message = `HTTP ${response.status}`;
    try {
      message = (JSON.parse(text) as { error?: string }).error ?? message;
    } catch {
      // Not JSON: the status says enough.
    }
    throw new RemoteError(`the server at ${base.origin} refused: ${message}`);
  }
  return response;
}

/** The events of a text/event-stream body (only the `event` and `data` fields dxsim's server writes). */
async function* serverSentEvents(response: Response): AsyncGenerator<{ event: string; data: string }> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true }).replace(/\r\n/g, "\n");
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (data.length > 0) yield { event, data: data.join("\n") };
    }
  }
}
