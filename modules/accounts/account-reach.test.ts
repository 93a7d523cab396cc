import { startTestGateway, codes, type GqlResult, type TestGateway } from "../../test/harness";

/**
 * Each role's reach over account rows and confidential fields (PRODUCT.md, "The organisation"),
 * through real requests. The expected reach is computed here from the executive's complete view
 * (owner, territory, pool) by the rule of PRODUCT.md, independently of the Scope that serves it.
 */

let t: TestGateway;
let territoryIds: Record<"COAL" | "FOOD", string>;
/** every demo account, as the executive sees it */
let all: Row[];
let coalKey: string;
let bothKey: string;

interface Row {
  id: string;
  name: string;
  inPublicPool: boolean;
  owner: { id: string } | null;
  territory: { id: string; code: string };
}

const ALL_ROWS = `query($first: Int, $after: String) {
  accounts(first: $first, after: $after) {
    totalCount
    edges { node { id name inPublicPool owner { id } territory { id code } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const PAGE = `query($first: Int, $after: String) {
  accounts(first: $first, after: $after) {
    totalCount
    edges { cursor node { id name } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const ONE = `query($id: ID!) { account(id: $id) { id name } }`;

beforeAll(async () => {
  t = await startTestGateway();
  const exec = await t.token("exec@demo.test");
  const territories = await t.gql(`{ territories { id code } }`, {}, exec);
  territoryIds = Object.fromEntries(territories.data.territories.map((x: { id: string; code: string }) => [x.code, x.id])) as typeof territoryIds;
  all = await walk(exec, ALL_ROWS, 100);
  const sysadmin = await t.token("sysadmin@demo.test");
  const create = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }`;
  const expiresAt = new Date(Date.now() + 24 * 3600_000).toISOString();
  const coal = await t.gql(create, { input: { name: "Coal partner", territoryIds: [territoryIds.COAL], expiresAt } }, sysadmin);
  const both = await t.gql(create, { input: { name: "Group partner", territoryIds: [territoryIds.COAL, territoryIds.FOOD], expiresAt } }, sysadmin);
  expect(coal.errors).toBeUndefined();
  expect(both.errors).toBeUndefined();
  coalKey = coal.data.createApiKey.key;
  bothKey = both.data.createApiKey.key;
});
afterAll(() => t.stop());

/** Every row of the list, page by page, failing on a repeated row. */
async function walk(credential: string, query: string, first: number): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const r: GqlResult = await t.gql(query, { first, after }, credential);
    expect(r.errors).toBeUndefined();
    rows.push(...r.data.accounts.edges.map((e: { node: Row }) => e.node));
    if (!r.data.accounts.pageInfo.hasNextPage) break;
    after = r.data.accounts.pageInfo.endCursor;
  }
  expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  return rows;
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

async function userIds(...emails: string[]): Promise<string[]> {
  return Promise.all(emails.map((e) => t.userId(e)));
}

/** The rows a role should reach, by the rule of PRODUCT.md. */
async function expectedReach(email: string): Promise<Row[]> {
  const [role, territory] = email.split("@")[0].split(".");
  const code = territory === "coal" ? "COAL" : "FOOD";
  const inTerritory = all.filter((r) => r.territory.code === code);
  if (role === "manager") {
    const team = await userIds(email, `rep1.${territory}@demo.test`, `rep2.${territory}@demo.test`);
    return inTerritory.filter((r) => r.inPublicPool || (r.owner !== null && team.includes(r.owner.id)));
  }
  if (role === "rep1" || role === "rep2") {
    const me = await t.userId(email);
    return inTerritory.filter((r) => r.inPublicPool || r.owner?.id === me);
  }
  return inTerritory;
}

describe("row reach, role by role", () => {
  it("the demo data has both territories, public pools and several owners to tell roles apart", () => {
    expect(all).toHaveLength(72);
    for (const code of ["COAL", "FOOD"]) {
      const rows = all.filter((r) => r.territory.code === code);
      expect(rows).toHaveLength(36);
      expect(rows.filter((r) => r.inPublicPool).length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.owner?.id ?? null)).size).toBeGreaterThanOrEqual(4);
    }
  });

  it("EXECUTIVE reaches every territory", async () => {
    const r = await t.gql(`{ accounts(first: 1) { totalCount } }`, {}, await t.token("exec@demo.test"));
    expect(r.data.accounts.totalCount).toBe(72);
    expect(new Set(all.map((row) => row.territory.code))).toEqual(new Set(["COAL", "FOOD"]));
  });

  it.each([
    ["head.coal@demo.test", 36],
    ["head.food@demo.test", 36],
    ["ops.coal@demo.test", 36],
    ["finance.food@demo.test", 36],
    ["service.coal@demo.test", 36],
    ["marketing.food@demo.test", 36],
    ["manager.coal@demo.test", 34],
    ["manager.food@demo.test", 34],
    ["rep1.coal@demo.test", 19],
    ["rep2.coal@demo.test", 15],
    ["rep1.food@demo.test", 19],
  ])("%s reaches exactly its rows (%i), counted, listed and paged", async (email, count) => {
    const token = await t.token(email);
    const expected = await expectedReach(email);
    expect(expected).toHaveLength(count);
    const first = await t.gql(PAGE, { first: 5 }, token);
    expect(first.errors).toBeUndefined();
    expect(first.data.accounts.totalCount).toBe(count);
    // Paging with `after` never yields a row outside the reach, and yields all of it.
    const paged = await walk(token, PAGE, 4);
    expect(ids(paged)).toEqual(ids(expected));
  });

  it("SALES_MANAGER reaches the reps' accounts and the pool, not the head's", async () => {
    const token = await t.token("manager.coal@demo.test");
    const [head, rep1, rep2] = await userIds("head.coal@demo.test", "rep1.coal@demo.test", "rep2.coal@demo.test");
    const rows = await walk(token, ALL_ROWS, 100);
    expect(rows.some((r) => r.owner?.id === rep1)).toBe(true);
    expect(rows.some((r) => r.owner?.id === rep2)).toBe(true);
    expect(rows.some((r) => r.inPublicPool)).toBe(true);
    expect(rows.every((r) => r.territory.code === "COAL")).toBe(true);
    expect(rows.some((r) => r.owner?.id === head)).toBe(false);
    expect(all.some((r) => r.owner?.id === head)).toBe(true);
  });

  it("SALES_REP reaches own accounts and the own territory's public pool only", async () => {
    const token = await t.token("rep2.coal@demo.test");
    const me = await t.userId("rep2.coal@demo.test");
    const rows = await walk(token, ALL_ROWS, 100);
    expect(rows.every((r) => r.territory.code === "COAL" && (r.inPublicPool || r.owner?.id === me))).toBe(true);
    expect(rows.filter((r) => r.inPublicPool)).toHaveLength(all.filter((r) => r.inPublicPool && r.territory.code === "COAL").length);
  });

  it.each([["admin.coal@demo.test"], ["sysadmin@demo.test"]])("%s gets FORBIDDEN on accounts and account(id)", async (email) => {
    const token = await t.token(email);
    const list = await t.gql(`{ accounts { totalCount edges { node { id } } } }`, {}, token);
    expect(codes(list)).toEqual(["FORBIDDEN"]);
    expect(list.data).toBeNull();
    const one = await t.gql(ONE, { id: all[0].id }, token);
    expect(codes(one)).toEqual(["FORBIDDEN"]);
    expect(one.data).toEqual({ account: null });
  });

  it("PARTNER keys reach the granted territories only, and are no user", async () => {
    const coal = await t.gql(PAGE, { first: 100 }, coalKey);
    expect(coal.errors).toBeUndefined();
    expect(coal.data.accounts.totalCount).toBe(36);
    const coalRows = await walk(coalKey, `query($first: Int, $after: String) {
      accounts(first: $first, after: $after) { edges { node { id territory { code } } } pageInfo { hasNextPage endCursor } }
    }`, 6);
    expect(ids(coalRows)).toEqual(ids(all.filter((r) => r.territory.code === "COAL")));
    const both = await t.gql(PAGE, { first: 1 }, bothKey);
    expect(both.data.accounts.totalCount).toBe(72);
    const viewer = await t.gql(`{ viewer { id } }`, {}, coalKey);
    expect(viewer).toEqual({ status: 200, data: { viewer: null }, errors: undefined });
  });

  it("account(id) outside the reach is null, exactly as an id that does not exist", async () => {
    const food = all.find((r) => r.territory.code === "FOOD")!;
    const [rep1Coal, headCoal] = await userIds("rep1.coal@demo.test", "head.coal@demo.test");
    const coalNotRep1 = all.find((r) => r.territory.code === "COAL" && !r.inPublicPool && r.owner?.id !== rep1Coal)!;
    const coalOfHead = all.find((r) => r.owner?.id === headCoal)!;
    const cases: [string, string][] = [
      ["rep1.coal@demo.test", coalNotRep1.id],
      ["rep1.coal@demo.test", food.id],
      ["manager.coal@demo.test", coalOfHead.id],
      ["head.coal@demo.test", food.id],
      ["finance.coal@demo.test", food.id],
      ["service.coal@demo.test", food.id],
      ["marketing.coal@demo.test", food.id],
      ["ops.coal@demo.test", food.id],
    ];
    for (const [email, id] of cases) {
      const token = await t.token(email);
      const outside = await t.gql(ONE, { id }, token);
      const missing = await t.gql(ONE, { id: "987654" }, token);
      expect(outside).toEqual({ status: 200, data: { account: null }, errors: undefined });
      expect(outside).toEqual(missing);
    }
    const partner = await t.gql(ONE, { id: food.id }, coalKey);
    expect(partner).toEqual(await t.gql(ONE, { id: "987654" }, coalKey));
    expect(partner.data).toEqual({ account: null });
    // ...and inside the reach it is there.
    const own = await t.gql(ONE, { id: coalOfHead.id }, await t.token("head.coal@demo.test"));
    expect(own.data.account.id).toBe(coalOfHead.id);
  });

  it("a cursor taken from a wider view pages only through the caller's own reach", async () => {
    const exec = await t.gql(PAGE, { first: 3 }, await t.token("exec@demo.test"));
    const foreignCursor = exec.data.accounts.edges[2].cursor;
    const token = await t.token("rep1.food@demo.test");
    const expected = ids(await expectedReach("rep1.food@demo.test"));
    let after: string | null = foreignCursor;
    const seen: string[] = [];
    for (let page = 0; page < 50; page++) {
      const r: GqlResult = await t.gql(PAGE, { first: 3, after }, token);
      expect(r.errors).toBeUndefined();
      seen.push(...r.data.accounts.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!r.data.accounts.pageInfo.hasNextPage) break;
      after = r.data.accounts.pageInfo.endCursor;
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((id) => expected.includes(id))).toBe(true);
  });

  it("filters cannot widen the reach", async () => {
    const token = await t.token("rep1.coal@demo.test");
    const headCoal = await t.userId("head.coal@demo.test");
    const query = `query($filter: AccountFilter) { accounts(first: 100, filter: $filter) { totalCount edges { node { id } } } }`;
    const otherTerritory = await t.gql(query, { filter: { territoryId: territoryIds.FOOD } }, token);
    expect(otherTerritory.data.accounts).toEqual({ totalCount: 0, edges: [] });
    const headsAccounts = await t.gql(query, { filter: { ownerId: headCoal } }, token);
    expect(headsAccounts.data.accounts).toEqual({ totalCount: 0, edges: [] });
    const partner = await t.gql(query, { filter: { territoryId: territoryIds.FOOD } }, coalKey);
    expect(partner.data.accounts).toEqual({ totalCount: 0, edges: [] });
  });
});

const CONFIDENTIAL = `{
  accounts(first: 40, filter: { approvalStatus: APPROVED }) {
    edges { node { id name status creditLimit creditTermsDays riskGrade contacts { name title phone email birthday } } }
  }
}`;

type Node = { id: string; name: string; status: string; creditLimit: string | null; creditTermsDays: number | null; riskGrade: string | null; contacts: Contact[] };
type Contact = { name: string; title: string | null; phone: string | null; email: string | null; birthday: string | null };

/** The (path tail -> count) of the FORBIDDEN errors of a result; every error must be FORBIDDEN. */
function forbiddenPaths(r: GqlResult): Set<string> {
  for (const e of r.errors ?? []) expect(e.extensions?.code).toBe("FORBIDDEN");
  return new Set((r.errors ?? []).map((e) => e.path!.filter((p) => typeof p === "string").join(".")));
}

describe("field reach: confidential fields", () => {
  const CREDIT = ["accounts.edges.node.creditLimit", "accounts.edges.node.creditTermsDays", "accounts.edges.node.riskGrade"];
  const PRIVATE = ["accounts.edges.node.contacts.phone", "accounts.edges.node.contacts.email", "accounts.edges.node.contacts.birthday"];

  it.each([
    ["exec@demo.test", true, true],
    ["head.coal@demo.test", true, true],
    ["manager.coal@demo.test", true, true],
    ["ops.coal@demo.test", true, true],
    ["rep1.coal@demo.test", false, true],
    ["service.coal@demo.test", false, true],
    ["finance.coal@demo.test", true, false],
    ["marketing.coal@demo.test", false, false],
    ["partner key", false, false],
  ])("%s: credit readable %s, contact private fields readable %s", async (who, credit, privateFields) => {
    const credential = who === "partner key" ? coalKey : await t.token(who);
    const r = await t.gql(CONFIDENTIAL, {}, credential);
    const nodes: Node[] = r.data.accounts.edges.map((e: { node: Node }) => e.node);
    expect(nodes.length).toBeGreaterThan(10);
    // The rest of the answer stands.
    for (const n of nodes) {
      expect(n.name).toEqual(expect.any(String));
      expect(n.status).toEqual(expect.any(String));
      expect(n.contacts.length).toBeGreaterThan(0);
      for (const c of n.contacts) expect(c.name).toEqual(expect.any(String));
    }
    const refused = forbiddenPaths(r);
    const expectedRefused = [...(credit ? [] : CREDIT), ...(privateFields ? [] : PRIVATE)];
    expect([...refused].sort()).toEqual(expectedRefused.sort());
    const errorPaths = new Set((r.errors ?? []).map((e) => JSON.stringify(e.path)));
    nodes.forEach((n, i) => {
      for (const field of ["creditLimit", "creditTermsDays", "riskGrade"] as const) {
        if (credit) continue;
        expect(n[field]).toBeNull();
        expect(errorPaths.has(JSON.stringify(["accounts", "edges", i, "node", field]))).toBe(true);
      }
      n.contacts.forEach((c, j) => {
        for (const field of ["phone", "email", "birthday"] as const) {
          if (privateFields) continue;
          expect(c[field]).toBeNull();
          expect(errorPaths.has(JSON.stringify(["accounts", "edges", i, "node", "contacts", j, field]))).toBe(true);
        }
      });
    });
    if (credit) {
      expect(nodes.some((n) => n.creditLimit !== null && /^\d+\.\d{2}$/.test(n.creditLimit))).toBe(true);
      expect(nodes.some((n) => n.creditTermsDays !== null)).toBe(true);
      expect(nodes.some((n) => n.riskGrade !== null)).toBe(true);
    }
    if (privateFields) {
      const contacts = nodes.flatMap((n) => n.contacts);
      expect(contacts.every((c) => c.phone !== null && c.email !== null && c.birthday !== null)).toBe(true);
    }
  });

  it("a partner reads who owns an account, not how to reach them; the refusal stays at those fields", async () => {
    const r = await t.gql(`{ accounts(first: 2, filter: { inPublicPool: false }) { edges { node { name owner { name email role } } } } }`, {}, coalKey);
    const nodes = r.data.accounts.edges.map((e: { node: { name: string; owner: { name: string; email: null; role: null } } }) => e.node);
    expect(nodes).toHaveLength(2);
    for (const n of nodes) expect(n).toEqual({ name: expect.any(String), owner: { name: expect.any(String), email: null, role: null } });
    expect(forbiddenPaths(r)).toEqual(new Set(["accounts.edges.node.owner.email", "accounts.edges.node.owner.role"]));
  });

  it("a partner is refused the activities of an account, and gets the rest of the page", async () => {
    const r = await t.gql(`{ accounts(first: 3) { totalCount edges { node { name activities { subject } } } } }`, {}, coalKey);
    expect(r.data.accounts.totalCount).toBe(36);
    expect(r.data.accounts.edges).toHaveLength(3);
    for (const e of r.data.accounts.edges) expect(e.node).toEqual({ name: expect.any(String), activities: null });
    expect(forbiddenPaths(r)).toEqual(new Set(["accounts.edges.node.activities"]));
    const staff = await t.gql(`{ accounts(first: 3) { edges { node { activities(last: 2) { subject } } } } }`, {}, await t.token("marketing.coal@demo.test"));
    expect(staff.errors).toBeUndefined();
    expect(staff.data.accounts.edges[0].node.activities.length).toBeGreaterThan(0);
  });

  it("confidential fields are refused on account(id) just as on the list", async () => {
    const coal = all.find((r) => r.territory.code === "COAL" && !r.inPublicPool)!;
    const head = await t.gql(`query($id: ID!) { account(id: $id) { name riskGrade } }`, { id: coal.id }, await t.token("head.coal@demo.test"));
    expect(head.errors).toBeUndefined();
    expect(head.data.account.riskGrade).toEqual(expect.stringMatching(/^(LOW|MEDIUM|HIGH)$/));
    const marketer = await t.gql(`query($id: ID!) { account(id: $id) { name riskGrade contacts { name email } } }`, { id: coal.id }, await t.token("marketing.coal@demo.test"));
    expect(marketer.data.account.name).toBe(coal.name);
    expect(marketer.data.account.riskGrade).toBeNull();
    expect(marketer.errors!.map((e) => e.path!.join("."))).toEqual(
      expect.arrayContaining(["account.riskGrade", "account.contacts.0.email"]),
    );
    expect(codes(marketer).every((c) => c === "FORBIDDEN")).toBe(true);
  });
});
