import type { EntityManager } from "typeorm";

/**
 * The next ticket number of a territory and year, `T-<territory code>-<year>-<6 digits>`, gap-free and
 * never given twice: the counter row is raised inside the creating transaction, as quote numbers are
 * (modules/quotes/quote-number.ts), so concurrent creations take numbers one after another and a
 * creation that rolls back gives its number back.
 */
export async function nextTicketNumber(manager: EntityManager, territory: { id: number; code: string }, year: number): Promise<string> {
  const mysql = ["mysql", "mariadb"].includes(manager.connection.options.type);
  await manager.query(
    mysql
      ? "INSERT INTO ticket_number_counters (territoryId, year, lastNumber) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE lastNumber = lastNumber + 1"
      : "INSERT INTO ticket_number_counters (territoryId, year, lastNumber) VALUES (?, ?, 1) ON CONFLICT (territoryId, year) DO UPDATE SET lastNumber = lastNumber + 1",
    [territory.id, year],
  );
  const [row] = await manager.query("SELECT lastNumber FROM ticket_number_counters WHERE territoryId = ? AND year = ?", [territory.id, year]);
  return formatTicketNumber(territory.code, year, Number(row.lastNumber));
}

export const formatTicketNumber = (territoryCode: string, year: number, sequence: number) => `T-${territoryCode}-${year}-${String(sequence).padStart(6, "0")}`;
