import { inTransaction } from "../db/unit-of-work";
import { startTestGateway, type TestGateway } from "../../test/harness";
import { territoryChanged } from "./org.events";
import { Territory } from "./territory.entity";

/**
 * Territories are kept between requests (org-cache.ts): requests stop paying for them, and a change
 * still shows on the very next request.
 */

describe("with the cache", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.stop());

  /** A change written as every territory write is: in a unit of work, announcing it. */
  const write = (work: Parameters<typeof inTransaction>[1]) => inTransaction({ ...t.gateway.services, viewer: null }, work);

  it("a list page reads no territory", async () => {
    const token = await t.token("head.coal@demo.test");
    const page = (fields: string) => `{ accounts(first: 20) { edges { node { name owner { name } ${fields} } } } }`;
    await t.gql(page("territory { name }"), {}, token);
    const withTerritory = await t.countStatements(async () => {
      const r = await t.gql(page("territory { name }"), {}, token);
      expect(r.data.accounts.edges[19].node.territory).toEqual({ name: "Coal Trading" });
    });
    expect(withTerritory).toBe(await t.countStatements(() => t.gql(page(""), {}, token)));
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
});
