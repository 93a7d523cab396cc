import { readFileSync } from "node:fs";
import { join } from "node:path";
import { composeModules } from "./registry";
import { schemaSdl } from "./schema-sdl";

describe("schema/schema.graphql", () => {
  it("is what the code produces (run `npm run schema` after changing resolvers or types)", async () => {
    const committed = readFileSync(join(__dirname, "../schema/schema.graphql"), "utf8");
    expect(committed).toBe(await schemaSdl(composeModules(null)));
  });
});
