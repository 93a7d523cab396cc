import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { composeModules } from "./registry";
import { schemaSdl } from "./schema-sdl";

/** `npm run schema`: writes schema/schema.graphql from the code, for review and for clients. */
async function main(): Promise<void> {
  const file = resolve(__dirname, "../../schema/schema.graphql");
  writeFileSync(file, await schemaSdl(composeModules(null)));
  console.log(`wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
