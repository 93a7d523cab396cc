import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Partner keys look like `crm_<prefix>_<secret>`; the prefix finds the row, the hash proves the key. */
export const API_KEY_PATTERN = /^crm_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function generateApiKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { key: `crm_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
