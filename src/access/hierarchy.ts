import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { Role } from "./roles";
import type { Viewer } from "./viewer";

/** Who a decision is about: the owner of a record, as the org chart sees them. */
export interface Subordinate {
  id: number;
  role: Role;
  territoryId: number | null;
  managerId: number | null;
}

/**
 * Whether `viewer` stands above `person` in the organisation (PRODUCT.md, "territories and roles"):
 * an executive above everyone else, a territory head above the staff of their territory below head,
 * a sales manager above the reps who report to them. Nobody is above themselves, so nobody decides
 * on their own request; an executive's request goes to another executive.
 */
export function isAbove(viewer: Viewer, person: Subordinate): boolean {
  if (viewer.kind !== "user" || viewer.id === person.id) return false;
  switch (viewer.role) {
    case Role.EXECUTIVE:
      return true;
    case Role.TERRITORY_HEAD:
      return person.territoryId !== null && viewer.territoryIds.includes(person.territoryId) && person.role !== Role.TERRITORY_HEAD && person.role !== Role.EXECUTIVE;
    case Role.SALES_MANAGER:
      return person.managerId === viewer.id;
    default:
      return false;
  }
}

/**
 * The same rule as `isAbove`, as a condition on a query that joins the person as `alias` (a users
 * row: id, role, territoryId, managerId): the people `viewer` stands above, for lists of what waits
 * for their decision.
 */
export function whereAbove<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, viewer: Viewer, alias: string): SelectQueryBuilder<T> {
  if (viewer.kind !== "user") return qb.andWhere("1 = 0");
  switch (viewer.role) {
    case Role.EXECUTIVE:
      return qb.andWhere(`${alias}.id <> :aboveViewer`, { aboveViewer: viewer.id });
    case Role.TERRITORY_HEAD:
      if (viewer.territoryIds.length === 0) return qb.andWhere("1 = 0");
      return qb.andWhere(`${alias}.id <> :aboveViewer AND ${alias}.territoryId IN (:...aboveTerritories) AND ${alias}.role NOT IN (:...aboveRoles)`, {
        aboveViewer: viewer.id,
        aboveTerritories: viewer.territoryIds,
        aboveRoles: [Role.TERRITORY_HEAD, Role.EXECUTIVE],
      });
    case Role.SALES_MANAGER:
      return qb.andWhere(`${alias}.managerId = :aboveViewer AND ${alias}.id <> :aboveViewer`, { aboveViewer: viewer.id });
    default:
      return qb.andWhere("1 = 0");
  }
}
