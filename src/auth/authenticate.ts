import { GraphQLError } from "graphql";
import type { DataSource } from "typeorm";
import type { Config } from "../config";
import { Role } from "../access/roles";
import type { Viewer } from "../access/viewer";
import { ErrorCode } from "../errors";
import { ApiKey } from "../org/api-key.entity";
import { User } from "../org/user.entity";
import { API_KEY_PATTERN, secretMatches } from "./api-keys";
import { verifyToken } from "./tokens";

const refused = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } } });

/**
 * The viewer of a user, with the reports a manager reaches, in one statement (the user's row and
 * the rows that name them as manager): it runs on every request, and each statement costs a round
 * trip. Null when the user does not exist.
 */
async function loadViewer(db: DataSource, id: number): Promise<{ user: User; viewer: Viewer } | null> {
  const rows = await db.getRepository(User).find({ where: [{ id }, { managerId: id }] });
  const user = rows.find((row) => row.id === id);
  if (!user) return null;
  const reports = user.role === Role.SALES_MANAGER ? rows.filter((row) => row.managerId === id).map((row) => row.id) : [];
  const viewer: Viewer = {
    kind: "user",
    id: user.id,
    name: user.name,
    role: user.role,
    territoryId: user.territoryId,
    territoryIds: user.territoryId === null ? [] : [user.territoryId],
    teamIds: [user.id, ...reports],
  };
  return { user, viewer };
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
    .catch((error) => console.error(`recording the use of API key ${key.id} failed:`, error));
}

/**
 * Resolves `Authorization: Bearer <credential>` to a viewer. No credential is an anonymous caller;
 * a credential that is wrong, expired, revoked or belongs to a frozen user is refused outright.
 */
export async function authenticate(config: Config, db: DataSource, authorization: string | undefined | null, now = new Date()): Promise<Viewer | null> {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw refused("Authorization must be 'Bearer <token or API key>'");
  const credential = match[1];

  const key = API_KEY_PATTERN.exec(credential);
  if (key) {
    const row = await db.getRepository(ApiKey).findOneBy({ prefix: key[1] });
    if (!row || !secretMatches(key[2], row.secretHash)) throw refused("Unknown API key");
    if (row.revokedAt) throw refused("API key revoked");
    if (row.expiresAt && row.expiresAt <= now) throw refused("API key expired");
    await noteKeyUse(db, row, now);
    return { kind: "partner", id: row.id, name: row.name, role: Role.PARTNER, territoryId: null, territoryIds: row.territoryIds, teamIds: [], expiresAt: row.expiresAt };
  }

  const claims = verifyToken(config, credential);
  if (!claims) throw refused("Invalid or expired token");
  const found = await loadViewer(db, claims.sub);
  if (!found) throw refused("Unknown user");
  // Frozen users are refused at once, whatever their tokens say (PRODUCT.md, "Users who leave").
  if (found.user.frozen) throw refused("User is frozen");
  return { ...found.viewer, expiresAt: new Date(claims.exp * 1000) };
}
