import { Brackets, type SelectQueryBuilder, type ObjectLiteral } from "typeorm";
import { Reach, ROLE_REACH } from "./roles";
import type { Viewer } from "./viewer";

/** Where a scoped table keeps territory, owner and public-pool membership. */
export interface ScopedColumns {
  territory: string;
  owner: string;
  /** a boolean column; rows in the public pool are visible to the territory's sales staff */
  pool?: string;
}

/** A row as the scope needs to see it, for checks on rows already loaded. */
export interface ScopedRow {
  territoryId: number;
  ownerId: number | null;
  inPublicPool?: boolean;
}

let parameterSeq = 0;

/**
 * Which commercial rows a viewer may reach (ARCHITECTURE.md, "A request's way", step 5).
 * Every list and every load by id goes through `apply`, so a row outside the reach is never read,
 * counted or paged through.
 */
export class Scope {
  readonly reach: Reach;

  constructor(readonly viewer: Viewer | null) {
    this.reach = viewer ? ROLE_REACH[viewer.role] : Reach.None;
  }

  apply<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, columns: ScopedColumns): SelectQueryBuilder<T> {
    const viewer = this.viewer;
    const p = `scope${++parameterSeq}`;
    const territory = `${alias}.${columns.territory}`;
    const owner = `${alias}.${columns.owner}`;
    const pool = columns.pool ? `${alias}.${columns.pool}` : null;
    if (!viewer || this.reach === Reach.None || (this.reach !== Reach.All && viewer.territoryIds.length === 0)) {
      return qb.andWhere("1 = 0");
    }
    switch (this.reach) {
      case Reach.All:
        return qb;
      case Reach.Territory:
        return qb.andWhere(`${territory} IN (:...${p}t)`, { [`${p}t`]: viewer.territoryIds });
      case Reach.Team:
      case Reach.Own: {
        const owners = this.reach === Reach.Team ? viewer.teamIds : [viewer.id];
        return qb.andWhere(`${territory} IN (:...${p}t)`, { [`${p}t`]: viewer.territoryIds }).andWhere(
          new Brackets((w) => {
            w.where(`${owner} IN (:...${p}o)`, { [`${p}o`]: owners });
            if (pool) w.orWhere(`${pool} = :${p}p`, { [`${p}p`]: true });
          }),
        );
      }
    }
  }

  /** The same rule as `apply`, for a row already in memory (events, subscriptions, writes). */
  covers(row: ScopedRow): boolean {
    const viewer = this.viewer;
    if (!viewer) return false;
    switch (this.reach) {
      case Reach.None:
        return false;
      case Reach.All:
        return true;
      case Reach.Territory:
        return viewer.territoryIds.includes(row.territoryId);
      case Reach.Team:
      case Reach.Own: {
        if (!viewer.territoryIds.includes(row.territoryId)) return false;
        if (row.inPublicPool) return true;
        const owners = this.reach === Reach.Team ? viewer.teamIds : [viewer.id];
        return row.ownerId !== null && owners.includes(row.ownerId);
      }
    }
  }

  /** Whether the viewer reaches a whole territory (heads, business managers, executives...). */
  coversTerritory(territoryId: number): boolean {
    if (!this.viewer) return false;
    if (this.reach === Reach.All) return true;
    return this.reach === Reach.Territory && this.viewer.territoryIds.includes(territoryId);
  }
}
