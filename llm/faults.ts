import type { RetryPolicy } from "./config.js";
import { safeMessage } from "./secrets.js";

/** What went wrong with one request, as far as retrying is concerned. */
export type Fault =
  | { kind: "timeout" }
  | { kind: "rate-limit"; retryAfterMs?: number }
  | { kind: "server"; status: number }
  | { kind: "network"; detail: string }
  /** Errors a retry cannot fix: authentication, a bad request, an unknown model. */
  | { kind: "rejected"; status?: number; detail: string };

const RETRYABLE = new Set<Fault["kind"]>(["timeout", "rate-limit", "server", "network"]);
export const isRetryable = (f: Fault): boolean => RETRYABLE.has(f.kind);

/**
 * Reads a provider error from the openai SDK (as @langchain/openai rethrows it): its HTTP
 * status, a Retry-After header, or a timeout. Messages are redacted before they are kept.
 */
export function classifyFault(error: unknown, now: () => number = Date.now): Fault {
  const e = error as { name?: string; status?: unknown; headers?: unknown; message?: string; constructor?: { name?: string } } | undefined;
  const status = typeof e?.status === "number" ? e.status : undefined;
  if (status === 429) {
    const retryAfterMs = retryAfterOf(e?.headers, now);
    return retryAfterMs === undefined ? { kind: "rate-limit" } : { kind: "rate-limit", retryAfterMs };
  }
  if (status === 408) return { kind: "timeout" };
  if (status !== undefined && status >= 500) return { kind: "server", status };
  if (status !== undefined) return { kind: "rejected", status, detail: shortDetail(error) };
  const name = `${e?.name ?? ""} ${e?.constructor?.name ?? ""}`;
  if (/Timeout/i.test(name) || /timed? ?out/i.test(e?.message ?? "")) return { kind: "timeout" };
  if (/Connection|Abort|fetch/i.test(name) || /fetch failed|ECONN|socket|network/i.test(e?.message ?? "")) return { kind: "network", detail: shortDetail(error) };
  return { kind: "rejected", detail: shortDetail(error) };
}

/** Retry-After as seconds or an HTTP date (RFC 9110), or the OpenAI-style retry-after-ms. */
export function retryAfterOf(headers: unknown, now: () => number = Date.now): number | undefined {
  const get = (name: string): string | undefined => {
    if (!headers || typeof headers !== "object") return undefined;
    if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
    const v = (headers as Record<string, unknown>)[name];
    return typeof v === "string" ? v : undefined;
  };
  const ms = Number(get("retry-after-ms"));
  if (get("retry-after-ms") && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = get("retry-after");
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

const shortDetail = (error: unknown): string => safeMessage(error).split("\n")[0]!.slice(0, 200);

export function describeFault(f: Fault): string {
  switch (f.kind) {
    case "timeout":
      return "timed out";
    case "rate-limit":
      return `rate limited (429${f.retryAfterMs !== undefined ? `, Retry-After ${Math.round(f.retryAfterMs / 1000)}s` : ""})`;
    case "server":
      return `server error (HTTP ${f.status})`;
    case "network":
      return `network error (${f.detail})`;
    case "rejected":
      return `request rejected${f.status ? ` (HTTP ${f.status})` : ""}: ${f.detail}`;
  }
}

/**
 * The wait before the next try, or undefined to stop: exponential from the base delay, or the
 * server's Retry-After when it gave one; never past the policy's total waiting time.
 */
export function nextDelay(policy: RetryPolicy, fault: Fault, attempt: number, waitedMs: number): number | undefined {
  if (!isRetryable(fault) || attempt >= policy.maxAttempts) return undefined;
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
  const delay = fault.kind === "rate-limit" && fault.retryAfterMs !== undefined ? fault.retryAfterMs : backoff;
  return waitedMs + delay <= policy.maxWaitMs ? delay : undefined;
}
