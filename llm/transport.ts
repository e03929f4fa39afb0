import type { BrainRole } from "../agents/roles.js";
import { KEPT_REPLY_HEADERS, type RecordedReply, type Recorder, type Replayer, ReplayDivergenceError, describeRequest } from "./recording.js";
import { safeMessage } from "./secrets.js";

/** The HTTP outcome of one request, kept for the call that sent it (a reply its parser rejected still counts). */
export interface Exchange {
  status?: number;
  body?: string;
}

/** Who is calling: the case (and run) and the role, for recording and replay. */
export interface CallSite {
  scope: string;
  role: BrainRole;
}

/**
 * The one place model traffic crosses: the fetch the provider clients are given. Live, it is
 * the network; recording, the network plus a log line per request; replaying, the log only.
 */
export interface Transport {
  readonly mode: "live" | "record" | "replay";
  fetchFor(site: CallSite, exchange: Exchange): typeof fetch;
  /** The first divergence a replay met: it ends the session rather than falling back. */
  readonly divergence: ReplayDivergenceError | undefined;
}

export function liveTransport(realFetch: typeof fetch = fetch): Transport {
  return { mode: "live", divergence: undefined, fetchFor: (_site, exchange) => exchanging(realFetch, exchange, () => undefined) };
}

export function recordingTransport(recorder: Recorder, realFetch: typeof fetch = fetch): Transport {
  return {
    mode: "record",
    divergence: undefined,
    fetchFor: (site, exchange) => exchanging(realFetch, exchange, (path, body, reply) => recorder.record(site.scope, site.role, describeRequest(path, body), reply)),
  };
}

export function replayTransport(replayer: Replayer): Transport {
  const transport = {
    mode: "replay" as const,
    divergence: undefined as ReplayDivergenceError | undefined,
    fetchFor: (site: CallSite, exchange: Exchange): typeof fetch =>
      async (input, init) => {
        const url = new URL(urlOf(input));
        const request = describeRequest(url.pathname, bodyOf(init));
        let reply: RecordedReply;
        try {
          reply = replayer.take(site.scope, site.role, request).reply;
        } catch (e) {
          if (e instanceof ReplayDivergenceError) transport.divergence ??= e;
          throw e;
        }
        if ("failure" in reply) {
          // The same errors fetch itself raises, so the client takes the same path as it did.
          throw reply.failure === "timeout" ? new DOMException("The operation was aborted.", "AbortError") : new TypeError(`fetch failed (${reply.detail})`);
        }
        exchange.status = reply.status;
        exchange.body = reply.body;
        return new Response(reply.body, { status: reply.status, headers: reply.headers });
      },
  };
  return transport;
}

/** Sends the request, reads the whole reply (so the client's timeout covers the body too) and reports it. */
function exchanging(realFetch: typeof fetch, exchange: Exchange, report: (path: string, body: string, reply: RecordedReply) => void): typeof fetch {
  return async (input, init) => {
    const path = new URL(urlOf(input)).pathname;
    const body = bodyOf(init);
    let response: Response;
    let text: string;
    try {
      response = await realFetch(input, init);
      text = await response.text();
    } catch (e) {
      const aborted = init?.signal?.aborted === true;
      report(path, body, { failure: aborted ? "timeout" : "network", detail: safeMessage(e).slice(0, 200) });
      throw e;
    }
    const headers: Record<string, string> = {};
    for (const name of KEPT_REPLY_HEADERS) {
      const v = response.headers.get(name);
      if (v !== null) headers[name] = v;
    }
    report(path, body, { status: response.status, headers, body: text });
    exchange.status = response.status;
    exchange.body = text;
    return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

const urlOf = (input: Parameters<typeof fetch>[0]): string => (typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
const bodyOf = (init: Parameters<typeof fetch>[1]): string => (typeof init?.body === "string" ? init.body : "");
