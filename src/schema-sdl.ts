import { lexicographicSortSchema, printSchema } from "graphql";
import type { CrmModule } from "./modules/contract";
import { buildBareSchema } from "./schema";

/** The committed SDL: every module enabled, sorted so that diffs show real changes only. */
export async function schemaSdl(modules: CrmModule[]): Promise<string> {
  const header = "# Written by `npm run schema` from the code; a test fails when this file is stale.\n\n";
  return header + printSchema(lexicographicSortSchema(await buildBareSchema(modules))) + "\n";
}
