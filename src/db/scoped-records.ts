import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { ScopedColumns } from "../access/scope";
import type { Context } from "../context";
import { notFound } from "../errors";
import type { SelectionInfo } from "../graphql/selection";
import { rowsOf } from "./rows";

/** How a module reads its scoped records: the query, one by id, and one by id or NOT_FOUND. */
export interface ScopedRecords<T extends ObjectLiteral> {
  /** the records the viewer reaches, as a query to refine; nothing outside the Scope is ever read */
  scoped(ctx: Context, manager?: EntityManager): SelectQueryBuilder<T>;
  /** one record in the viewer's reach, or null: outside the reach is the same as not existing */
  find(ctx: Context, id: number, manager?: EntityManager): Promise<T | null>;
  /** the same, or NOT_FOUND naming the record */
  require(ctx: Context, manager: EntityManager, id: number): Promise<T>;
  /** one record in reach with only the columns a query's selection needs (`info` is the resolver's), or null */
  read(ctx: Context, id: number, info: SelectionInfo): Promise<T | null>;
}

/** The scoped reads of one kind of record (`label` names it in NOT_FOUND: "Account 12 not found"). */
export function scopedRecords<T extends ObjectLiteral>(entity: new () => T, alias: string, columns: ScopedColumns, label: string): ScopedRecords<T> {
  const reads = rowsOf(entity);
  const scoped = (ctx: Context, manager: EntityManager = ctx.db.manager) => ctx.scope.apply(manager.getRepository(entity).createQueryBuilder(alias), alias, columns);
  const find = (ctx: Context, id: number, manager?: EntityManager) => scoped(ctx, manager).andWhere(`${alias}.id = :id`, { id }).getOne();
  return {
    scoped,
    find,
    require: async (ctx, manager, id) => {
      const found = await find(ctx, id, manager);
      if (!found) throw notFound(label, id);
      return found;
    },
    read: async (ctx, id, info) => {
      const [row] = await reads.many(scoped(ctx).andWhere(`${alias}.id = :id`, { id }), alias, reads.columnsOf(ctx.db, info));
      return row ?? null;
    },
  };
}
