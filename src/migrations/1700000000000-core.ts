import { Table, TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";
import { col } from "../db/columns";

export class Core1700000000000 implements MigrationInterface {
  name = "Core1700000000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({ name: "territories", columns: [col.id(), col.str("code", 32), col.str("name", 120)], uniques: [{ columnNames: ["code"] }] }));
    await q.createTable(
      new Table({
        name: "users",
        columns: [
          col.id(),
          col.str("email", 254),
          col.str("name", 120),
          col.str("role", 32),
          col.int("territoryId", true),
          col.int("managerId", true),
          col.str("passwordHash", 200),
          col.bool("frozen", false),
          col.datetime("frozenAt", true),
          col.datetime("createdAt"),
        ],
        uniques: [{ columnNames: ["email"] }],
        foreignKeys: [
          { columnNames: ["territoryId"], referencedTableName: "territories", referencedColumnNames: ["id"] },
          { columnNames: ["managerId"], referencedTableName: "users", referencedColumnNames: ["id"] },
        ],
      }),
    );
    await q.createIndices("users", [new TableIndex({ columnNames: ["territoryId"] }), new TableIndex({ columnNames: ["managerId"] })]);
    await q.createTable(
      new Table({
        name: "api_keys",
        columns: [
          col.id(),
          col.str("name", 120),
          col.str("prefix", 16),
          col.str("secretHash", 64),
          col.str("territoryIdList", 500),
          col.datetime("expiresAt", true),
          col.datetime("revokedAt", true),
          col.int("createdById"),
          col.datetime("createdAt"),
        ],
        uniques: [{ columnNames: ["prefix"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "audit_entries",
        columns: [col.id(), col.str("entityType", 40), col.int("entityId"), col.str("action", 40), col.str("actor", 40), col.datetime("at"), col.text("changesJson", false)],
        indices: [{ columnNames: ["entityType", "entityId", "id"] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["audit_entries", "api_keys", "users", "territories"]) await q.dropTable(table);
  }
}
