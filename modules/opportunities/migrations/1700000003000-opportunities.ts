import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { col } from "../../../src/db/columns";

const users = (column: string) => ({ columnNames: [column], referencedTableName: "users", referencedColumnNames: ["id"] });
const territories = { columnNames: ["territoryId"], referencedTableName: "territories", referencedColumnNames: ["id"] };

/**
 * Opportunities with their stage history, and per-territory pipelines; an index for every filter
 * and keyset order. These tables were created by the leads migration (Leads1700000002000) until
 * opportunities became a module of their own; a database migrated then has them already, and keeps them.
 */
export class Opportunities1700000003000 implements MigrationInterface {
  name = "Opportunities1700000003000";

  async up(q: QueryRunner): Promise<void> {
    if (await q.hasTable("opportunities")) return;
    await q.createTable(
      new Table({
        name: "opportunities",
        columns: [
          col.id(),
          col.str("name", 200),
          col.int("accountId"),
          col.int("territoryId"),
          col.int("ownerId"),
          col.money("amount", false),
          col.str("expectedCloseDate", 10),
          col.str("stage", 16),
          col.int("probability"),
          col.str("status", 16),
          col.str("requestedOutcome", 8, true),
          col.str("lostReason", 500, true),
          col.datetime("closeRequestedAt", true),
          col.datetime("closedAt", true),
          col.int("closedById", true),
          col.text("competitors", false),
          col.str("nextStep", 500, true),
          col.text("attachments", false),
          col.int("leadId", true),
          col.datetime("lastActivityAt", true),
          col.datetime("activityClockAt"),
          col.int("createdById", true),
          col.datetime("createdAt"),
          col.datetime("updatedAt"),
          { name: "version", type: "integer", default: 1 },
        ],
        foreignKeys: [
          { columnNames: ["accountId"], referencedTableName: "accounts", referencedColumnNames: ["id"] },
          territories,
          users("ownerId"),
        ],
        indices: [
          { columnNames: ["territoryId", "createdAt", "id"] },
          { columnNames: ["ownerId", "createdAt", "id"] },
          { columnNames: ["createdAt", "id"] },
          { columnNames: ["name", "id"] },
          { columnNames: ["amount", "id"] },
          { columnNames: ["expectedCloseDate", "id"] },
          { columnNames: ["status", "activityClockAt"] },
          { columnNames: ["accountId"] },
          { columnNames: ["stage"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "opportunity_stage_changes",
        columns: [col.id(), col.int("opportunityId"), col.str("fromStage", 16, true), col.str("toStage", 16), col.int("changedById", true), col.datetime("changedAt")],
        foreignKeys: [{ columnNames: ["opportunityId"], referencedTableName: "opportunities", referencedColumnNames: ["id"] }],
        indices: [{ columnNames: ["opportunityId", "changedAt", "id"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "pipeline_stages",
        columns: [
          { name: "territoryId", type: "integer", isPrimary: true },
          { name: "stage", type: "varchar", length: "16", isPrimary: true },
          col.int("probability"),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["pipeline_stages", "opportunity_stage_changes", "opportunities"]) await q.dropTable(table);
  }
}
