import DataLoader from "dataloader";
import { In, type EntityTarget, type ObjectLiteral, type SelectQueryBuilder } from "typeorm";
import type { Context, LoaderFactory } from "../context";
import type { SelectionInfo } from "../graphql/selection";
import { rowsOf, type RowReads } from "./rows";

/** A per-request loader of rows by primary key: one `WHERE id IN (...)` per level of a query (whole entities). */
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

/**
 * A loader that reads only what the GraphQL selection needs (issue 10): `load(key, info)` adds the
 * columns the field's selection needs to the batch being gathered, and the batch selects their
 * union, one statement per level as with DataLoader. A key loaded again with columns its first
 * load did not read is read again; otherwise the request's first answer is reused.
 */
export interface SelectingLoader<K, V> {
  /** `info` is the resolver's: the field whose value this is; without it every column is read */
  load(key: K, info?: SelectionInfo): Promise<V>;
}

export type SelectingLoaderFactory<K, V> = (ctx: Context) => SelectingLoader<K, V>;

/**
 * The one way to declare a loader of an entity's rows: `batch` gets the keys of a level and the
 * columns (property names) to select, and answers one value per key (use `reads.many` to run a query).
 * `keyColumns` are read whatever the selection (the foreign key that groups child rows).
 */
export function selectingLoader<T extends ObjectLiteral, K, V>(
  entity: new () => T,
  batch: (ctx: Context, keys: readonly K[], columns: readonly string[], reads: RowReads<T>) => Promise<V[]>,
  keyColumns: readonly (keyof T & string)[] = [],
): SelectingLoaderFactory<K, V> {
  const reads = rowsOf(entity);
  return (ctx: Context) => {
    let gathering: Set<string> | null = null;
    const answered = new Map<K, { columns: Set<string>; value: Promise<V> }>();
    const batches = new DataLoader<K, V>(
      (keys) => {
        const columns = [...(gathering ?? [])];
        gathering = null;
        return batch(ctx, keys, columns, reads);
      },
      { cache: false },
    );
    return {
      load(key, info) {
        const columns = reads.columnsOf(ctx.db, info, [], keyColumns);
        const known = answered.get(key);
        if (known && (known.columns === gathering || columns.every((column) => known.columns.has(column)))) {
          for (const column of columns) known.columns.add(column);
          return known.value;
        }
        gathering ??= new Set();
        for (const column of columns) gathering.add(column);
        const value = batches.load(key);
        answered.set(key, { columns: gathering, value });
        return value;
      },
    };
  };
}

/** Rows by primary key, not scoped (users, territories: reference data every viewer may name). */
export function rowsById<T extends ObjectLiteral & { id: number }>(entity: new () => T): SelectingLoaderFactory<number, T | null> {
  return selectingLoader<T, number, T | null>(entity, async (ctx, ids, columns, reads) => {
    const rows = await reads.many(ctx.db.getRepository(entity).createQueryBuilder("x").where("x.id IN (:...ids)", { ids: [...ids] }) as SelectQueryBuilder<T>, "x", columns);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * Rows of a query grouped by a column, one statement per level: `query(ctx, keys)` returns the query
 * (main alias `alias`) limited to the keys and ordered; the rows come back grouped under each key
 * ([] for none).
 */
export function rowsGroupedBy<T extends ObjectLiteral>(
  entity: new () => T,
  groupColumn: keyof T & string,
  query: (ctx: Context, keys: readonly number[]) => SelectQueryBuilder<T>,
  alias = "x",
): SelectingLoaderFactory<number, T[]> {
  return selectingLoader<T, number, T[]>(
    entity,
    async (ctx, keys, columns, reads) => groupBy(keys, await reads.many(query(ctx, keys), alias, columns), (row) => row[groupColumn] as number | null),
    [groupColumn],
  );
}

/** Child rows by their foreign key, in `orderBy`'s order (contacts of accounts, stage changes of opportunities). */
export function rowsByParent<T extends ObjectLiteral>(
  entity: new () => T,
  foreignKey: keyof T & string,
  orderBy: [keyof T & string, "ASC" | "DESC"][],
): SelectingLoaderFactory<number, T[]> {
  return rowsGroupedBy(entity, foreignKey, (ctx, parentIds) => {
    const qb = ctx.db.getRepository(entity).createQueryBuilder("x").where(`x.${foreignKey} IN (:...parentIds)`, { parentIds: [...parentIds] });
    for (const [column, direction] of orderBy) qb.addOrderBy(`x.${column}`, direction);
    return qb as SelectQueryBuilder<T>;
  });
}

/**
 * One loader factory per parameter (a page size, a record type), made once: `loader(ctx, factory)`
 * keys a request's loaders by factory, so a new factory per call would defeat batching.
 */
export function loaderFamily<P, L>(make: (parameter: P) => (ctx: Context) => L): (parameter: P) => (ctx: Context) => L {
  const factories = new Map<P, (ctx: Context) => L>();
  return (parameter) => {
    let factory = factories.get(parameter);
    if (!factory) factories.set(parameter, (factory = make(parameter)));
    return factory;
  };
}
