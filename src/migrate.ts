import "reflect-metadata";
import { ConfigError, loadConfig } from "./config";
import { openDatabase } from "./db/data-source";
import { composeModules } from "./registry";

/** `npm run migrate`: brings the database named by DATABASE_URL up to date, then exits. */
async function migrate(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config, composeModules(config.modules));
  const applied = await db.query("SELECT name FROM migrations ORDER BY id");
  console.log(`database is up to date: ${applied.length} migrations applied`);
  await db.destroy();
}

migrate().catch((error) => {
  console.error(error instanceof ConfigError ? `Invalid setting ${error.message}` : error);
  process.exit(1);
});
