import jwt from "jsonwebtoken";
import type { Config } from "../config";

export interface TokenClaims {
  sub: string;
  iat: number;
}

export function issueToken(config: Config, userId: number): string {
  return jwt.sign({}, config.jwtSecret, { subject: String(userId), expiresIn: config.jwtTtlSeconds, algorithm: "HS256" });
}

/** The user id a token names, or null when it is malformed, forged or expired. */
export function verifyToken(config: Config, token: string): TokenClaims | null {
  try {
    const claims = jwt.verify(token, config.jwtSecret, { algorithms: ["HS256"] });
    if (typeof claims === "string" || !claims.sub || !claims.iat) return null;
    return { sub: claims.sub, iat: claims.iat };
  } catch {
    return null;
  }
}
