import { createConnection } from "mysql2/promise";
import { createHash, randomBytes } from "node:crypto";
import { closeSync, constants, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, watch, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The databases tests run on. Every gateway gets a database of its own; migrating and loading the
 * demo data into each one was most of the time of a test run, so a run does that once per kind of
 * database and module set, into a template, and every gateway gets a copy of it:
 *
 * - SQLite: the template is one checkpointed file (VACUUM INTO), copied per gateway;
 * - MySQL/MariaDB: the template is a database `crm_test_tpl_<run>_<key>`; a copy is a new database
 *   with every table of it made from its SHOW CREATE TABLE (indexes, foreign keys, AUTO_INCREMENT
 *   included) and filled with INSERT ... SELECT, foreign key checks off meanwhile.
 *
 * A run is one `jest` invocation: test/global-setup.ts names it (CRM_TEST_RUN) and makes its
 * directory, where the first worker to need a template takes a lock file and builds it while the
 * others wait for its `.ready` file; test/global-teardown.ts drops the run's templates. Without a
 * run (a harness used outside jest) every database is migrated and seeded by its own gateway.
 */

export const RUN_VARIABLE = "CRM_TEST_RUN";

export type Kind = "sqlite" | "mysql";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** The test server's URL (mysql://user:pass@host:port/) when DATABASE_URL names MySQL/MariaDB, else null: SQLite. */
export function mysqlServer(): URL | null {
  const base = process.env.DATABASE_URL;
  if (!base || !/^(mysql|mariadb):/.test(base)) return null;
  const url = new URL(base.replace(/^mariadb:/, "mysql:"));
  url.pathname = "/";
  return url;
}

const quote = (name: string) => `\`${name.replace(/`/g, "``")}\``;

function sqliteFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];
}

/** A database named `name` that does not exist yet, and how to drop it. */
export function namedDatabase(name: string): TestDatabase {
  const server = mysqlServer();
  if (server) {
    const url = new URL(server);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      drop: async () => {
        const conn = await createConnection(server.toString());
        try {
          await conn.query(`DROP DATABASE IF EXISTS ${quote(name)}`);
        } finally {
          await conn.end();
        }
      },
    };
  }
  const file = join(tmpdir(), `${name}.sqlite`);
  return {
    url: `sqlite:${file}`,
    drop: async () => {
      for (const f of sqliteFiles(file)) rmSync(f, { force: true });
    },
  };
}

/** A throwaway database name, unique to this process and call. */
export const freshName = () => `crm_test_${process.pid}_${randomBytes(4).toString("hex")}`;

// ---------------------------------------------------------------------------------------------
// Templates

interface TemplateRecord {
  kind: Kind;
  name: string;
}

export interface Template extends TemplateRecord {
  /** a new database with the template's tables and rows */
  copy(): Promise<TestDatabase>;
}

const runDirectory = (run: string) => join(tmpdir(), `crm_test_run_${run}`);

/** The current jest run, if test/global-setup.ts named one. */
export function currentRun(): string | null {
  const run = process.env[RUN_VARIABLE];
  return run && /^[a-z0-9]+$/.test(run) ? run : null;
}

/** Called by global-setup: names the run and makes its directory. */
export function beginRun(): string {
  const run = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  mkdirSync(runDirectory(run), { recursive: true });
  process.env[RUN_VARIABLE] = run;
  return run;
}

/** Called by global-teardown: drops every template the run built (or began to build) and its directory. */
export async function endRun(run: string): Promise<void> {
  const directory = runDirectory(run);
  if (!existsSync(directory)) return;
  const records = readdirSync(directory)
    .filter((f) => f.endsWith(".lock"))
    .map((f) => JSON.parse(readFileSync(join(directory, f), "utf8")) as TemplateRecord);
  for (const record of records) {
    if (record.kind === "sqlite") {
      for (const f of [...sqliteFiles(join(tmpdir(), `${record.name}.sqlite`)), ...sqliteFiles(join(tmpdir(), `${record.name}.build.sqlite`))]) rmSync(f, { force: true });
    } else if (mysqlServer()) await namedDatabase(record.name).drop();
  }
  rmSync(directory, { recursive: true, force: true });
}

/**
 * What makes templates differ: the database kind and the enabled modules (their migrations and
 * demo data). The UTC day is part of it too: the demo data is laid out relative to the moment it
 * is loaded (birthdays "in three days", accounts "quiet for 35 days"), so a run that crosses
 * midnight loads it again rather than handing out yesterday's.
 */
function templateKey(kind: Kind, modules: string[] | null): string {
  const day = new Date().toISOString().slice(0, 10);
  return createHash("sha256").update(JSON.stringify([kind, modules ?? "*", day])).digest("hex").slice(0, 10);
}

const templates = new Map<string, Promise<Template | null>>();

/**
 * The run's template for these modules, built on first use by `build` (which must migrate and seed
 * the database at the URL it is given, and close it). Null without a run, or when the build
 * failed: the caller then migrates and seeds a database of its own, and meets the failure there.
 */
export function template(modules: string[] | null, build: (url: string) => Promise<void>): Promise<Template | null> {
  const run = currentRun();
  if (!run) return Promise.resolve(null);
  const kind: Kind = mysqlServer() ? "mysql" : "sqlite";
  const key = templateKey(kind, modules);
  let found = templates.get(key);
  if (!found) templates.set(key, (found = obtain(run, { kind, name: `crm_test_tpl_${run}_${key}` }, key, build)));
  return found;
}

