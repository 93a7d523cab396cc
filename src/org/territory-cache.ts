import type { DataSource } from "typeorm";
import { Territory } from "./territory.entity";

/**
 * Every territory, read in one statement the first time one is asked for and kept for the life of
 * the process: a list page names a territory on every row, and there are a handful of them (PRODUCT.md:
 * ten segments). Dropped when a commit announces `territory.changed` (org-cache.ts), and read again
 * when asked for an id it does not hold: a territory inserted where no event reaches this process
 * (another process's seed) is found that way; renaming one there would need that event carried
 * across processes (Redis), as users and keys would (org-cache.ts).
 *
 * The rows are shared by every request, so they are frozen.
 */
export class TerritoryCache {
  private rows: Promise<Map<number, Territory>> | null = null;

  constructor(private readonly db: DataSource) {}

  /** The territories of `ids`, in their order; null for an id no territory has. */
  async byIds(ids: readonly number[]): Promise<(Territory | null)[]> {
    const held = this.all();
    let rows = await held;
    if (ids.some((id) => !rows.has(id))) {
      // Concurrent requests that miss together read once: only the first drops what they all looked in.
      if (this.rows === held) this.drop();
      rows = await this.all();
    }
    return ids.map((id) => rows.get(id) ?? null);
  }

  /** Forgets every territory: the next request reads them again. A read in flight is not kept. */
  drop(): void {
    this.rows = null;
  }

  private all(): Promise<Map<number, Territory>> {
    if (!this.rows) {
      const reading = this.db
        .getRepository(Territory)
        .find()
        .then((rows) => new Map(rows.map((row) => [row.id, Object.freeze(row)])));
      this.rows = reading;
      // A failed read is the failing request's, not every later one's.
      reading.catch(() => this.rows === reading && this.drop());
    }
    return this.rows;
  }
}
