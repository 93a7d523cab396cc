import { inTransaction } from "../db/unit-of-work";
import { codes, startTestGateway, type TestGateway } from "../../test/harness";
import { territoryChanged, userChanged } from "./org.events";
import { Territory } from "./territory.entity";
import { User } from "./user.entity";

/**
 * Territories and the users and keys behind credentials are kept between requests (org-cache.ts):
 * requests stop paying for them, and a change still shows on the very next request.
 */

const FREEZE = `mutation($id: ID!) { freezeUser(id: $id) { frozen } }`;
/** Reads nothing: what it costs is what authenticating costs. */
const NOTHING = `{ __typename }`;
const OWNED_BY = `query($o: ID!) { accounts(first: 100, filter: { ownerId: $o }) { totalCount } }`;

describe("with the cache (the default)", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.stop());

  /** A change written as every user or territory write is: in a unit of work, announcing it. */
  const write = (work: Parameters<typeof inTransaction>[1]) => inTransaction({ ...t.gateway.services, viewer: null }, work);

  it("a viewer's first request reads who they are, the next ones nothing; a list page reads no territory", async () => {
    const token = await t.token("head.coal@demo.test");
    expect(await t.countStatements(() => t.gql(NOTHING, {}, token))).toBe(1);
    expect(await t.countStatements(() => t.gql(NOTHING, {}, token))).toBe(0);

    const page = (fields: string) => `{ accounts(first: 20) { edges { node { name owner { name } ${fields} } } } }`;
    await t.gql(page("territory { name }"), {}, token);
    const withTerritory = await t.countStatements(async () => {
      const r = await t.gql(page("territory { name }"), {}, token);
      expect(r.data.accounts.edges[19].node.territory).toEqual({ name: "Coal Trading" });
    });
    expect(withTerritory).toBe(await t.countStatements(() => t.gql(page(""), {}, token)));
  });

  it("a partner key is read once, then its use recorded once a minute", async () => {
    const territories = (await t.gql(`{ territories { id } }`, {}, await t.token("exec@demo.test"))).data.territories.map((x: { id: string }) => x.id);
    const created = await t.gql(`mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`, { i: { name: "Cached key", territoryIds: territories } }, await t.token("sysadmin@demo.test"));
    const key = created.data.createApiKey.key;
    // The key's row, and when it was used.
    expect(await t.countStatements(() => t.gql(NOTHING, {}, key))).toBe(2);
    expect(await t.countStatements(() => t.gql(NOTHING, {}, key))).toBe(0);
  });

  it("a frozen user is refused on the next request", async () => {
    const token = await t.token("marketing.coal@demo.test");
    expect((await t.gql(NOTHING, {}, token)).status).toBe(200);
    expect((await t.gql(FREEZE, { id: await t.userId("marketing.coal@demo.test") }, await t.token("admin.coal@demo.test"))).errors).toBeUndefined();
    const refused = await t.gql(NOTHING, {}, token);
    expect(refused.status).toBe(401);
    expect(codes(refused)).toEqual(["UNAUTHENTICATED"]);
  });

  it("a manager's team follows a report who moves, from the next request", async () => {
    const manager = await t.token("manager.coal@demo.test");
    const rep2 = Number(await t.userId("rep2.coal@demo.test"));
    const head = Number(await t.userId("head.coal@demo.test"));
    const managerId = Number(await t.userId("manager.coal@demo.test"));
    const owned = async () => (await t.gql(OWNED_BY, { o: String(rep2) }, manager)).data.accounts.totalCount;
    const reach = await owned();
    expect(reach).toBeGreaterThan(0);
    // No API moves a user yet: this is what its service does.
    const moveTo = (to: number) =>
      write(async (uow) => {
        await uow.manager.update(User, { id: rep2 }, { managerId: to });
        uow.emit(userChanged(rep2));
      });
    await moveTo(head);
    expect(await owned()).toBe(0);
    await moveTo(managerId);
    expect(await owned()).toBe(reach);
  });

  it("a territory renamed shows on the next request", async () => {
    const token = await t.token("head.food@demo.test");
    const name = async () => (await t.gql(`{ accounts(first: 1) { edges { node { territory { name } } } } }`, {}, token)).data.accounts.edges[0].node.territory.name;
    expect(await name()).toBe("Food & Beverage");
    const food = Number((await t.territoryIds()).FOOD);
    // No API renames a territory yet: this is what its service does.
    const rename = (to: string) =>
      write(async (uow) => {
        await uow.manager.update(Territory, { id: food }, { name: to });
        uow.emit(territoryChanged(food));
      });
    await rename("Food and Drinks");
    try {
      expect(await name()).toBe("Food and Drinks");
    } finally {
      await rename("Food & Beverage");
    }
    expect(await name()).toBe("Food & Beverage");
  });

  it("a write it hears nothing of (SQL by hand, another instance) shows once the entries' age passes VIEWER_CACHE_TTL_MS", async () => {
    const token = await t.token("finance.coal@demo.test");
    expect((await t.gql(NOTHING, {}, token)).status).toBe(200);
    await t.gateway.services.db.query("UPDATE users SET frozen = 1 WHERE id = ?", [Number(await t.userId("finance.coal@demo.test"))]);
    // Kept meanwhile: that is the bound several instances without Redis live with.
    expect((await t.gql(NOTHING, {}, token)).status).toBe(200);
    const now = Date.now;
    const later = jest.spyOn(Date, "now").mockImplementation(() => now() + t.gateway.services.config.viewerCacheTtlMs);
    try {
      expect(codes(await t.gql(NOTHING, {}, token))).toEqual(["UNAUTHENTICATED"]);
    } finally {
      later.mockRestore();
    }
  });
});

describe("with VIEWER_CACHE=0", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ VIEWER_CACHE: "0" });
  });
  afterAll(() => t.stop());

  it("reads the user on every request, and so sees a write by hand at once", async () => {
    const token = await t.token("service.food@demo.test");
    expect(await t.countStatements(() => t.gql(NOTHING, {}, token))).toBe(1);
    expect(await t.countStatements(() => t.gql(NOTHING, {}, token))).toBe(1);
    await t.gateway.services.db.query("UPDATE users SET frozen = 1 WHERE id = ?", [Number(await t.userId("service.food@demo.test"))]);
    expect(codes(await t.gql(NOTHING, {}, token))).toEqual(["UNAUTHENTICATED"]);
  });
});
