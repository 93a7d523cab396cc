import { startTestGateway, type TestGateway } from "../../test/harness";

/**
 * Each filter of `accounts` through real requests: the rows it returns are exactly the rows of the
 * caller's reach that have the value, computed here from the complete unfiltered list.
 */

let t: TestGateway;
let territoryIds: Record<"COAL" | "FOOD", string>;
/** every demo account, as the executive sees it */
let all: Row[];

interface Row {
  id: string;
  status: string;
  tier: string;
  industry: string | null;
  region: string | null;
  followUpState: string;
  approvalStatus: string;
  territory: { code: string };
}

const ROWS = `query($filter: AccountFilter) {
  accounts(first: 75, filter: $filter) {
    totalCount
    edges { node { id status tier industry region followUpState approvalStatus territory { code } } }
    pageInfo { hasNextPage }
  }
}`;

beforeAll(async () => {
  t = await startTestGateway();
  const exec = await t.token("exec@demo.test");
  const territories = await t.gql(`{ territories { id code } }`, {}, exec);
  territoryIds = Object.fromEntries(territories.data.territories.map((x: { id: string; code: string }) => [x.code, x.id])) as typeof territoryIds;
  all = await rows("exec@demo.test");
  expect(all).toHaveLength(72);
});
afterAll(() => t.stop());

/** The rows `email` gets with `filter`, on one page (75 stays under the cost limit; the demo has 72), checked against the count. */
async function rows(email: string, filter: Record<string, unknown> = {}): Promise<Row[]> {
  const r = await t.gql(ROWS, { filter }, await t.token(email));
  expect(r.errors).toBeUndefined();
  expect(r.data.accounts.pageInfo.hasNextPage).toBe(false);
  const found: Row[] = r.data.accounts.edges.map((e: { node: Row }) => e.node);
  expect(r.data.accounts.totalCount).toBe(found.length);
  return found;
}

const ids = (list: { id: string }[]) => list.map((r) => r.id).sort();

describe("filters return exactly the rows with the value", () => {
  it.each([["status"], ["tier"], ["industry"], ["region"], ["followUpState"], ["approvalStatus"]] as [keyof Row][])("%s, for every value the demo data has", async (field) => {
    const values = [...new Set(all.map((r) => r[field]))];
    expect(values.length).toBeGreaterThanOrEqual(2);
    for (const value of values) {
      const expected = all.filter((r) => r[field] === value);
      expect(ids(await rows("exec@demo.test", { [field]: value }))).toEqual(ids(expected));
    }
  });

  it("inside a narrower reach: a manager's approval queue holds the team's pending accounts of the territory", async () => {
    const reach = await rows("manager.coal@demo.test");
    const pending = await rows("manager.coal@demo.test", { approvalStatus: "PENDING" });
    expect(pending.length).toBeGreaterThan(0);
    expect(ids(pending)).toEqual(ids(reach.filter((r) => r.approvalStatus === "PENDING")));
    expect(pending.every((r) => r.territory.code === "COAL")).toBe(true);
  });

  it("territoryId inside the reach narrows to that territory", async () => {
    for (const code of ["COAL", "FOOD"] as const) {
      expect(ids(await rows("exec@demo.test", { territoryId: territoryIds[code] }))).toEqual(ids(all.filter((r) => r.territory.code === code)));
    }
    expect(ids(await rows("head.coal@demo.test", { territoryId: territoryIds.COAL }))).toEqual(ids(all.filter((r) => r.territory.code === "COAL")));
    const repReach = await rows("rep1.coal@demo.test");
    expect(repReach.length).toBeGreaterThan(0);
    expect(ids(await rows("rep1.coal@demo.test", { territoryId: territoryIds.COAL }))).toEqual(ids(repReach));
  });

  it("filters combine", async () => {
    const expected = all.filter((r) => r.territory.code === "FOOD" && r.followUpState === "OK" && r.status === "ACTIVE");
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(await rows("exec@demo.test", { territoryId: territoryIds.FOOD, followUpState: "OK", status: "ACTIVE" }))).toEqual(ids(expected));
  });

  it("archived: true lists the archive of the reach only; the default and archived: false leave it out", async () => {
    const head = await t.token("head.coal@demo.test");
    const created = await t.gql(`mutation { createAccount(input: { name: "Archive Filter Mining Co." }) { id } }`, {}, head);
    const id = created.data.createAccount.id;
    expect((await t.gql(`mutation($id: ID!) { archiveAccount(id: $id) { id } }`, { id }, head)).errors).toBeUndefined();
    expect(ids(await rows("exec@demo.test", { archived: true }))).toEqual([id]);
    expect(ids(await rows("head.coal@demo.test", { archived: true, territoryId: territoryIds.COAL }))).toEqual([id]);
    expect(await rows("head.food@demo.test", { archived: true })).toEqual([]);
    expect(ids(await rows("exec@demo.test"))).toEqual(ids(all));
    expect(ids(await rows("exec@demo.test", { archived: false }))).toEqual(ids(all));
  });
});
