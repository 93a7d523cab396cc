import type { DataSource } from "typeorm";
import { Role } from "../../src/access/roles";
import { hashPassword } from "../../src/auth/password";
import { Territory } from "../../src/org/territory.entity";
import { User } from "../../src/org/user.entity";

export const DEMO_PASSWORD = "demo-password";
export const DEMO_EXEC_EMAIL = "exec@demo.test";

export interface DemoTerritory {
  territory: Territory;
  head: User;
  manager: User;
  reps: User[];
  ops: User;
}

export interface DemoOrganisation {
  exec: User;
  territories: DemoTerritory[];
}

/** Two territories, and per territory one user of each role; everyone's password is `demo-password`. */
export async function seedOrganisation(db: DataSource): Promise<DemoOrganisation> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = db.getRepository(User);
  const now = new Date();
  const add = (email: string, name: string, role: Role, territoryId: number | null, managerId: number | null = null) =>
    users.save(users.create({ email, name, role, territoryId, managerId, passwordHash, frozen: false, frozenAt: null, createdAt: now }));

  const exec = await add(DEMO_EXEC_EMAIL, "Evelyn Exec", Role.EXECUTIVE, null);
  await add("sysadmin@demo.test", "Sam Sysadmin", Role.SYSTEM_ADMIN, null);
  const territories: DemoTerritory[] = [];
  for (const [code, name, t, label] of [["COAL", "Coal Trading", "coal", "Coal"], ["FOOD", "Food & Beverage", "food", "Food"]] as const) {
    const territory = await db.getRepository(Territory).save({ code, name });
    const head = await add(`head.${t}@demo.test`, `${label} Head`, Role.TERRITORY_HEAD, territory.id);
    const manager = await add(`manager.${t}@demo.test`, `${label} Sales Manager`, Role.SALES_MANAGER, territory.id, head.id);
    const reps = [
      await add(`rep1.${t}@demo.test`, `${label} Rep One`, Role.SALES_REP, territory.id, manager.id),
      await add(`rep2.${t}@demo.test`, `${label} Rep Two`, Role.SALES_REP, territory.id, manager.id),
    ];
    const ops = await add(`ops.${t}@demo.test`, `${label} Business Manager`, Role.BUSINESS_MANAGER, territory.id, head.id);
    await add(`finance.${t}@demo.test`, `${label} Finance`, Role.FINANCE, territory.id);
    await add(`service.${t}@demo.test`, `${label} Service Agent`, Role.SERVICE_AGENT, territory.id);
    await add(`marketing.${t}@demo.test`, `${label} Marketer`, Role.MARKETER, territory.id);
    await add(`admin.${t}@demo.test`, `${label} Territory Admin`, Role.TERRITORY_ADMIN, territory.id);
    territories.push({ territory, head, manager, reps, ops });
  }
  return { exec, territories };
}
