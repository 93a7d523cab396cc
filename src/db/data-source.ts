import { createConnection } from "mysql2/promise";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DataSource, type DataSourceOptions } from "typeorm";
import type { Config } from "../config";
import type { CrmModule } from "../modules/contract";
import { CountingLogger } from "./query-counter";

export type DatabaseKind = "sqlite" | "mysql";

export const databaseKind = (url: string): DatabaseKind => (url.startsWith("sqlite:") ? "sqlite" : "mysql");

function options(config: Config, modules: CrmModule[]): DataSourceOptions {
  const common = {
    entities: modules.flatMap((m) => m.entities),
    migrations: modules.flatMap((m) => m.migrations),
    migrationsTableName: "migrations",
    synchronize: false,
    logging: true as const,
    logger: new CountingLogger(config.logSql),
  };
  if (databaseKind(config.databaseUrl) === "sqlite") {
    const file = resolve(config.databaseUrl.slice("sqlite:".length));
    mkdirSync(dirname(file), { recursive: true });
    return {
      ...common,
      type: "better-sqlite3",
      database: file,
      enableWAL: true,
      prepareDatabase: (db: { pragma: (s: string) => void }) => {
        db.pragma("foreign_keys = ON");
        db.pragma("busy_timeout = 5000");
      },
    };
  }
  return {
    ...common,
    type: "mysql",
    url: config.databaseUrl.replace(/^mariadb:/, "mysql:"),
    charset: "utf8mb4_unicode_ci",
    timezone: "Z",
    extra: { connectionLimit: 20 },
  };
}

/** Creates the MySQL database named by the URL if it is missing (a fresh machine, a test run). */
export async function ensureDatabase(url: string): Promise<void> {
  if (databaseKind(url) !== "mysql") return;
  const parsed = new URL(url.replace(/^mariadb:/, "mysql:"));
  const name = decodeURIComponent(parsed.pathname.slice(1));
  parsed.pathname = "/";
    const conn = await createConnection(parsed.toString());
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name.replace(/`/g, "")}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

/** Connects and brings the schema up to date with every enabled module's migrations. */
export async function openDatabase(config: Config, modules: CrmModule[]): Promise<DataSource> {
  await ensureDatabase(config.databaseUrl);
  const db = new DataSource(options(config, modules));
  await db.initialize();
  await db.runMigrations({ transaction: "each" });
  return db;
}
