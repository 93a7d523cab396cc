import { startTestGateway, type TestGateway } from "../../test/harness";
import { nextQuoteNumber } from "./quote-number";

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.stop());

describe("quote numbers", () => {
  // On MySQL the 20 transactions race for the year's first counter row; SQLite (one connection, one
  // writer) takes them one after another, as the gateway's own transactions are.
  it("the first 20 numbers of a year that has none yet, taken in 20 transactions (at once on MySQL), are 1 to 20: no duplicate, no gap", async () => {
    const db = t.gateway.services.db;
    const [territory] = await db.query("SELECT id, code FROM territories ORDER BY id LIMIT 1");
    const year = 2099;
    const take = () => db.transaction((manager) => nextQuoteNumber(manager, territory, year));
    const numbers: string[] = [];
    if (["mysql", "mariadb"].includes(db.options.type)) numbers.push(...(await Promise.all(Array.from({ length: 20 }, take))));
    else for (let i = 0; i < 20; i++) numbers.push(await take());
    expect([...numbers].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `Q-${territory.code}-${year}-${String(i + 1).padStart(6, "0")}`));
  });
});
