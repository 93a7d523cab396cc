import type { DataSource } from "typeorm";

/**
 * Receivables writes one at a time on SQLite. There TypeORM runs every transaction on the one
 * connection, and two requests' transactions nest as savepoints rather than isolate: two payments
 * could both read the same outstanding amount. SQLite is in-process, so a queue here is exact; on
 * MySQL the invoice's row lock (SELECT ... FOR UPDATE) does this instead, across instances.
 */
let tail: Promise<unknown> = Promise.resolve();

export function serialOnSqlite<T>(db: DataSource, work: () => Promise<T>): Promise<T> {
  if (isMySql(db)) return work();
  const run = tail.then(work, work);
  tail = run.catch(() => undefined);
  return run;
}

export const isMySql = (db: DataSource) => db.options.type === "mysql" || db.options.type === "mariadb";
