import type { EntityManager } from "typeorm";
import { formatNumber, nextNumber, type NumberSeries } from "../../src/db/numbering";

const TICKETS: NumberSeries = { table: "ticket_number_counters", prefix: "T" };

/** The next ticket number of a territory and year, `T-<territory code>-<year>-<6 digits>` (src/db/numbering.ts). */
export const nextTicketNumber = (manager: EntityManager, territory: { id: number; code: string }, year: number): Promise<string> => nextNumber(manager, TICKETS, territory, year);

export const formatTicketNumber = (territoryCode: string, year: number, sequence: number) => formatNumber(TICKETS.prefix, territoryCode, year, sequence);
