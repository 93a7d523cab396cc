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

describe("keyset pages in every order the API offers", () => {
  it.each([
    [{ field: "NAME", direction: "ASC" }],
    [{ field: "NAME", direction: "DESC" }],
    [{ field: "CREATED_AT", direction: "ASC" }],
    [{ field: "CREATED_AT", direction: "DESC" }],
    [{ field: "UPDATED_AT", direction: "DESC" }],
  ])("pages through %j without gaps or repeats, in the same order as one big page", async (orderBy) => {
    const token = await t.token("exec@demo.test");
    const oneShot = await t.gql(PAGE, { first: 100, orderBy }, token);
    const expected = oneShot.data.accounts.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(expected).toHaveLength(oneShot.data.accounts.totalCount);
    expect(await walk(token, orderBy, 7)).toEqual(expected);
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
