import type { EntityManager } from "typeorm";

/**
 * A numbered series counted per territory and year (quotes, orders, invoices, tickets): its counter
 * table (columns territoryId, year, lastNumber, and `series` when one table counts several series,
 * keyed by them) and the prefix of its numbers.
 */
export interface NumberSeries {
  table: string;
  prefix: string;
  /** the table counts several series in a `series` column holding the prefix */
  sharedTable?: boolean;
}

/**
 * The next number of a series in a territory and year, `<prefix>-<territory code>-<year>-<6 digits>`,
 * gap-free and never given twice. The counter row is raised inside the creating transaction: the
 * database holds its lock until that transaction ends, so concurrent creations of one territory and
 * year take numbers one after another, and a creation that rolls back gives its number back. One
 * statement raises it or creates it (MySQL's ON DUPLICATE KEY UPDATE, SQLite's ON CONFLICT), so two
 * first creations of a year cannot both insert; SQLite runs one transaction at a time anyway
 * (src/db/unit-of-work.ts).
 */
export async function nextNumber(manager: EntityManager, series: NumberSeries, territory: { id: number; code: string }, year: number): Promise<string> {
  const mysql = ["mysql", "mariadb"].includes(manager.connection.options.type);
  const keys = series.sharedTable ? ["series", "territoryId", "year"] : ["territoryId", "year"];
  const values = series.sharedTable ? [series.prefix, territory.id, year] : [territory.id, year];
  const insert = `INSERT INTO ${series.table} (${keys.join(", ")}, lastNumber) VALUES (${keys.map(() => "?").join(", ")}, 1)`;
  await manager.query(
    mysql ? `${insert} ON DUPLICATE KEY UPDATE lastNumber = lastNumber + 1` : `${insert} ON CONFLICT (${keys.join(", ")}) DO UPDATE SET lastNumber = lastNumber + 1`,
    values,
  );
  const [row] = await manager.query(`SELECT lastNumber FROM ${series.table} WHERE ${keys.map((key) => `${key} = ?`).join(" AND ")}`, values);
  return formatNumber(series.prefix, territory.code, year, Number(row.lastNumber));
}

/** A number of a series as it is shown: `Q-COAL-2026-000123`. */
export const formatNumber = (prefix: string, territoryCode: string, year: number, sequence: number) => `${prefix}-${territoryCode}-${year}-${String(sequence).padStart(6, "0")}`;
