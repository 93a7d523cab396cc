import { isObjectType } from "graphql";
import { composeModules } from "../registry";
import { buildGatewaySchema } from "../schema";
import { startTestGateway, type TestGateway } from "../../test/harness";
import { Account } from "../../modules/accounts";
import { rowReaders, rowsOf } from "./rows";

let t: TestGateway;
let manager: string;
beforeAll(async () => {
  t = await startTestGateway();
  manager = await t.token("manager.coal@demo.test");
});
afterAll(() => t.stop());

/** The SELECT of `table` among `statements`, and the columns it reads (quoted names after its alias). */
function selectOf(statements: string[], table: string, alias = "\\w+"): { sql: string; columns: string[] } {
  const sql = statements.find((s) => /^\s*SELECT/i.test(s) && new RegExp(`FROM [\`"]${table}[\`"] [\`"]${alias}[\`"]`).test(s));
  if (!sql) throw new Error(`no SELECT from ${table} in:\n${statements.join("\n")}`);
  const list = sql.slice(sql.indexOf("SELECT") + 6, sql.indexOf(" FROM "));
  return { sql, columns: [...list.matchAll(/[`"]\w+[`"]\.[`"](\w+)[`"] AS/g)].map((m) => m[1]).sort() };
}

describe("row reads (src/db/rows.ts)", () => {
  it("know what every field of every type read through them reads: a column, or what its resolver declared", async () => {
    const schema = await buildGatewaySchema(composeModules(null), { permissions: false });
    const db = t.gateway.services.db;
    const undeclared: string[] = [];
    let checked = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      const reads = [...rowReaders().values()].find((r) => r.entity.name === type.name);
      if (!reads) continue;
      for (const field of Object.keys(type.getFields())) {
        checked++;
        if (!reads.declares(db, field)) undeclared.push(`${type.name}.${field}`);
      }
    }
    expect(checked).toBeGreaterThan(80);
    expect(undeclared).toEqual([]);
  });

  it("gives rows of the entity's class (type-graphql copies a @Root() value that is not one, for every field resolver of every row)", async () => {
    const db = t.gateway.services.db;
    const rows = await rowsOf(Account).many(db.getRepository(Account).createQueryBuilder("a").orderBy("a.id").limit(3), "a", ["id", "name", "inPublicPool", "createdAt"]);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toBeInstanceOf(Account);
      expect(typeof row.inPublicPool).toBe("boolean");
      expect(row.createdAt).toBeInstanceOf(Date);
      expect(Object.keys(row).sort()).toEqual(["createdAt", "id", "inPublicPool", "name"]);
    }
  });

  it("a list page reads only the columns its selection needs, and what its computed fields declared", async () => {
    const statements = await t.statementsOf(async () => {
      const res = await t.gql(`{ accounts(first: 5) { edges { node { id name owner { name } contacts { name } } } } }`, {}, manager);
      expect(res.errors).toBeUndefined();
      expect(res.data.accounts.edges).toHaveLength(5);
      for (const { node } of res.data.accounts.edges) {
        expect(typeof node.name).toBe("string");
        // null only for an account of the public pool
        if (node.owner !== null) expect(typeof node.owner.name).toBe("string");
        expect(Array.isArray(node.contacts)).toBe(true);
      }
      expect(res.data.accounts.edges.some((e: any) => e.node.owner !== null)).toBe(true);
    });
    // The page: its key, the selected name (also the order), the owner's id for `owner`.
    expect(selectOf(statements, "accounts").columns).toEqual(["id", "name", "ownerId"]);
    // The owners (the loader's query, not the viewer's): never the password hash nor anything else nobody asked for.
    expect(selectOf(statements, "users", "x").columns).toEqual(["id", "name"]);
    // Contacts: the foreign key that groups them under their account, and the name.
    expect(selectOf(statements, "contacts").columns).toEqual(["accountId", "id", "name"]);
  });

  it("reads what each type needs, converted as entity hydration converts it (dates, booleans, money)", async () => {
    const id = await t.accountOf("rep1.coal@demo.test");
    const res = await t.gql(
      `query($id: ID!) { account(id: $id) { id inPublicPool creditLimit createdAt opportunities { amount expectedCloseDate stale } activities(last: 3) { createdAt owner { email } } } }`,
      { id },
      manager,
    );
    expect(res.errors).toBeUndefined();
    const account = res.data.account;
    expect(typeof account.inPublicPool).toBe("boolean");
    expect(account.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    if (account.creditLimit !== null) expect(account.creditLimit).toMatch(/^\d+\.\d\d$/);
    for (const o of account.opportunities) {
      expect(o.amount).toMatch(/^\d+\.\d\d$/);
      expect(typeof o.stale).toBe("boolean");
    }
    for (const a of account.activities) expect(a.owner.email).toMatch(/@/);
  });

  it("a field selected twice with different sub-selections in one level reads the union, in one statement", async () => {
    const statements = await t.statementsOf(async () => {
      const res = await t.gql(`{ accounts(first: 3) { edges { node { owner { id } again: owner { email } } } } }`, {}, manager);
      expect(res.errors).toBeUndefined();
      for (const { node } of res.data.accounts.edges) if (node.again !== null) expect(node.again.email).toMatch(/@/);
      expect(res.data.accounts.edges.some((e: any) => e.node.again !== null)).toBe(true);
    });
    const users = statements.filter((s) => /FROM [`"]users[`"] [`"]x[`"]/.test(s));
    expect(users).toHaveLength(1);
    expect(selectOf(users, "users", "x").columns).toEqual(["email", "id"]);
  });

  it("walks the index that serves the order under the Scope on MySQL (FORCE INDEX), on every page", async () => {
    const first = await t.gql(`{ accounts(first: 2) { pageInfo { endCursor } } }`, {}, manager);
    const statements = await t.statementsOf(() => t.gql(`query($a: String) { accounts(first: 2, after: $a) { edges { node { id } } } }`, { a: first.data.accounts.pageInfo.endCursor }, manager));
    const page = selectOf(statements, "accounts").sql;
    if (!["mysql", "mariadb"].includes(t.gateway.services.db.options.type)) expect(page).not.toMatch(/FORCE INDEX/);
    else {
      const index = t.gateway.services.db.getMetadata("Account").indices.find((i) => i.columns.map((c) => c.propertyName).join() === "territoryId,archivedAt,name,id")!;
      expect(page).toContain(`FORCE INDEX (\`${index.name}\`)`);
      // A filter on a column the index does not start with leaves the choice to the database.
      const filtered = await t.statementsOf(() => t.gql(`{ accounts(first: 2, filter: { tier: KEY }) { edges { node { id } } } }`, {}, manager));
      expect(selectOf(filtered, "accounts").sql).not.toMatch(/FORCE INDEX/);
    }
  });
});
