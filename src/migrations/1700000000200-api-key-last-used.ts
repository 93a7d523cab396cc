import { TableColumn, type MigrationInterface, type QueryRunner } from "typeorm";
import { col } from "../db/columns";

/** When each partner key was last used, for system admins to find keys nobody uses any more. */
export class ApiKeyLastUsed1700000000200 implements MigrationInterface {
  name = "ApiKeyLastUsed1700000000200";

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn("api_keys", new TableColumn(col.datetime("lastUsedAt", true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn("api_keys", "lastUsedAt");
  }
}
