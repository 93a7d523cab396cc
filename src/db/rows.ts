import type { DataSource, ObjectLiteral, QueryRunner, SelectQueryBuilder } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";
import { selectedFields, type SelectionInfo } from "../graphql/selection";

/**
 * How the rows of one entity are read for GraphQL (issue 10): only the columns the selection needs,
 * as the driver's own row objects given the entity's class, without TypeORM's entity hydration.
 * TypeORM still builds the query (the Scope, filters, the keyset) and converts each value exactly as
 * hydration would (`prepareHydratedValue`: dates, booleans, money transformers), so a row read here
 * equals the entity's row for every column it carries. Writes, migrations and the schema stay with
 * TypeORM. A field whose GraphQL name is a column's property name reads that column.
 *
 * A GraphQL field that is a column of the entity needs that column; a field a resolver computes
 * declares what it reads with `reads()` (`owner: ["ownerId"]`); an undeclared one is served with
 * every column, so forgetting a declaration costs speed, never a wrong answer. The primary key is
 * always read.
 */
export class RowReads<T extends ObjectLiteral> {
  private readonly fieldReads = new Map<string, readonly string[]>();
  private readonly shapes = new WeakMap<DataSource, Shape>();
  private readonly plans = new WeakMap<ReadonlySet<string>, Map<string, readonly string[]>>();

  constructor(readonly entity: new () => T) {}

  /**
   * Declares the columns that computed fields of this type read from their row (a field resolver's
   * `@Root()` properties): `{ owner: ["ownerId"], contacts: [] }`. Any module may declare the fields
   * it adds to another module's type.
   */
  reads(fields: Record<string, readonly (keyof T & string)[]>): this {
    for (const [field, columns] of Object.entries(fields)) this.fieldReads.set(field, columns);
    return this;
  }

  /** Whether `field` is a column or a declared computed field (schema tests check every field is one). */
  declares(db: DataSource, field: string): boolean {
    return this.shape(db).columns.has(field) || this.fieldReads.has(field);
  }

  /** The columns (property names) a selection of this type's fields needs, plus `extra`. */
  columnsFor(db: DataSource, fields: ReadonlySet<string>, extra: readonly string[] = []): readonly string[] {
    const key = extra.length === 0 ? "" : extra.length === 1 ? extra[0] : extra.join(",");
    const perExtra = this.plans.get(fields);
    const known = perExtra?.get(key);
    if (known) return known;
    const shape = this.shape(db);
    const wanted = new Set<string>(shape.primary);
    for (const column of extra) wanted.add(column);
    for (const field of fields) {
      if (field === "__typename") continue;
      if (shape.columns.has(field)) wanted.add(field);
      else {
        const declared = this.fieldReads.get(field);
        if (!declared) return this.remember(fields, key, shape.all);
        for (const column of declared) wanted.add(column);
      }
    }
    // In the entity's column order, so every row of one selection has the same shape.
    return this.remember(fields, key, shape.all.filter((column) => wanted.has(column)));
  }

  /** The columns that the selection at `path` below a resolver's field needs. */
  columnsOf(db: DataSource, info: SelectionInfo | undefined, path: readonly string[] = [], extra: readonly string[] = []): readonly string[] {
    return info ? this.columnsFor(db, selectedFields(info, path), extra) : this.shape(db).all;
  }

  /**
   * Runs `qb` (whose main alias is `alias`) for only `columns`, as rows of the entity. Each column
   * comes back under its property name, and only values the driver does not give as the entity
   * holds them (booleans, dates, money, JSON...) are converted, in place: the driver's row objects
   * are the rows, with no second object per row. `forceIndex` names an index of the main table the
   * database must walk (MySQL's FORCE INDEX; other databases choose for themselves): see keysetPage.
   */
  async many(qb: SelectQueryBuilder<T>, alias: string, columns: readonly string[], forceIndex?: string): Promise<T[]> {
    const shape = this.shape(qb.connection);
    qb.select([]);
    for (const property of columns) qb.addSelect(`${alias}.${property}`, property);
    let [sql, parameters] = qb.getQueryAndParameters();
    const driver = qb.connection.driver;
    if (forceIndex && isMySql(qb.connection)) {
      const from = `FROM ${driver.escape(shape.table)} ${driver.escape(alias)}`;
      sql = sql.replace(from, `${from} FORCE INDEX (${driver.escape(forceIndex)})`);
    }
    const rows: Record<string, unknown>[] = await qb.connection.query(sql, parameters, runnerOf(qb));
    const converted = columns.map((property) => shape.columns.get(property)!).filter((column) => shape.converts.has(column.propertyName));
    for (const row of rows) {
      // Rows are of the entity's class: type-graphql hands `@Root() x: Entity` an instance, and makes
      // a copy for each field resolver of each row that is not one (9 % of a list page's CPU).
      Object.setPrototypeOf(row, shape.prototype);
      for (const column of converted) {
        const value = row[column.propertyName];
        if (value !== null && value !== undefined) row[column.propertyName] = driver.prepareHydratedValue(value, column);
      }
    }
    return rows as T[];
  }

