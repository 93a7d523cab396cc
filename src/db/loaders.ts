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

/** Rows grouped under the keys a DataLoader asked for, in the keys' order; a key without rows gets []. */
export function groupBy<T>(keys: readonly number[], rows: T[], keyOf: (row: T) => number | null): T[][] {
  const groups = new Map<number, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== null) groups.get(key)?.push(row);
  }
  return keys.map((key) => groups.get(key)!);
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
      return groupBy(parentIds, rows, (row) => row[foreignKey] as number);
    });
}

/**
 * One loader factory per parameter (a page size, a record type), made once: `loader(ctx, factory)`
 * keys a request's loaders by factory, so a new factory per call would defeat batching.
 */
export function loaderFamily<P, K, V>(make: (parameter: P) => LoaderFactory<K, V>): (parameter: P) => LoaderFactory<K, V> {
  const factories = new Map<P, LoaderFactory<K, V>>();
  return (parameter) => {
    let factory = factories.get(parameter);
    if (!factory) factories.set(parameter, (factory = make(parameter)));
    return factory;
  };
}
