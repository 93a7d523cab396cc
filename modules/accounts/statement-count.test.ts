import { startTestGateway, type TestGateway } from "../../test/harness";

/**
 * One SQL statement per level of a query, never one per row (ARCHITECTURE.md, step 6): the
 * statements a page costs do not grow with the page size.
 */

let t: TestGateway;
let partnerKey: string;
beforeAll(async () => {
  t = await startTestGateway();
  const exec = await t.gql(`{ territories { id } }`, {}, await t.token("exec@demo.test"));
  const created = await t.gql(
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`,
    { input: { name: "Counting partner", territoryIds: exec.data.territories.map((x: { id: string }) => x.id) } },
    await t.token("sysadmin@demo.test"),
  );
  partnerKey = created.data.createApiKey.key;
});
afterAll(() => t.stop());

const PAGE = `query($first: Int!) {
  accounts(first: $first) { edges { node { owner { name } territory { name } contacts { name } } } }
}`;

const DEEPER = `query($first: Int!) {
  accounts(first: $first) {
    totalCount
    edges { node { name owner { name manager { name } } territory { name } contacts { name account { name } } activities(last: 3) { subject owner { name } account { name } } } }
    pageInfo { endCursor }
  }
}`;

/** Statements sent for one request of `query` with page size `first`, checking the page was full. */
async function cost(query: string, first: number, credential: string): Promise<number> {
  let rows = 0;
  const statements = await t.countStatements(async () => {
    const r = await t.gql(query, { first }, credential);
    expect(r.errors).toBeUndefined();
    rows = r.data.accounts.edges.length;
  });
  expect(rows).toBe(first);
  return statements;
}

describe("statements per request", () => {
  it.each([["exec@demo.test"], ["manager.coal@demo.test"], ["partner key"]])(
    "accounts { owner territory contacts } costs the same for 5, 20 and 50 rows (%s)",
    async (who) => {
      const credential = who === "partner key" ? partnerKey : await t.token(who);
      // A viewer's first request reads who they are and a process's first page its territories (the
      // gateway keeps both), and a key's first request of a minute records its use: none is the page's.
      await cost(PAGE, 1, credential);
      // The manager reaches 34 rows, so the largest page that is full for everyone is 34.
      const sizes = who === "manager.coal@demo.test" ? [5, 20, 34] : [5, 20, 50];
      const counts = [];
      for (const size of sizes) counts.push(await cost(PAGE, size, credential));
      // The page, its owners and their contacts; territories and the viewer come from the cache.
      expect(counts[0]).toBeLessThanOrEqual(3);
      expect(counts).toEqual([counts[0], counts[0], counts[0]]);
    },
  );

  it("a deeper query costs at most one statement per level, whatever the page size", async () => {
    const token = await t.token("exec@demo.test");
    // Levels that read: page, count, owners, managers, contacts, their accounts, activities, their
    // owners, their accounts (the viewer and territories come from the gateway's cache). Loads of the
    // same loader at two levels may share a batch, so the count may be lower than that, never higher.
    const LEVELS = 9;
    for (const size of [5, 20, 50]) expect(await cost(DEEPER, size, token)).toBeLessThanOrEqual(LEVELS);
  });

  it("the same holds over more than one page", async () => {
    const token = await t.token("head.food@demo.test");
    const NEXT = `query($first: Int!, $after: String) { accounts(first: $first, after: $after) { edges { node { owner { name } contacts { name } } } pageInfo { endCursor } } }`;
    const first = await t.gql(NEXT, { first: 10 }, token);
    const after = first.data.accounts.pageInfo.endCursor;
    const small = await t.countStatements(() => t.gql(NEXT, { first: 5, after }, token));
    const large = await t.countStatements(() => t.gql(NEXT, { first: 25, after }, token));
    expect(large).toBe(small);
  });
});
