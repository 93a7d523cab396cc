import type { EntityManager } from "typeorm";

/** The numbered series of this module: orders (contracts) and invoices. */
export type NumberSeries = "SO" | "INV";

/**
 * The next number of a series in a territory and year, `<series>-<territory code>-<year>-<6 digits>`,
 * gap-free and never given twice, as quote numbers are (modules/quotes/quote-number.ts): one statement
 * raises or creates the counter row inside the creating transaction, which holds its lock until it
 * ends, so a creation that rolls back gives its number back.
 */
export async function nextNumber(manager: EntityManager, series: NumberSeries, territory: { id: number; code: string }, year: number): Promise<string> {
  const mysql = ["mysql", "mariadb"].includes(manager.connection.options.type);
  await manager.query(
    mysql
      ? "INSERT INTO order_number_counters (series, territoryId, year, lastNumber) VALUES (?, ?, ?, 1) ON DUPLICATE KEY UPDATE lastNumber = lastNumber + 1"
      : "INSERT INTO order_number_counters (series, territoryId, year, lastNumber) VALUES (?, ?, ?, 1) ON CONFLICT (series, territoryId, year) DO UPDATE SET lastNumber = lastNumber + 1",
    [series, territory.id, year],
  );
  const [row] = await manager.query("SELECT lastNumber FROM order_number_counters WHERE series = ? AND territoryId = ? AND year = ?", [series, territory.id, year]);
  return formatNumber(series, territory.code, year, Number(row.lastNumber));
}

export const formatNumber = (series: NumberSeries, territoryCode: string, year: number, sequence: number) => `${series}-${territoryCode}-${year}-${String(sequence).padStart(6, "0")}`;
