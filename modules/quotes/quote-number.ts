import type { EntityManager } from "typeorm";

/**
 * The next quote number of a territory and year, `Q-<territory code>-<year>-<6 digits>`, gap-free
 * and never given twice (issue 11). The counter row is raised inside the creating transaction: the
 * database holds its lock until that transaction ends, so concurrent creations of one territory
 * and year take numbers one after another, and a creation that rolls back gives its number back.
 * One statement raises it or creates it (MySQL's ON DUPLICATE KEY UPDATE, SQLite's ON CONFLICT),
 * so two first creations of a year cannot both insert; SQLite runs one writer at a time anyway.
 */
export async function nextQuoteNumber(manager: EntityManager, territory: { id: number; code: string }, year: number): Promise<string> {
  const mysql = ["mysql", "mariadb"].includes(manager.connection.options.type);
  await manager.query(
    mysql
      ? "INSERT INTO quote_number_counters (territoryId, year, lastNumber) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE lastNumber = lastNumber + 1"
      : "INSERT INTO quote_number_counters (territoryId, year, lastNumber) VALUES (?, ?, 1) ON CONFLICT (territoryId, year) DO UPDATE SET lastNumber = lastNumber + 1",
    [territory.id, year],
  );
  const [row] = await manager.query("SELECT lastNumber FROM quote_number_counters WHERE territoryId = ? AND year = ?", [territory.id, year]);
  return formatQuoteNumber(territory.code, year, Number(row.lastNumber));
}

export const formatQuoteNumber = (territoryCode: string, year: number, sequence: number) => `Q-${territoryCode}-${year}-${String(sequence).padStart(6, "0")}`;
