import { loadConfig } from "../src/config";
import type { Services } from "../src/context";
import { openDatabase } from "../src/db/data-source";
import type { CrmModule } from "../src/modules/contract";
import { composeModules } from "../src/registry";
import { freshDatabaseUrl } from "../test/harness";
import { seedDemo } from "./index";

describe("seedDemo", () => {
  it("makes the organisation, then calls each enabled module's own seed in the registry's order", async () => {
    const database = freshDatabaseUrl();
    const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: database.url });
    const db = await openDatabase(config, composeModules([]));
    try {
      const calls: string[] = [];
      const stub = (name: string, requires: string[] = []): CrmModule => ({
        name, requires, entities: [], resolvers: [], rules: {}, grants: {}, migrations: [],
        seed: async (_services, organisation) => {
          calls.push(`${name}: ${organisation.territories.map((t) => `${t.territory.code} ${t.reps.length} reps`).join(", ")}`);
        },
      });
      const modules = composeModules(["c", "a", "b"], [stub("a"), stub("b", ["a"]), stub("c", ["b"]), stub("unused")]);
      await seedDemo({ config, db } as Services, modules);
      expect(calls).toEqual(["a: COAL 2 reps, FOOD 2 reps", "b: COAL 2 reps, FOOD 2 reps", "c: COAL 2 reps, FOOD 2 reps"]);
    } finally {
      await db.destroy();
      await database.drop();
    }
  });
});
