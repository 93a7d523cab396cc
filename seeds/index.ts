import type { Services } from "../src/context";
import type { CrmModule } from "../src/modules/contract";
import { User } from "../src/org/user.entity";
import { databaseKind } from "../src/db/data-source";
import { seedOrganisation, DEMO_EXEC_EMAIL } from "./demo/organisation";

/**
 * Demo data loads on an empty embedded database, or on any database with SEED_DEMO=1; never in
 * production unless asked for explicitly. It loads once: a database that has the demo users keeps
 * what it has.
 */
export async function seedDemoIfWanted(services: Services, modules: CrmModule[]): Promise<boolean> {
  const { config, db } = services;
  const asked = config.seedDemo;
  const embeddedDefault = databaseKind(config.databaseUrl) === "sqlite" && !config.production;
  if (!asked && !embeddedDefault) return false;
  if (await db.getRepository(User).existsBy({ email: DEMO_EXEC_EMAIL })) return false;
  if (!asked && (await db.getRepository(User).count()) > 0) return false;
  await seedDemo(services, modules);
  return true;
}

/**
 * The demo organisation (territories and users: the core's), then each enabled module's own demo
 * data from its manifest's `seed`, in the order given: the registry's, so a module's requirements
 * are seeded before it.
 */
export async function seedDemo(services: Services, modules: CrmModule[]): Promise<void> {
  const organisation = await seedOrganisation(services.db);
  for (const module of modules) await module.seed?.(services, organisation);
}
