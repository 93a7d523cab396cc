import { isObjectType } from "graphql";
import { composeModules } from "../registry";
import { buildGatewaySchema } from "../schema";
import { startTestGateway, type TestGateway } from "../../test/harness";
import { rowReaders } from "./rows";

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.stop());

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
});