  /**
   * The index that serves a keyset order on `column` (then the primary key) when the query fixes
   * `fixed` columns by equality: the longest index whose leading columns are all fixed and whose last
   * two are the order column and the id. Every column in `filtered` (what the caller's filter asked
   * for) must lead the index, or none is named: a filter on a column the index does not start with
   * may be served better by another plan, which the database then chooses.
   */
  orderIndex(db: DataSource, column: string, fixed: ReadonlySet<string>, filtered: ReadonlySet<string>): string | null {
    let best: { name: string; prefix: number } | null = null;
    for (const index of db.getMetadata(this.entity).indices) {
      const names = index.columns.map((c) => c.propertyName);
      const n = names.length;
      if (n < 2 || names[n - 2] !== column || names[n - 1] !== "id") continue;
      const prefix = names.slice(0, n - 2);
      if (!prefix.every((name) => fixed.has(name) || filtered.has(name))) continue;
      if (![...filtered].every((name) => prefix.includes(name))) continue;
      if (!best || prefix.length > best.prefix) best = { name: index.name!, prefix: prefix.length };
    }
    return best?.name ?? null;
  }

  private remember(fields: ReadonlySet<string>, key: string, columns: readonly string[]): readonly string[] {
    let perExtra = this.plans.get(fields);
    if (!perExtra) this.plans.set(fields, (perExtra = new Map()));
    perExtra.set(key, columns);
    return columns;
  }

  private shape(db: DataSource): Shape {
    let shape = this.shapes.get(db);
    if (!shape) {
      const metadata = db.getMetadata(this.entity);
      // Columns of embedded objects or relations would need their own mapping; entities here have none.
      const plain = metadata.columns.filter((column) => !column.embeddedMetadata && !column.relationMetadata);
      shape = {
        columns: new Map(plain.map((column) => [column.propertyName, column])),
        all: plain.map((column) => column.propertyName),
        primary: metadata.primaryColumns.map((column) => column.propertyName),
        table: metadata.tableName,
        prototype: (metadata.target as Function).prototype,
        converts: new Set(plain.filter((column) => !arrivesAsHeld(column)).map((column) => column.propertyName)),
      };
      this.shapes.set(db, shape);
    }
    return shape;
  }
}

interface Shape {
  columns: Map<string, ColumnMetadata>;
  all: string[];
  primary: string[];
  table: string;
  prototype: object;
  /** the columns whose values the driver does not give as the entity holds them */
  converts: Set<string>;
}

/**
 * Whether the driver gives a column's values as the entity holds them, so reading needs no
 * conversion: text, and integers (mysql2 and better-sqlite3 both answer numbers for INT). Anything
 * else (booleans as 0/1, dates, decimals, JSON, transformed columns) goes through the driver's
 * prepareHydratedValue, as entity hydration does.
 */
function arrivesAsHeld(column: ColumnMetadata): boolean {
  if (column.transformer) return false;
  const type = column.type;
  if (type === String || type === "varchar" || type === "text" || type === "character varying" || type === "nvarchar") return true;
  return type === Number || type === "int" || type === "integer";
}

/** The transaction's query runner a query builder was made on (TypeORM keeps it protected), if any. */
const runnerOf = (qb: SelectQueryBuilder<ObjectLiteral>) => (qb as unknown as { queryRunner?: QueryRunner }).queryRunner;

const isMySql = (db: DataSource) => db.options.type === "mysql" || db.options.type === "mariadb";

const registry = new Map<Function, RowReads<ObjectLiteral>>();

/** The one row reader of an entity, shared by every module that reads it or adds fields to it. */
export function rowsOf<T extends ObjectLiteral>(entity: new () => T): RowReads<T> {
  let reads = registry.get(entity);
  if (!reads) registry.set(entity, (reads = new RowReads(entity)));
  return reads as unknown as RowReads<T>;
}

/** Every entity read through `rowsOf` so far (for the schema test that checks each field is declared). */
export function rowReaders(): ReadonlyMap<Function, RowReads<ObjectLiteral>> {
  return registry;
}
