import type { EntityManager } from "typeorm";
import { formatNumber as formatSeriesNumber, nextNumber as nextSeriesNumber } from "../../src/db/numbering";

/** The numbered series of this module: orders (contracts) and invoices, counted in one table. */
export type NumberSeries = "SO" | "INV";

const counter = (series: NumberSeries) => ({ table: "order_number_counters", prefix: series, sharedTable: true });

/** The next number of a series in a territory and year, `<series>-<territory code>-<year>-<6 digits>` (src/db/numbering.ts). */
export const nextNumber = (manager: EntityManager, series: NumberSeries, territory: { id: number; code: string }, year: number): Promise<string> =>
  nextSeriesNumber(manager, counter(series), territory, year);

export const formatNumber = (series: NumberSeries, territoryCode: string, year: number, sequence: number) => formatSeriesNumber(series, territoryCode, year, sequence);
