import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { LearnerNameSchema } from "../core/learner.js";

/** Who is calling: a learner (their own sessions) or the instructor (everything). */
export type Principal = { kind: "learner"; learner: string } | { kind: "instructor" };

/**
 * The workshop's two secrets. Learner tokens are signed with the instructor token, so every
 * replica that shares the secrets accepts the tokens of every other, and no token is stored.
 */
export interface AccessKeys {
  joinCode: string;
  instructorToken: string;
}

export const freshSecret = (): string => randomBytes(18).toString("base64url");

const sameText = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const sign = (keys: AccessKeys, payload: string): string => createHmac("sha256", keys.instructorToken).update(payload).digest("base64url");

/** A learner's token for the join code they typed, or null when the code is wrong. */
export function joinToken(keys: AccessKeys, code: string, learner: string): string | null {
  if (!sameText(code, keys.joinCode)) return null;
  const payload = Buffer.from(JSON.stringify({ learner: LearnerNameSchema.parse(learner) })).toString("base64url");
  return `l.${payload}.${sign(keys, payload)}`;
}

const TokenPayloadSchema = z.object({ learner: LearnerNameSchema });

/** Who an Authorization header names, or null when it names nobody this server knows. */
export function principalOf(keys: AccessKeys, header: string | undefined): Principal | null {
  const token = /^Bearer\s+(\S+)$/i.exec(header ?? "")?.[1];
  if (!token) return null;
  if (sameText(token, keys.instructorToken)) return { kind: "instructor" };
  const [tag, payload, signature] = token.split(".");
  if (tag !== "l" || !payload || !signature || !sameText(signature, sign(keys, payload))) return null;
  try {
    const parsed = TokenPayloadSchema.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return parsed.success ? { kind: "learner", learner: parsed.data.learner } : null;
  } catch {
    return null;
  }
}
