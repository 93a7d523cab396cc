import { startTestGateway, codes, type GqlResult, type TestGateway } from "../../test/harness";

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.stop());

const PAGE = `query($first: Int, $after: String, $orderBy: AccountOrder) {
  accounts(first: $first, after: $after, orderBy: $orderBy) { totalCount edges { cursor node { id name createdAt updatedAt } } pageInfo { hasNextPage endCursor } }
}`;

/** Walks every page of a list and returns the ids in the order served. */
async function walk(token: string, orderBy: unknown, first: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const r: GqlResult = await t.gql(PAGE, { first, after, orderBy }, token);
    expect(r.errors).toBeUndefined();
    ids.push(...r.data.accounts.edges.map((e: { node: { id: string } }) => e.node.id));
    if (!r.data.accounts.pageInfo.hasNextPage) break;
    after = r.data.accounts.pageInfo.endCursor;
  }
  return ids;
}

type Node = { id: string; name: string; createdAt: string; updatedAt: string };
type Order = { field: "NAME" | "CREATED_AT" | "UPDATED_AT"; direction: "ASC" | "DESC" };

// The demo names are title case throughout, so SQLite's byte order and MariaDB's case-insensitive
// collation agree with a plain string comparison.
const KEYS: Record<Order["field"], (n: Node) => string | number> = {
  NAME: (n) => n.name,
  CREATED_AT: (n) => Date.parse(n.createdAt),
  UPDATED_AT: (n) => Date.parse(n.updatedAt),
};

/** The rows sorted by the order itself, the id breaking ties in the same direction. */
function sortedBy(nodes: Node[], { field, direction }: Order): string[] {
  const sign = direction === "ASC" ? 1 : -1;
  const key = KEYS[field];
  const compare = (a: Node, b: Node) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : Number(a.id) - Number(b.id));
  return [...nodes].sort((a, b) => sign * compare(a, b)).map((n) => n.id);
}

describe("keyset pages in every order the API offers", () => {
  it.each([
    [{ field: "NAME", direction: "ASC" }],
    [{ field: "NAME", direction: "DESC" }],
    [{ field: "CREATED_AT", direction: "ASC" }],
    [{ field: "CREATED_AT", direction: "DESC" }],
    [{ field: "UPDATED_AT", direction: "ASC" }],
    [{ field: "UPDATED_AT", direction: "DESC" }],
  ] as [Order][])("serves %j in that order, and pages through it without gaps or repeats", async (orderBy) => {
    const token = await t.token("exec@demo.test");
    const oneShot = await t.gql(PAGE, { first: 100, orderBy }, token);
    const nodes: Node[] = oneShot.data.accounts.edges.map((e: { node: Node }) => e.node);
    expect(nodes).toHaveLength(oneShot.data.accounts.totalCount);
    const served = nodes.map((n) => n.id);
    expect(served).toEqual(sortedBy(nodes, orderBy));
    expect(await walk(token, orderBy, 7)).toEqual(served);
  });

  it("has ties in creation time for the id to break (the demo's two territories share them)", async () => {
    const r = await t.gql(PAGE, { first: 100, orderBy: { field: "CREATED_AT", direction: "ASC" } }, await t.token("exec@demo.test"));
    const times = r.data.accounts.edges.map((e: { node: Node }) => e.node.createdAt);
    expect(new Set(times).size).toBeLessThan(times.length);
  });

  it("defaults to 20 a page and refuses more than 100", async () => {
    const token = await t.token("exec@demo.test");
    const r = await t.gql(PAGE, {}, token);
    expect(r.data.accounts.edges).toHaveLength(20);
    const tooMany = await t.gql(PAGE, { first: 101 }, token);
    expect(codes(tooMany)).toEqual(["BAD_USER_INPUT"]);
    expect(tooMany.errors![0].extensions!.field).toBe("first");
  });

  it("refuses a cursor that is not one of ours, naming the argument", async () => {
    const r = await t.gql(PAGE, { after: "garbage" }, await t.token("exec@demo.test"));
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors![0].extensions!.field).toBe("after");
  });
});
