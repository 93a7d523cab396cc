import { Account } from "../../modules/accounts";
import { authenticate } from "../auth/authenticate";
import { startTestGateway, type TestGateway } from "../../test/harness";
import { Reach, Role } from "./roles";
import { Scope, type ScopedColumns, type ScopedRow } from "./scope";
import type { Viewer } from "./viewer";

/**
 * The one reach rule, proven once for every role on the demo data: the SQL filter (`apply`, and
 * `applyThrough` for a child table) selects exactly the rows the in-memory rule (`covers`) accepts,
 * for a table scoped by its own columns, for a child scoped through its parent, and with a module's
 * own reach for a role. Modules test their resolvers role by role on top of this.
 */
let t: TestGateway;
const viewers = new Map<string, Viewer>();
const ACCOUNTS: ScopedColumns = { territory: "territoryId", owner: "ownerId", pool: "inPublicPool" };

beforeAll(async () => {
  t = await startTestGateway();
  const { services } = t.gateway;
  const users: { email: string; role: Role }[] = await services.db.query("SELECT email, role FROM users ORDER BY id");
  for (const role of Object.values(Role).filter((r) => r !== Role.PARTNER)) {
    const email = users.find((u) => u.role === role)!.email;
    viewers.set(role, (await authenticate(services.config, services.db, `Bearer ${await t.token(email)}`))!);
  }
  // Every demo user of a team-reaching or own-reaching role, not only the first: reach differs by person.
  for (const u of users.filter((u) => u.role === Role.SALES_REP || u.role === Role.SALES_MANAGER)) {
    viewers.set(u.email, (await authenticate(services.config, services.db, `Bearer ${await t.token(u.email)}`))!);
  }
  const territories: { id: number }[] = await services.db.query("SELECT id FROM territories ORDER BY id");
  viewers.set(Role.PARTNER, { kind: "partner", id: 1, name: "a partner", role: Role.PARTNER, territoryId: null, territoryIds: [territories[0].id], teamIds: [] });
});
afterAll(() => t.stop());

type Row = ScopedRow & { id: number };

async function accounts(): Promise<Row[]> {
  const rows: { id: number; territoryId: number; ownerId: number | null; inPublicPool: number | boolean }[] = await t.gateway.services.db.query(
    "SELECT id, territoryId, ownerId, inPublicPool FROM accounts",
  );
  return rows.map((r) => ({ id: r.id, territoryId: r.territoryId, ownerId: r.ownerId, inPublicPool: Boolean(r.inPublicPool) }));
}

const ids = (rows: { id: number | string }[]) => rows.map((r) => Number(r.id)).sort((a, b) => a - b);

describe("Scope, for every role", () => {
  it("selects in SQL exactly the accounts it covers in memory, and every role reaches what ROLE_REACH says", async () => {
    const all = await accounts();
    for (const [who, viewer] of viewers) {
      const scope = new Scope(viewer);
      const selected = await scope.apply(t.gateway.services.db.createQueryBuilder().select("a.id", "id").from("accounts", "a"), "a", ACCOUNTS).getRawMany();
      const covered = all.filter((row) => scope.covers(row));
      expect({ who, ids: ids(selected) }).toEqual({ who, ids: ids(covered) });
      const reach = scope.reach;
      if (reach === Reach.None) expect({ who, count: covered.length }).toEqual({ who, count: 0 });
      if (reach === Reach.All) expect({ who, count: covered.length }).toEqual({ who, count: all.length });
      if (reach === Reach.Territory) expect({ who, ids: ids(covered) }).toEqual({ who, ids: ids(all.filter((r) => viewer.territoryIds.includes(r.territoryId))) });
      if (reach === Reach.Own || reach === Reach.Team) {
        const owners = reach === Reach.Team ? viewer.teamIds : [viewer.id];
        const expected = all.filter((r) => viewer.territoryIds.includes(r.territoryId) && (r.inPublicPool || (r.ownerId !== null && owners.includes(r.ownerId))));
        expect({ who, ids: ids(covered) }).toEqual({ who, ids: ids(expected) });
        expect(covered.length).toBeGreaterThan(0);
      }
    }
  });

  it("reaches a child table through its parent: contacts exactly of the accounts in reach", async () => {
    const all = await accounts();
    const contacts: { id: number; accountId: number }[] = await t.gateway.services.db.query("SELECT id, accountId FROM contacts");
    for (const [who, viewer] of viewers) {
      const scope = new Scope(viewer);
      const selected = await scope
        .applyThrough(t.gateway.services.db.createQueryBuilder().select("c.id", "id").from("contacts", "c"), "c", { parent: Account, foreignKey: "accountId", columns: ACCOUNTS })
        .getRawMany();
      const reached = new Set(all.filter((row) => scope.covers(row)).map((r) => r.id));
      expect({ who, ids: ids(selected) }).toEqual({ who, ids: ids(contacts.filter((c) => reached.has(c.accountId))) });
    }
  });

  it("lets a kind of row give a role another reach than its usual one, in SQL and in memory alike", async () => {
    const all = await accounts();
    // As a module would for tickets: reps reach their territory's, service agents none of another's.
    const columns: ScopedColumns = { ...ACCOUNTS, reach: { [Role.SALES_REP]: Reach.Territory, [Role.FINANCE]: Reach.None } };
    for (const role of [Role.SALES_REP, Role.FINANCE, Role.SERVICE_AGENT]) {
      const viewer = viewers.get(role)!;
      const scope = new Scope(viewer);
      const selected = await scope.apply(t.gateway.services.db.createQueryBuilder().select("a.id", "id").from("accounts", "a"), "a", columns).getRawMany();
      const expected = role === Role.FINANCE ? [] : all.filter((r) => viewer.territoryIds.includes(r.territoryId));
      expect({ role, ids: ids(selected) }).toEqual({ role, ids: ids(expected) });
      expect({ role, ids: ids(all.filter((r) => scope.covers(r, columns))) }).toEqual({ role, ids: ids(expected) });
    }
  });
});
