import type { DataSource } from "typeorm";

/**
 * Whether the database is MySQL/MariaDB, where receivables writes lock the invoice's or order's row
 * (SELECT ... FOR UPDATE) across instances; on SQLite inTransaction already runs one transaction at
 * a time (src/db/unit-of-work.ts).
 */
export const isMySql = (db: DataSource) => db.options.type === "mysql" || db.options.type === "mariadb";
