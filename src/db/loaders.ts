import DataLoader from "dataloader";
import { In, type EntityTarget, type ObjectLiteral } from "typeorm";
import type { Context, LoaderFactory } from "../context";

/** A per-request loader of rows by primary key: one `WHERE id IN (...)` per level of a query. */
export function byIdLoader<T extends ObjectLiteral & { id: number }>(entity: EntityTarget<T>): LoaderFactory<number, T | null> {
  return (ctx: Context) =>
    new DataLoader<number, T | null>(async (ids) => {
      const rows = await ctx.db.getRepository(entity).findBy({ id: In([...ids]) } as never);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    });
}

/** A per-request loader of child rows grouped by a foreign key, one statement per batch. */
export function byParentLoader<T extends ObjectLiteral>(
  entity: EntityTarget<T>,
  foreignKey: keyof T & string,
  orderBy: Partial<Record<keyof T & string, "ASC" | "DESC">> = {},
): LoaderFactory<number, T[]> {
  return (ctx: Context) =>
    new DataLoader<number, T[]>(async (parentIds) => {
      const rows = await ctx.db.getRepository(entity).find({ where: { [foreignKey]: In([...parentIds]) } as never, order: orderBy as never });
      const groups = new Map<number, T[]>(parentIds.map((id) => [id, []]));
      for (const row of rows) groups.get(row[foreignKey] as number)?.push(row);
      return parentIds.map((id) => groups.get(id) ?? []);
    });
}
