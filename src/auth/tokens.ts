import { createSecretKey, type KeyObject } from "node:crypto";
import jwt from "jsonwebtoken";
import type { Config } from "../config";

export interface TokenClaims {
  /** the user id */
  sub: number;
  iat: number;
  /** expiry, in seconds since the epoch */
  exp: number;
}

const keys = new Map<string, KeyObject>();

/**
 * The secret as a KeyObject, made once: given a string, jsonwebtoken first tries (and fails) to
 * parse it as a public key on every verify, a thrown error per request (3% of the gateway's CPU
 * on the list benchmark, BENCHMARKS.md).
 */
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret))));
  return key;
}

export function issueToken(config: Config, userId: number): string {
  return jwt.sign({}, keyOf(config.jwtSecret), { subject: String(userId), expiresIn: config.jwtTtlSeconds, algorithm: "HS256" });
}

/** The user id a token names, or null when it is malformed, forged or expired. */
export function verifyToken(config: Config, token: string): TokenClaims | null {
  try {
    const claims = jwt.verify(token, keyOf(config.jwtSecret), { algorithms: ["HS256"] });
    // A token we signed always names a user id; anything else was signed by someone holding the key.
    if (typeof claims === "string" || !claims.sub || !/^[1-9]\d{0,14}$/.test(claims.sub) || !claims.iat || !claims.exp) return null;
    return { sub: Number(claims.sub), iat: claims.iat, exp: claims.exp };
  } catch {
    return null;
  }
}
