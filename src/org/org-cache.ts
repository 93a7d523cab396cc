import type { DataSource } from "typeorm";
import type { Services } from "../context";
import { TERRITORY_CHANGED } from "./org.events";
import { TerritoryCache } from "./territory-cache";

/** What every request would otherwise read again though it rarely changes: territories. */
export interface OrgCache {
  territories: TerritoryCache;
}

/** By database: gateways in one process (tests) share nothing. */
const caches = new WeakMap<DataSource, OrgCache>();

/** The cache a gateway made for `db`; none for a database no gateway serves (a script): it is read every time. */
export function orgCacheOf(db: DataSource): OrgCache | undefined {
  return caches.get(db);
}

/** Makes the gateway's cache for its database, and drops from it what each commit says changed. */
export function cacheOrganisation(services: Pick<Services, "config" | "db" | "events">): void {
  const cache: OrgCache = { territories: new TerritoryCache(services.db) };
  // Told inside the commit's own call (inTransaction -> events.committed), before the writer's request
  // answers; listeners of `events.on` run a tick later, when the next request may already be in.
  services.events.onOutboxWritten((names) => {
    if (names.includes(TERRITORY_CHANGED)) cache.territories.drop();
  });
  caches.set(services.db, cache);
}
