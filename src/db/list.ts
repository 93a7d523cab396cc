import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { scopeFixes } from "../access/scope";
import type { ConnectionResult, PageArgs, SortDirection } from "../graphql/connection";
import { parseId } from "../graphql/ids";
import type { SelectionInfo } from "../graphql/selection";
import { keysetPage, type KeysetOrder } from "./pagination";
import { rowsOf } from "./rows";

/** How a list query reads its filter and its orders; a module declares one per list. */
export interface ListSpec<T extends ObjectLiteral, F, O extends string> {
  /** the query's alias */
  alias: string;
  /** filter fields compared for equality with a column, when given (not null) */
  equal?: { [K in keyof F]?: string };
  /** filter fields holding an id (parsed, naming `filter.<field>` when bad), compared with a column */
  ids?: { [K in keyof F]?: string };
  /** what the remaining filter fields add to the query */
  where?: (qb: SelectQueryBuilder<T>, filter: F) => void;
  /** the columns that `where` fixes to one value for this filter (`archivedAt IS NULL`): an index starting with them serves the order */
  fixes?: (filter: F) => (keyof T & string)[];
  /** each order field's column, its kind and how to read it from a row (for cursors) */
  orders: Record<O, Omit<KeysetOrder<T>, "direction">>;
  defaultOrder: { field: O; direction: SortDirection };
}

/**
 * The one way to serve a list: the Scope-limited query a module hands in, its filter, then a keyset
 * page as a Relay connection whose totalCount is counted only when selected. Given the resolver's
 * `info`, the page reads only the columns its nodes' selection needs (src/db/rows.ts), and on MySQL
 * walks the index that serves the order under the Scope and filter from the cursor on.
 */
export function listPage<T extends ObjectLiteral & { id: number }, F extends object, O extends string>(
  scoped: SelectQueryBuilder<T>,
  spec: ListSpec<T, F, O>,
  filter: F = {} as F,
  order: { field?: O | null; direction?: SortDirection | null } | undefined,
  page: PageArgs,
  info?: SelectionInfo,
): Promise<ConnectionResult<T>> {
  const { alias } = spec;
  const fixed = new Set<string>(spec.fixes?.(filter) ?? []);
  const filtered = new Set<string>();
  const byScope = scopeFixes(scoped);
  if (byScope) fixed.add(byScope);
  for (const [key, column] of Object.entries(spec.equal ?? {}) as [keyof F & string, string][]) {
    const value = filter[key];
    if (value !== undefined && value !== null) {
      scoped.andWhere(`${alias}.${column} = :eq_${key}`, { [`eq_${key}`]: value });
      filtered.add(column);
    }
  }
  for (const [key, column] of Object.entries(spec.ids ?? {}) as [keyof F & string, string][]) {
    const value = filter[key];
    if (value) {
      scoped.andWhere(`${alias}.${column} = :id_${key}`, { [`id_${key}`]: parseId(String(value), `filter.${key}`) });
      filtered.add(column);
    }
  }
  spec.where?.(scoped, filter);
  const field = order?.field ?? spec.defaultOrder.field;
  const keyset = { ...spec.orders[field], direction: order?.direction ?? spec.defaultOrder.direction };
  const reads = rowsOf(scoped.expressionMap.mainAlias!.metadata.target as new () => T);
  const db = scoped.connection;
  const read = { reads, columns: reads.columnsOf(db, info, ["edges", "node"], [keyset.column]), index: reads.orderIndex(db, keyset.column, fixed, filtered) };
  return keysetPage(scoped, alias, keyset, page, read);
}
