import { GraphQLError } from "graphql";
import type { DataSource } from "typeorm";
import type { Config } from "../config";
import { Role } from "../access/roles";
import type { Viewer } from "../access/viewer";
import { ErrorCode } from "../errors";
import { ApiKey } from "../org/api-key.entity";
import { orgCacheOf, type KnownUser } from "../org/org-cache";
import { User } from "../org/user.entity";
import { API_KEY_PATTERN, secretMatches } from "./api-keys";
import { verifyToken } from "./tokens";

const refused = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } } });

/**
 * A user as authentication needs them, with the reports a manager reaches, in one statement (the
 * user's row and the rows that name them as manager). Null when the user does not exist. Kept by the
 * gateway's cache (src/org/org-cache.ts): a request with a known token reads nothing. Seeds that act
 * as a demo user take their viewer from here too.
 */
export async function readUser(db: DataSource, id: number): Promise<KnownUser | null> {
  const rows = await db.getRepository(User).find({ where: [{ id }, { managerId: id }] });
  const user = rows.find((row) => row.id === id);
  if (!user) return null;
  const reports = user.role === Role.SALES_MANAGER ? rows.filter((row) => row.managerId === id).map((row) => row.id) : [];
  // Immutable: the cache hands this one object to every request of the user.
  const viewer: Viewer = Object.freeze({
    kind: "user",
    id: user.id,
    name: user.name,
    role: user.role,
    territoryId: user.territoryId,
    territoryIds: Object.freeze(user.territoryId === null ? [] : [user.territoryId]) as number[],
    teamIds: Object.freeze([user.id, ...reports]) as number[],
  });
  return { frozen: user.frozen, viewer };
}

/** How stale a key's lastUsedAt may get: recorded at most once a minute, not a write per request. */
const KEY_USE_RESOLUTION_MS = 60_000;

/** Records that a key was used, once a minute; a failure to record is logged, never the request's. */
async function noteKeyUse(db: DataSource, key: ApiKey, now: Date): Promise<void> {
  if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < KEY_USE_RESOLUTION_MS) return;
  await db
    .createQueryBuilder()
    .update(ApiKey)
    .set({ lastUsedAt: now })
    .where("id = :id", { id: key.id })
    .andWhere("(lastUsedAt IS NULL OR lastUsedAt < :since)", { since: new Date(now.getTime() - KEY_USE_RESOLUTION_MS) })
    .execute()
    // The row may be the cache's: it then knows the use is recorded (or recorded by another instance) for the minute.
    .then(() => void (key.lastUsedAt = now))
    .catch((error) => console.error(`recording the use of API key ${key.id} failed:`, error));
}

/**
 * Resolves `Authorization: Bearer <credential>` to a viewer. No credential is an anonymous caller;
 * a credential that is wrong, expired, revoked or belongs to a frozen user is refused outright. The
 * user or key behind it comes from the gateway's cache of `db` (src/org/org-cache.ts) when there is
 * one; the checks (signature, expiry, secret, revoked, frozen) run on every request all the same.
 */
export async function authenticate(config: Config, db: DataSource, authorization: string | undefined | null, now = new Date()): Promise<Viewer | null> {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw refused("Authorization must be 'Bearer <token or API key>'");
  const credential = match[1];
  const cache = orgCacheOf(db);

  const key = API_KEY_PATTERN.exec(credential);
  if (key) {
    const prefix = key[1];
    const read = () => db.getRepository(ApiKey).findOneBy({ prefix });
    const row = await (cache ? cache.apiKeys.get(prefix, read) : read());
    if (!row || !secretMatches(key[2], row.secretHash)) throw refused("Unknown API key");
    if (row.revokedAt) throw refused("API key revoked");
    if (row.expiresAt && row.expiresAt <= now) throw refused("API key expired");
    await noteKeyUse(db, row, now);
    return { kind: "partner", id: row.id, name: row.name, role: Role.PARTNER, territoryId: null, territoryIds: row.territoryIds, teamIds: [], expiresAt: row.expiresAt };
  }

  const claims = verifyToken(config, credential);
  if (!claims) throw refused("Invalid or expired token");
  const id = claims.sub;
  const found = await (cache ? cache.users.get(id, () => readUser(db, id)) : readUser(db, id));
  if (!found) throw refused("Unknown user");
  // Frozen users are refused at once, whatever their tokens say (PRODUCT.md, "Users who leave").
  if (found.frozen) throw refused("User is frozen");
  return { ...found.viewer, expiresAt: new Date(claims.exp * 1000) };
}
