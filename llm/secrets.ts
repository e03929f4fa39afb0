/**
 * Keeps credentials out of everything dxsim writes: logs, transcripts, results, recordings and
 * error messages. Known secrets (the keys this process was given) are replaced wherever they
 * appear; key-shaped strings are masked too, since providers echo part of a rejected key back
 * ("Incorrect API key provided: sk-abc***xyz").
 */

import { mapStrings } from "../core/map-strings.js";

export const REDACTED = "[redacted]";

/** Shortest string worth treating as a secret: shorter ones would redact ordinary words. */
const MIN_SECRET_LENGTH = 6;

const KEY_SHAPES: readonly RegExp[] = [
  // OpenAI-style keys, whole or partly masked by the provider.
  /\bsk-[A-Za-z0-9_*.-]{4,}/g,
  // Bearer tokens in echoed headers (Entra ID access tokens are JWTs).
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/g,
  // An api-key header or query value echoed back.
  /(api[-_]?key["'\s:=]+)[^\s"',;&]{6,}/gi,
  // Credentials in a URL: https://user:secret@host keeps its scheme and host.
  /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@"'<>]+(?=@)/gi,
  // A token or key passed in a query string.
  /([?&](?:access_token|token|key|code|sig|signature|password)=)[^&#\s"'<>]+/gi,
  // An Authorization header's value, whatever its scheme.
  /(authorization["'\s:=]+)(?!Bearer\b)(?:[A-Za-z]+\s+)?[^\s"',;]{6,}/gi,
];

export class SecretRedactor {
  private readonly secrets = new Set<string>();

  /** Registers a secret (an API key, a token as it is handed out) to be removed from all text. */
  add(secret: string | undefined): void {
    if (secret && secret.length >= MIN_SECRET_LENGTH) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a key that contains another is removed whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
    for (const shape of KEY_SHAPES) out = out.replace(shape, (match, prefix?: string) => (typeof prefix === "string" && match.startsWith(prefix) ? `${prefix}${REDACTED}` : REDACTED));
    return out;
  }
}

/** The process-wide redactor: every secret dxsim reads is registered here as it is read. */
export const secrets = new SecretRedactor();

/** Removes known secrets and key-shaped strings from a text (an error message, a log line). */
export const redactSecrets = (text: string): string => secrets.redact(text);

/** Every string inside a value (a model's structured reply) with secrets removed; other values kept. */
export const redactDeep = <T>(value: T): T => mapStrings(value, redactSecrets);

/** A thrown value's message, made safe to show or store. */
export const safeMessage = (error: unknown): string => redactSecrets(error instanceof Error ? error.message : String(error));
