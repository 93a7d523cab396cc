import type { DomainEvent } from "../events/domain-events";

/**
 * A user's row changed in what a viewer is made of: role, territory, manager, name or frozen. Every
 * write of those emits it (in its unit of work), so that whatever was derived from the row (the
 * cached viewers of src/auth/principal-cache.ts, a manager's team among them) is dropped on commit.
 */
export interface UserChangedEvent {
  userId: number;
}

/** A territory's row (code, name) was written; the territory cache (territory-cache.ts) drops it on commit. */
export interface TerritoryChangedEvent {
  territoryId: number;
}

export const USER_CHANGED = "user.changed";
export const TERRITORY_CHANGED = "territory.changed";

declare module "../events/domain-events" {
  interface DomainEvents {
    "user.changed": UserChangedEvent;
    "territory.changed": TerritoryChangedEvent;
  }
}

export function userChanged(userId: number): DomainEvent<typeof USER_CHANGED> {
  return { name: USER_CHANGED, payload: { userId } };
}

export function territoryChanged(territoryId: number): DomainEvent<typeof TERRITORY_CHANGED> {
  return { name: TERRITORY_CHANGED, payload: { territoryId } };
}