async function obtain(run: string, record: TemplateRecord, key: string, build: (url: string) => Promise<void>): Promise<Template | null> {
  const directory = runDirectory(run);
  const lock = join(directory, `${key}.lock`);
  const ready = join(directory, `${key}.ready`);
  let mine = false;
  try {
    const fd = openSync(lock, "wx");
    // The lock names the template, so that global-teardown drops it even if this worker dies building it.
    writeFileSync(fd, JSON.stringify(record));
    closeSync(fd);
    mine = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if (mine) {
    let outcome: { ok: boolean; error?: string };
    try {
      await (record.kind === "sqlite" ? buildSqlite(record.name, build) : buildMysql(record.name, build));
      outcome = { ok: true };
    } catch (error) {
      outcome = { ok: false, error: String(error) };
    }
    writeFileSync(`${ready}.tmp`, JSON.stringify(outcome));
    renameSync(`${ready}.tmp`, ready);
    return outcome.ok ? withCopy(record) : null;
  }
  if (!(await appears(directory, ready, 120_000))) return null;
  const outcome = JSON.parse(readFileSync(ready, "utf8")) as { ok: boolean };
  return outcome.ok ? withCopy(record) : null;
}

/** Resolves true once `file` exists (watching its directory, not polling), false after `withinMs`. */
function appears(directory: string, file: string, withinMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const watcher = watch(directory);
    const settle = () => {
      if (settled) return;
      const there = existsSync(file);
      if (!there && !timedOut) return;
      settled = true;
      clearTimeout(timer);
      watcher.close();
      resolve(there);
    };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      settle();
    }, withinMs);
    watcher.on("change", settle);
    watcher.on("error", () => {
      timedOut = true;
      settle();
    });
    settle();
  });
}

interface SqliteDatabase {
  pragma(sql: string): unknown;
  exec(sql: string): void;
  close(): void;
}
// better-sqlite3 ships no types of its own; this is the little the harness uses.
const openSqlite = (file: string): SqliteDatabase => new (require("better-sqlite3") as new (file: string) => SqliteDatabase)(file);

async function buildSqlite(name: string, build: (url: string) => Promise<void>): Promise<void> {
  const scratch = join(tmpdir(), `${name}.build.sqlite`);
  const file = join(tmpdir(), `${name}.sqlite`);
  try {
    await build(`sqlite:${scratch}`);
    // The gateway is closed; VACUUM INTO writes everything, WAL included, into one self-contained file.
    const db = openSqlite(scratch);
    try {
      db.pragma("wal_checkpoint(TRUNCATE)");
      db.exec(`VACUUM INTO '${file.replace(/'/g, "''")}'`);
    } finally {
      db.close();
    }
  } finally {
    for (const f of sqliteFiles(scratch)) rmSync(f, { force: true });
  }
}

async function buildMysql(name: string, build: (url: string) => Promise<void>): Promise<void> {
  await build(namedDatabase(name).url);
}

function withCopy(record: TemplateRecord): Template {
  return { ...record, copy: () => (record.kind === "sqlite" ? copySqlite(record.name) : copyMysql(record.name)) };
}

async function copySqlite(template: string): Promise<TestDatabase> {
  const db = namedDatabase(freshName());
  // A reflink where the file system has them, else a plain copy: a few MB.
  copyFileSync(join(tmpdir(), `${template}.sqlite`), db.url.slice("sqlite:".length), constants.COPYFILE_FICLONE);
  return db;
}

/** Each template's tables and their CREATE TABLE statements, read once per process. */
const definitions = new Map<string, Promise<[string, string][]>>();

async function copyMysql(template: string): Promise<TestDatabase> {
  const name = freshName();
  const db = namedDatabase(name);
  const conn = await createConnection({ uri: mysqlServer()!.toString(), multipleStatements: true });
  try {
    let tables = definitions.get(template);
    if (!tables) {
      definitions.set(
        template,
        (tables = (async () => {
          const [rows] = await conn.query(`SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`, [template]);
          const out: [string, string][] = [];
          for (const { name: table } of rows as { name: string }[]) {
            const [[created]] = (await conn.query(`SHOW CREATE TABLE ${quote(template)}.${quote(table)}`)) as unknown as [Record<string, string>[]];
            // Unqualified, so it creates the table in the current database; foreign keys inside the
            // schema are unqualified in it too, and so point at the copy's tables.
            out.push([table, created["Create Table"]]);
          }
          return out;
        })()),
      );
      tables.catch(() => definitions.delete(template));
    }
    const statements = [
      `CREATE DATABASE ${quote(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      `USE ${quote(name)}`,
      `SET FOREIGN_KEY_CHECKS = 0`,
      ...(await tables).map(([, create]) => create),
      ...(await tables).map(([table]) => `INSERT INTO ${quote(name)}.${quote(table)} SELECT * FROM ${quote(template)}.${quote(table)}`),
      `SET FOREIGN_KEY_CHECKS = 1`,
    ];
    await conn.query(statements.join(";\n"));
  } catch (error) {
    await db.drop().catch(() => undefined);
    throw error;
  } finally {
    await conn.end();
  }
  return db;
}
