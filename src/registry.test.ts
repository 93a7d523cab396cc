import { isObjectType } from "graphql";
import type { CrmModule } from "./modules/contract";
import { composeModules, mergeRules } from "./registry";
import { buildBareSchema } from "./schema";

const stub = (name: string, requires: string[] = []): CrmModule => ({ name, requires, entities: [], resolvers: [], rules: {}, grants: {}, migrations: [] });

describe("module registry", () => {
  it("orders modules by their requirements, core first", () => {
    const names = composeModules(["b", "a"], [stub("a"), stub("b", ["a"])]).map((m) => m.name);
    expect(names).toEqual(["core", "a", "b"]);
  });

  it("refuses a module whose requirement is not enabled, naming both", () => {
    expect(() => composeModules(["b"], [stub("a"), stub("b", ["a"])])).toThrow('module "b" requires "a"');
  });

  it("enables opportunities without leads, and refuses leads without opportunities", () => {
    expect(composeModules(["accounts", "opportunities"]).map((m) => m.name)).toEqual(["core", "accounts", "opportunities"]);
    expect(composeModules(["leads", "opportunities", "accounts"]).map((m) => m.name)).toEqual(["core", "accounts", "opportunities", "leads"]);
    expect(() => composeModules(["accounts", "leads"])).toThrow('module "leads" requires "opportunities", which is not enabled');
  });

  it("refuses an unknown module name", () => {
    expect(() => composeModules(["nope"], [stub("a")])).toThrow('unknown module "nope"');
  });

  it("refuses two modules guarding the same field", () => {
    const a = { ...stub("a"), rules: { Query: { x: {} } } } as unknown as CrmModule;
    const b = { ...stub("b"), rules: { Query: { x: {} } } } as unknown as CrmModule;
    expect(() => mergeRules([a, b])).toThrow("Query.x is declared twice");
  });

  it("names a rule for every operation and every object type: nothing ships unguarded by accident", async () => {
    const modules = composeModules(null);
    const schema = await buildBareSchema(modules);
    const rules = mergeRules(modules) as Record<string, Record<string, unknown>>;
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      const typeRules = rules[type.name];
      if (!typeRules) {
        missing.push(type.name);
        continue;
      }
      if (["Query", "Mutation", "Subscription"].includes(type.name)) {
        for (const field of Object.keys(type.getFields())) if (!(field in typeRules)) missing.push(`${type.name}.${field}`);
      } else if (!("*" in typeRules)) {
        for (const field of Object.keys(type.getFields())) if (!(field in typeRules)) missing.push(`${type.name}.${field}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
