import type { DataSource } from "typeorm";
import type { Viewer } from "../access/viewer";
import { ExpiringCache } from "../auth/expiring-cache";
import type { Services } from "../context";
import { PRINCIPAL_REVOKED } from "../events/core.events";
import type { ApiKey } from "./api-key.entity";
import { TERRITORY_CHANGED, USER_CHANGED } from "./org.events";
import { TerritoryCache } from "./territory-cache";

/** A user as authentication needs them: frozen or not, and their viewer (without a credential's expiry). */
export interface KnownUser {
  frozen: boolean;
  viewer: Readonly<Viewer>;
}

/**
 * What every request would otherwise read again though it rarely changes: territories, and the
 * user or API key behind a credential (issue 10: a request with a valid token costs no statement).
 *
 * Users and keys are dropped, all of them, when a commit in this process announces a change
 * (`user.changed`, `principal.revoked`): a frozen user or a revoked key is refused on the very next
 * request, a manager's team follows their reports' moves at once. Writes this process does not hear
 * of are only bounded by the entries' age (VIEWER_CACHE_TTL_MS): another instance's (carrying these
 * events between instances needs Redis; scale-out has not landed), SQL typed by hand, `npm run
 * seed:scale` adding reps under a demo manager while a gateway serves. Several instances without
 * Redis that must refuse a frozen user at once everywhere run with VIEWER_CACHE=0.
 */
export interface OrgCache {
  territories: TerritoryCache;
  /** users by id */
  users: ExpiringCache<number, KnownUser>;
  /** API keys by prefix */
  apiKeys: ExpiringCache<string, ApiKey>;
}

/** By database: `authenticate(config, db, ...)` reaches it with what it is given, and gateways in one process (tests) share nothing. */
const caches = new WeakMap<DataSource, OrgCache>();

/** The cache a gateway made for `db`; none for a database no gateway serves (a script): it is read every time. */
export function orgCacheOf(db: DataSource): OrgCache | undefined {
  return caches.get(db);
}

/** Makes the gateway's cache for its database, and drops from it what each commit says changed. */
export function cacheOrganisation(services: Pick<Services, "config" | "db" | "events">): void {
  const ttlMs = services.config.viewerCache ? services.config.viewerCacheTtlMs : 0;
  const cache: OrgCache = { territories: new TerritoryCache(services.db), users: new ExpiringCache(ttlMs), apiKeys: new ExpiringCache(ttlMs) };
  // Told inside the commit's own call (inTransaction -> events.committed), before the writer's request
  // answers; listeners of `events.on` run a tick later, when the next request may already be in.
  services.events.onOutboxWritten((names) => {
    if (names.includes(TERRITORY_CHANGED)) cache.territories.drop();
    if (names.includes(USER_CHANGED) || names.includes(PRINCIPAL_REVOKED)) {
      cache.users.clear();
      cache.apiKeys.clear();
    }
  });
  caches.set(services.db, cache);
}
