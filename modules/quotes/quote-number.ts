import type { EntityManager } from "typeorm";
import { formatNumber, nextNumber, type NumberSeries } from "../../src/db/numbering";

const QUOTES: NumberSeries = { table: "quote_number_counters", prefix: "Q" };

/** The next quote number of a territory and year, `Q-<territory code>-<year>-<6 digits>` (src/db/numbering.ts). */
export const nextQuoteNumber = (manager: EntityManager, territory: { id: number; code: string }, year: number): Promise<string> => nextNumber(manager, QUOTES, territory, year);

export const formatQuoteNumber = (territoryCode: string, year: number, sequence: number) => formatNumber(QUOTES.prefix, territoryCode, year, sequence);
