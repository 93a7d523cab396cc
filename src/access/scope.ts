import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from "typeorm";
import { Reach, ROLE_REACH, type Role } from "./roles";
import type { Viewer } from "./viewer";

/** Where a scoped table keeps territory, owner and public-pool membership, and how far each role reaches it. */
export interface ScopedColumns {
  territory: string;
  owner: string;
  /** a boolean column; rows in the public pool are visible to the territory's sales staff */
  pool?: string;
  /**
   * Reach that differs from the role's usual one for this kind of row (ROLE_REACH), e.g. service
   * agents reach every ticket of their territory; roles not named keep theirs.
   */
  reach?: Partial<Record<Role, Reach>>;
  /**
   * The row's owner and pool are its parent's (tickets go by their account's owner): under Team and
   * Own reach the query joins the parent (as `${alias}_owner`) and reads `owner` and `pool` there; the
   * territory stays the row's own column, so a territory-led index still serves the row's lists.
   */
  ownerThrough?: { parent: Function; foreignKey: string };
}

/**
 * A child table reached through its parent (quote lines through quotes, payments through invoices,
 * ticket comments through tickets): the child row is in reach when its parent is, by the parent's
 * own territory and owner columns, so none are copied onto the child.
 */
export interface ParentScope {
  /** the parent's entity class */
  parent: Function;
  /** the child's column naming the parent's id */
  foreignKey: string;
  /** the parent's scope */
  columns: ScopedColumns;
}

/** A row as the scope needs to see it, for checks on rows already loaded. */
export interface ScopedRow {
  territoryId: number;
  ownerId: number | null;
  inPublicPool?: boolean;
}

let parameterSeq = 0;

const fixedByScope = new WeakMap<object, string>();

/**
 * The column (property) a Scope fixed by equality on a query it limited, the territory, if any: a
 * keyset page walks the index that starts with it (src/db/pagination.ts).
 */
export function scopeFixes(qb: SelectQueryBuilder<ObjectLiteral>): string | undefined {
  return fixedByScope.get(qb);
}

/**
 * Which commercial rows a viewer may reach (ARCHITECTURE.md, "A request's way", step 5).
 * Every list and every load by id goes through `apply` (or `applyThrough` for a child table), so a
 * row outside the reach is never read, counted or paged through; `covers` is the same rule for a
 * row in memory.
 */
export class Scope {
  readonly reach: Reach;

  constructor(readonly viewer: Viewer | null) {
    this.reach = viewer ? ROLE_REACH[viewer.role] : Reach.None;
  }

  /** The viewer's reach over rows scoped by `columns`. */
  reachOver(columns?: Pick<ScopedColumns, "reach">): Reach {
    return (this.viewer && columns?.reach?.[this.viewer.role]) ?? this.reach;
  }

  apply<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, columns: ScopedColumns): SelectQueryBuilder<T> {
    const viewer = this.viewer;
    const reach = this.reachOver(columns);
    const p = `scope${++parameterSeq}`;
    const territory = `${alias}.${columns.territory}`;
    const ownerAlias = columns.ownerThrough && (reach === Reach.Team || reach === Reach.Own) ? `${alias}_owner` : alias;
    const owner = `${ownerAlias}.${columns.owner}`;
    const pool = columns.pool ? `${ownerAlias}.${columns.pool}` : null;
    if (!viewer || reach === Reach.None || (reach !== Reach.All && viewer.territoryIds.length === 0)) {
      return qb.andWhere("1 = 0");
    }
    switch (reach) {
      case Reach.All:
        return qb;
      case Reach.Territory:
        if (viewer.territoryIds.length === 1) fixedByScope.set(qb, columns.territory);
        return qb.andWhere(`${territory} IN (:...${p}t)`, { [`${p}t`]: viewer.territoryIds });
      case Reach.Team:
      case Reach.Own: {
        if (viewer.territoryIds.length === 1) fixedByScope.set(qb, columns.territory);
        const owners = reach === Reach.Team ? viewer.teamIds : [viewer.id];
        if (ownerAlias !== alias) qb.innerJoin(columns.ownerThrough!.parent as new () => ObjectLiteral, ownerAlias, `${ownerAlias}.id = ${alias}.${columns.ownerThrough!.foreignKey}`);
        return qb.andWhere(`${territory} IN (:...${p}t)`, { [`${p}t`]: viewer.territoryIds }).andWhere(
          new Brackets((w) => {
            w.where(`${owner} IN (:...${p}o)`, { [`${p}o`]: owners });
            if (pool) w.orWhere(`${pool} = :${p}p`, { [`${p}p`]: true });
          }),
        );
      }
    }
  }

  /** Limits a query on a child table to rows whose parent is in reach, joining the parent as `${alias}_parent`. */
  applyThrough<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, through: ParentScope): SelectQueryBuilder<T> {
    const parent = `${alias}_parent`;
    return this.apply(qb.innerJoin(through.parent as new () => ObjectLiteral, parent, `${parent}.id = ${alias}.${through.foreignKey}`), parent, through.columns);
  }

  /** The same rule as `apply`, for a row already in memory (events, subscriptions, writes). */
  covers(row: ScopedRow, columns?: Pick<ScopedColumns, "reach">): boolean {
    const viewer = this.viewer;
    if (!viewer) return false;
    const reach = this.reachOver(columns);
    switch (reach) {
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
        const owners = reach === Reach.Team ? viewer.teamIds : [viewer.id];
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
